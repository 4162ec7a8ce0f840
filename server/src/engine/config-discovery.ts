import { CONFIG_FILE_NAMES } from './config-file';
import { matchesGlob } from '../core/glob';

/**
 * Where `.bulkhead.yaml` is looked for, and what its `ignore` globs exclude. Pure path logic on
 * `/`-separated paths, so the CLI, the Node server and the browser server share it.
 */

export function dirnameOf(path: string): string {
  const i = path.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : path.slice(0, i);
}

/** Candidate config paths from the file's directory up to the root, nearest first. */
export function configCandidates(filePath: string): string[] {
  const out: string[] = [];
  let dir = dirnameOf(filePath);
  for (let guard = 0; guard < 64; guard++) {
    for (const name of CONFIG_FILE_NAMES) out.push(dir === '/' ? `/${name}` : `${dir}/${name}`);
    const parent = dirnameOf(dir);
    if (parent === dir || dir === '.' || dir === '') break;
    dir = parent;
  }
  return out;
}

/** The nearest config file, read through `read` (which returns undefined for a missing file). */
export function findConfig(filePath: string, read: (path: string) => string | undefined): { path: string; text: string } | null {
  for (const candidate of configCandidates(filePath)) {
    const text = read(candidate);
    if (text !== undefined) return { path: candidate, text };
  }
  return null;
}

/**
 * gitignore-like matching of `ignore` globs, relative to the config file's directory:
 * a glob without `/` matches a file or directory name at any depth; `dir/` means everything under it.
 */
export function isIgnored(filePath: string, configPath: string, globs: readonly string[]): boolean {
  const base = dirnameOf(configPath);
  const prefix = base === '/' ? '/' : `${base}/`;
  if (!filePath.startsWith(prefix)) return false;
  const rel = filePath.slice(prefix.length);
  const parts = rel.split('/');
  for (let g of globs) {
    if (g.startsWith('./')) g = g.slice(2);
    if (g.startsWith('/')) g = g.slice(1);
    if (g.endsWith('/')) g += '**';
    if (!g.includes('/')) {
      if (parts.some((p) => matchesGlob(p, g))) return true;
    } else if (matchesGlob(rel, g) || matchesGlob(rel, `${g}/**`)) {
      return true;
    }
  }
  return false;
}
