import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { kindFromName } from '../shared/file-kinds';
import { listCandidateFiles, type ScanLimits } from '../shared/scan';
import type { Target } from '../core/types';
import { directoryReader, gitEntryProbe, repositoryRoot } from '../node-fs/directories';
import { describeFsError, isInside, resolveWithin } from '../node-fs/read-text';

export interface FileTarget {
  path: string;
  /** Known from the name, or null for an explicit file whose kind depends on its content. */
  kind: Target | null;
  explicit: boolean;
  /** The boundary of the argument it came from: no link read for this file may leave it. */
  root: string;
}

export interface PathProblem {
  path: string;
  reason: string;
}

/** The CLI's walk limits: larger than the editor's (a CI job checks a whole monorepo), still bounded. */
export const CLI_SCAN_LIMITS: ScanLimits = { files: 100_000, entries: 2_000_000, depth: 64 };

/**
 * Where the CLI's reading and configuration discovery stop for the paths it was given: the
 * repository root (a folder with a `.git` entry) above each path; outside a repository, the working
 * directory when the path is inside it, else the path itself (a folder) or its folder (a file).
 */
export class Boundaries {
  readonly isGitRoot = gitEntryProbe();
  /** The real paths of boundary folders, asked once per run (the files of a boundary share it). */
  readonly realPaths = new Map<string, string | null>();
  /** The working directory when it is in no repository (then it bounds discovery), else null. */
  private readonly cwdBoundary: string | null;

  constructor(cwd: string) {
    this.cwdBoundary = repositoryRoot(cwd, this.isGitRoot) === null ? cwd : null;
  }

  /** The boundary of one command-line path (absolute). */
  rootOf(abs: string, isDirectory: boolean): string {
    const dir = isDirectory ? abs : dirname(abs);
    return repositoryRoot(dir, this.isGitRoot) ?? (this.cwdBoundary !== null && isInside(abs, this.cwdBoundary) ? this.cwdBoundary : dir);
  }

  /** Whether configuration discovery stops at this folder (`/`-separated or native). */
  isConfigBoundary = (dir: string): boolean => this.isGitRoot(dir) || (this.cwdBoundary !== null && resolve(dir) === this.cwdBoundary);
}

/**
 * Expands the command-line paths: files are taken as given, directories are walked for Dockerfiles,
 * Compose files and Dev Container configurations by name with the one walk of `shared/scan.ts` (linked directories are not
 * entered). A path that is a link out of its boundary is refused with where it points.
 */
export function discover(paths: readonly string[], boundaries: Boundaries): { files: FileTarget[]; problems: PathProblem[] } {
  const files: FileTarget[] = [];
  const problems: PathProblem[] = [];
  const read = directoryReader(problems);
  for (const p of paths) {
    const abs = resolve(p);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch (e) {
      problems.push({ path: p, reason: describeFsError(e) });
      continue;
    }
    const root = boundaries.rootOf(abs, isDir);
    const where = resolveWithin(abs, root);
    if ('problem' in where) {
      problems.push({ path: p, reason: where.problem });
      continue;
    }
    if (!isDir) {
      files.push({ path: p, kind: kindFromName(p), explicit: true, root });
      continue;
    }
    const listed = listCandidateFiles(p, read, CLI_SCAN_LIMITS);
    for (const f of listed.paths) files.push({ path: f, kind: kindFromName(f), explicit: false, root });
    if (listed.truncated) {
      problems.push({ path: p, reason: `the walk stopped at its limit (${CLI_SCAN_LIMITS.files} files, ${CLI_SCAN_LIMITS.entries} entries or ${CLI_SCAN_LIMITS.depth} folders deep); name smaller folders` });
    }
  }
  return { files, problems };
}

export { describeFsError };
