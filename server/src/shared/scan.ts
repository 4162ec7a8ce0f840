import { kindFromName } from './file-kinds';

/**
 * The workspace walk of the checklist: Dockerfiles and Compose files by name, depth first, skipping
 * `node_modules` and VCS folders, capped. The Node server walks its disk with the synchronous
 * version; the VS Code client walks `workspace.fs` (virtual workspaces, the browser) with the
 * asynchronous one, so both find the same files in the same order. No dependencies but file-kinds.
 */

export const MAX_SCAN_FILES = 3000;
/** Directory entries looked at before a scan gives up (a workspace can be a home directory). */
export const MAX_SCAN_ENTRIES = 200_000;
export const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface DirectoryEntry {
  name: string;
  type: 'file' | 'directory';
}

export interface ScanLimits {
  files: number;
  entries: number;
}

export interface ScanResult {
  paths: string[];
  truncated: boolean;
}

const DEFAULT_LIMITS: ScanLimits = { files: MAX_SCAN_FILES, entries: MAX_SCAN_ENTRIES };
const byNameDescending = (a: DirectoryEntry, b: DirectoryEntry) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0);
const join = (dir: string, name: string) => (dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`);

/** One directory's entries: pushes subdirectories, collects candidates; false when a limit was hit. */
function visit(dir: string, entries: DirectoryEntry[] | undefined, stack: string[], out: ScanResult, seen: { n: number }, limits: ScanLimits): boolean {
  for (const e of [...(entries ?? [])].sort(byNameDescending)) {
    if (++seen.n > limits.entries) return false;
    const p = join(dir, e.name);
    if (e.type === 'directory') {
      if (!SKIP_DIRS.has(e.name)) stack.push(p);
    } else if (kindFromName(p)) {
      if (out.paths.length >= limits.files) return false;
      out.paths.push(p);
    }
  }
  return true;
}

/** Paths of the files named like Dockerfiles or Compose files under `root`, depth first, capped. */
export function listCandidateFiles(root: string, readDirectory: (dir: string) => DirectoryEntry[] | undefined, limits: ScanLimits = DEFAULT_LIMITS): ScanResult {
  const out: ScanResult = { paths: [], truncated: false };
  const stack = [root];
  const seen = { n: 0 };
  while (stack.length > 0) {
    const dir = stack.pop()!;
    if (!visit(dir, readDirectory(dir), stack, out, seen, limits)) return { ...out, truncated: true };
  }
  return out;
}

/** The same walk over an asynchronous directory reader (`vscode.workspace.fs`). */
export async function listCandidateFilesAsync(
  root: string,
  readDirectory: (dir: string) => Promise<DirectoryEntry[] | undefined>,
  limits: ScanLimits = DEFAULT_LIMITS,
): Promise<ScanResult> {
  const out: ScanResult = { paths: [], truncated: false };
  const stack = [root];
  const seen = { n: 0 };
  while (stack.length > 0) {
    const dir = stack.pop()!;
    if (!visit(dir, await readDirectory(dir), stack, out, seen, limits)) return { ...out, truncated: true };
  }
  return out;
}
