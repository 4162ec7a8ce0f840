import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { kindFromName } from '../shared/file-kinds';
import type { Target } from '../core/types';

export interface FileTarget {
  path: string;
  /** Known from the name, or null for an explicit file whose kind depends on its content. */
  kind: Target | null;
  explicit: boolean;
}

export interface PathProblem {
  path: string;
  reason: string;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

function describe(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return e instanceof Error ? e.message : String(e);
}

/**
 * Expands the command-line paths: files are taken as given, directories are searched for
 * Dockerfiles, Compose files and Dev Container configurations by name. Symbolic links are followed, but a directory already
 * visited (a link loop) is reported instead of walked again.
 */
export function discover(paths: readonly string[]): { files: FileTarget[]; problems: PathProblem[] } {
  const files: FileTarget[] = [];
  const problems: PathProblem[] = [];
  const visited = new Set<string>();

  const walk = (dir: string): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (e) {
      problems.push({ path: dir, reason: describe(e) });
      return;
    }
    if (visited.has(real)) {
      problems.push({ path: dir, reason: `symbolic link loop (already searched ${real})` });
      return;
    }
    visited.add(real);
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (e) {
      problems.push({ path: dir, reason: describe(e) });
      return;
    }
    for (const name of entries) {
      if (SKIP_DIRS.has(name)) continue;
      const p = dir === '.' ? name : join(dir, name);
      let isDir: boolean;
      try {
        isDir = statSync(p).isDirectory();
      } catch (e) {
        // A dangling link or an unreadable entry matters only if it looks like one of our files.
        if (kindFromName(p)) problems.push({ path: p, reason: describe(e) });
        continue;
      }
      if (isDir) walk(p);
      else {
        const kind = kindFromName(p);
        if (kind) files.push({ path: p, kind, explicit: false });
      }
    }
  };

  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      problems.push({ path: p, reason: describe(e) });
      continue;
    }
    if (isDir) walk(p);
    else files.push({ path: p, kind: kindFromName(p), explicit: true });
  }
  return { files, problems };
}

export { describe as describeFsError };
