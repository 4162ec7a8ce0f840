/**
 * Path arithmetic on the `/`-separated absolute paths the engine receives (`/work/app/compose.yaml`,
 * `C:/work/app/Dockerfile`), for rules that locate a related file. Pure string work: no file system.
 */

/** True for `/x` and `C:/x` (and `C:\x`). */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[/\\]/.test(path);
}

/** True when a build context or path is remote or needs the environment (`https://…`, `git@…`, `${DIR}`). */
export function isRemoteOrVariable(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) || path.startsWith('git@') || path.includes('$');
}

/** Resolves `.` and `..` segments and turns `\` into `/`. A leading `..` that climbs above the root is dropped. */
export function normalizePath(path: string): string {
  const p = path.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:/.exec(p)?.[0] ?? '';
  const rest = p.slice(drive.length);
  const absolute = rest.startsWith('/');
  const out: string[] = [];
  for (const seg of rest.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const body = out.join('/');
  if (absolute) return `${drive}/${body}`;
  return drive + (body === '' ? '.' : body);
}

/** The directory of a path: `/a/b/c` → `/a/b`, `/a` → `/`. */
export function dirName(path: string): string {
  const p = normalizePath(path);
  const slash = p.lastIndexOf('/');
  if (slash < 0) return '.';
  if (slash === 0 || (slash === 2 && /^[A-Za-z]:/.test(p))) return p.slice(0, slash + 1);
  return p.slice(0, slash);
}

/** The last segment of a path. */
export function fileName(path: string): string {
  const p = path.replace(/\\/g, '/');
  return p.slice(p.lastIndexOf('/') + 1);
}

/** `base` joined with `rel`, unless `rel` is absolute; normalised. */
export function resolvePath(base: string, rel: string): string {
  if (isAbsolutePath(rel)) return normalizePath(rel);
  return normalizePath(`${base}/${rel}`);
}

/** `path` relative to directory `from` (`../x` when outside it); unchanged when they are on different drives. */
export function relativePath(from: string, path: string): string {
  const a = normalizePath(from).split('/').filter((x) => x !== '');
  const b = normalizePath(path).split('/').filter((x) => x !== '');
  if (!isAbsolutePath(from) || !isAbsolutePath(path) || (a[0] !== b[0] && /^[A-Za-z]:$/.test(a[0] ?? ''))) return normalizePath(path);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => '..');
  return [...up, ...b.slice(i)].join('/') || '.';
}
