import { normalisePath, trimSlashes } from '../shared/checklist-links';
import type { Forge } from '../shared/checklist-report';

/**
 * Finds the git checkout around a directory and the forge its remote lives on, by reading `.git`
 * as text through the caller's reader (no process, no network): `.git/HEAD` (or a worktree's
 * `.git` file and its `gitdir`, `commondir`), the ref it names (loose, else `packed-refs`), and
 * the remote's URL in `config` (the branch's remote, else `origin`, else the first). GitHub
 * (also Enterprise hosts named `github.*`), GitLab (`gitlab.*`) and Bitbucket Cloud remotes are
 * known, over https, ssh and the scp-like `git@host:owner/repo.git`; credentials in a URL are
 * dropped. Anything else gives null, and the checklist links files by relative path.
 */

/** Reads a file by absolute `/`-separated path; undefined when missing or unreadable. */
export type TextReader = (path: string) => string | undefined;

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const SEGMENT = /^[A-Za-z0-9._~-]+$/;

function parentOf(dir: string): string | null {
  const i = trimSlashes(dir).lastIndexOf('/');
  if (i < 0) return null;
  const parent = i === 0 ? '/' : dir.slice(0, i);
  return parent === dir ? null : parent;
}

const join = (dir: string, rel: string) => (dir.endsWith('/') ? `${dir}${rel}` : `${dir}/${rel}`);

/** An absolute path for `target` written relative to `dir` (or already absolute). */
function resolveFrom(dir: string, target: string): string {
  if (target.startsWith('/') || /^[A-Za-z]:\//.test(target)) return trimSlashes(target);
  const drive = /^[A-Za-z]:/.exec(dir)?.[0] ?? '';
  const rest = drive ? dir.slice(drive.length) : dir;
  const norm = normalisePath(`${rest.replace(/^\/+/, '')}/${target}`);
  return norm === null ? '' : `${drive}/${norm}`;
}

/** The `/`-terminated path of `dir` inside `root`, or null when it is not inside. */
export function prefixWithin(root: string, dir: string): string | null {
  const r = trimSlashes(root);
  const d = trimSlashes(dir);
  if (d === r) return '';
  return d.startsWith(`${r}/`) ? `${d.slice(r.length + 1)}/` : null;
}

/** Parses a remote URL into the forge's web address; null for unknown hosts or odd paths. */
export function forgeFromRemote(url: string): Pick<Forge, 'host' | 'web'> | null {
  const u = url.trim();
  let host: string;
  let path: string;
  const full = /^(?:https?|ssh|git\+ssh|ssh\+git|git):\/\/(?:[^@/]*@)?([^/:?#]+)(?::\d*)?\/([^?#]*)$/i.exec(u);
  const scp = /^(?:[^@/:]+@)?([^/:]+):(?!\/)([^?#]*)$/.exec(u);
  if (full) [, host, path] = full;
  else if (scp && scp[1].length > 1) [, host, path] = scp;
  else return null;
  host = host.toLowerCase().replace(/^(?:ssh|altssh)\./, '');
  const kind: Forge['host'] | null =
    host === 'github.com' || host.startsWith('github.') ? 'github' : host === 'gitlab.com' || host.startsWith('gitlab.') ? 'gitlab' : host === 'bitbucket.org' ? 'bitbucket' : null;
  if (!kind) return null;
  const parts = trimSlashes(path).replace(/\.git$/, '').split('/').filter((p) => p !== '');
  if (parts.length < 2 || (kind !== 'gitlab' && parts.length !== 2) || !parts.every((p) => SEGMENT.test(p) && p !== '.' && p !== '..')) return null;
  return { host: kind, web: `https://${host}/${parts.join('/')}` };
}

/** The remotes and branch remotes of a git `config` file. */
export function parseGitConfig(text: string): { remotes: Map<string, string>; branchRemote: Map<string, string> } {
  const remotes = new Map<string, string>();
  const branchRemote = new Map<string, string>();
  let section: { kind: string; name: string } | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]$/.exec(line);
    if (head) {
      section = { kind: head[1].toLowerCase(), name: head[2] ?? '' };
      continue;
    }
    const kv = /^([A-Za-z][A-Za-z0-9-]*)\s*=\s*(.*)$/.exec(line);
    if (!kv || !section) continue;
    const key = kv[1].toLowerCase();
    const value = kv[2].replace(/^"(.*)"$/, '$1').trim();
    if (section.kind === 'remote' && key === 'url' && !remotes.has(section.name)) remotes.set(section.name, value);
    if (section.kind === 'branch' && key === 'remote') branchRemote.set(section.name, value);
  }
  return { remotes, branchRemote };
}

function resolveRef(ref: string, gitDir: string, commonDir: string, read: TextReader): string | null {
  for (let depth = 0; depth < 5; depth++) {
    const loose = (read(join(gitDir, ref)) ?? read(join(commonDir, ref)))?.trim();
    if (loose && SHA.test(loose)) return loose;
    const next = loose && /^ref:\s*(\S+)$/.exec(loose)?.[1];
    if (next) {
      ref = next;
      continue;
    }
    for (const line of (read(join(commonDir, 'packed-refs')) ?? '').split(/\r?\n/)) {
      const [sha, name] = line.trim().split(/\s+/);
      if (name === ref && SHA.test(sha)) return sha;
    }
    return null;
  }
  return null;
}

/** The checkout containing `dir`: its root, and the forge at HEAD's commit for files under `dir`. */
export function findForge(dir: string, read: TextReader): { root: string; forge: Forge } | null {
  for (let d: string | null = trimSlashes(dir) || '/', guard = 0; d !== null && guard < 64; d = parentOf(d), guard++) {
    let gitDir = join(d, '.git');
    let head = read(join(gitDir, 'HEAD'));
    if (head === undefined) {
      const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(read(gitDir) ?? '')?.[1];
      if (!pointer) continue;
      gitDir = resolveFrom(d, pointer);
      head = read(join(gitDir, 'HEAD'));
      if (head === undefined) return null;
    }
    const common = read(join(gitDir, 'commondir'))?.trim();
    const commonDir = common ? resolveFrom(gitDir, common) : gitDir;
    const h = head.trim();
    const ref = /^ref:\s*(\S+)$/.exec(h)?.[1];
    const commit = ref ? resolveRef(ref, gitDir, commonDir, read) : SHA.test(h) ? h : null;
    const { remotes, branchRemote } = parseGitConfig(read(join(commonDir, 'config')) ?? '');
    const branch = ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
    const name = [branch && branchRemote.get(branch), 'origin', ...remotes.keys()].find((n) => n && remotes.has(n));
    const remote = name ? forgeFromRemote(remotes.get(name)!) : null;
    const prefix = prefixWithin(d, dir);
    if (!commit || !remote || prefix === null) return null;
    return { root: d, forge: { ...remote, commit, prefix } };
  }
  return null;
}
