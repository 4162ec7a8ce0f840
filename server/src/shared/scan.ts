import { kindFromName } from './file-kinds';

/**
 * The one directory walk: the CLI's discovery, the Node server's checklist scan (its disk) and the
 * VS Code client's (`workspace.fs`: virtual workspaces, the browser) all list Dockerfiles and
 * Compose files by name with it, so they find the same files in the same order: a folder's files
 * in name order, then its subfolders in name order, depth first. It skips `node_modules` and VCS
 * folders and never enters a linked directory (`link` entries): a walk cannot loop, leave the tree
 * or reach `/` through a link, and finds each file once, under its own path. Every loop is bounded
 * by size (entries looked at, files found, depth), never by time. No dependencies but file-kinds.
 */

export const MAX_SCAN_FILES = 3000;
/** Directory entries looked at before a scan gives up (a workspace can be a home directory). */
export const MAX_SCAN_ENTRIES = 200_000;
/** Folder depth below the root that a walk enters. */
export const MAX_SCAN_DEPTH = 64;
export const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface DirectoryEntry {
  name: string;
  /** `link`: a symbolic link to a directory, never entered. A link to anything else is a `file`. */
  type: 'file' | 'directory' | 'link';
}

export interface ScanLimits {
  files: number;
  entries: number;
  depth?: number;
}

export interface ScanResult {
  paths: string[];
  /** True when a limit stopped the walk: some files were not listed. */
  truncated: boolean;
}

const DEFAULT_LIMITS: ScanLimits = { files: MAX_SCAN_FILES, entries: MAX_SCAN_ENTRIES, depth: MAX_SCAN_DEPTH };
const byName = (a: DirectoryEntry, b: DirectoryEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const join = (dir: string, name: string) => (dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`);

interface Walk {
  out: ScanResult;
  stack: { dir: string; depth: number }[];
  seen: number;
  limits: ScanLimits;
}

/** One directory's entries: collects candidates, pushes subdirectories; false when a limit was hit. */
function visit(w: Walk, dir: string, depth: number, entries: DirectoryEntry[] | undefined): boolean {
  const subdirs: string[] = [];
  for (const e of [...(entries ?? [])].sort(byName)) {
    if (++w.seen > w.limits.entries) return false;
    if (e.type === 'directory') {
      if (!SKIP_DIRS.has(e.name)) subdirs.push(join(dir, e.name));
    } else if (e.type === 'file' && kindFromName(join(dir, e.name))) {
      if (w.out.paths.length >= w.limits.files) return false;
      w.out.paths.push(join(dir, e.name));
    }
  }
  if (subdirs.length > 0 && depth >= (w.limits.depth ?? MAX_SCAN_DEPTH)) return false;
  for (let i = subdirs.length - 1; i >= 0; i--) w.stack.push({ dir: subdirs[i], depth: depth + 1 });
  return true;
}

function start(root: string, limits: ScanLimits): Walk {
  return { out: { paths: [], truncated: false }, stack: [{ dir: root, depth: 0 }], seen: 0, limits };
}

/** Paths of the files named like Dockerfiles or Compose files under `root`, capped. */
export function listCandidateFiles(root: string, readDirectory: (dir: string) => DirectoryEntry[] | undefined, limits: ScanLimits = DEFAULT_LIMITS): ScanResult {
  const w = start(root, limits);
  while (w.stack.length > 0) {
    const { dir, depth } = w.stack.pop()!;
    if (!visit(w, dir, depth, readDirectory(dir))) return { ...w.out, truncated: true };
  }
  return w.out;
}

/** The same walk over an asynchronous directory reader (`vscode.workspace.fs`). */
export async function listCandidateFilesAsync(
  root: string,
  readDirectory: (dir: string) => Promise<DirectoryEntry[] | undefined>,
  limits: ScanLimits = DEFAULT_LIMITS,
): Promise<ScanResult> {
  const w = start(root, limits);
  while (w.stack.length > 0) {
    const { dir, depth } = w.stack.pop()!;
    if (!visit(w, dir, depth, await readDirectory(dir))) return { ...w.out, truncated: true };
  }
  return w.out;
}
