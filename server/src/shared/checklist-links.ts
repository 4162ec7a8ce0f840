import type { Forge } from './checklist-report';

/**
 * Where a finding's `path:line` link points: the file on the forge at the checked commit when the
 * files are a git checkout with a known remote (so the link resolves in a pull request), else the
 * path relative to the checked root. Client-safe.
 */

/** The path without trailing slashes (a loop, not `/\/+$/`, which backtracks on a long run of slashes). */
export function trimSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  return path.slice(0, end);
}

/** `a/./b/../c` → `a/c`; null when the path leaves the root or is absolute. */
export function normalisePath(path: string): string | null {
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return null;
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/** The file at the commit on the forge (a line anchor when `line` is given, 1-based); null outside the repository. */
export function forgeFileUrl(forge: Forge, file: string, line?: number): string | null {
  const path = normalisePath(forge.prefix + file);
  if (path === null || path === '') return null;
  const p = encodePath(path);
  switch (forge.host) {
    case 'github':
      return `${forge.web}/blob/${forge.commit}/${p}${line ? `#L${line}` : ''}`;
    case 'gitlab':
      return `${forge.web}/-/blob/${forge.commit}/${p}${line ? `#L${line}` : ''}`;
    case 'bitbucket':
      return `${forge.web}/src/${forge.commit}/${p}${line ? `#lines-${line}` : ''}`;
  }
}

export function forgeCommitUrl(forge: Forge): string {
  switch (forge.host) {
    case 'github':
      return `${forge.web}/commit/${forge.commit}`;
    case 'gitlab':
      return `${forge.web}/-/commit/${forge.commit}`;
    case 'bitbucket':
      return `${forge.web}/commits/${forge.commit}`;
  }
}

/** The link target of `file:line`: on the forge, else relative (`compose.yaml#L7`). */
export function fileLink(file: string, line: number, forge?: Forge): string {
  return (forge && forgeFileUrl(forge, file, line)) ?? `${encodePath(file)}#L${line}`;
}
