import { isExcluded, type IgnorePattern } from './dockerignore';
import { resolvePath } from './file-paths';

/**
 * Secret-looking files in a build context: what `dockerignore-secrets` looks for when the edge can
 * list the context directory (`RelatedFiles.list`). Names only, never contents: a local `.env`, a
 * private key, a registry token file, a cloud credentials directory, the Git repository (whose
 * history keeps every secret ever committed).
 */

/** A file name that holds secrets by convention. Examples and templates (`.env.example`) do not. */
export function secretFileName(name: string): boolean {
  const n = name.toLowerCase();
  if (/^\.env(\..+)?$/.test(n)) return !/\.(example|sample|template|dist|defaults?|tpl|schema)$/.test(n);
  if (/^id_(rsa|dsa|ecdsa|ed25519)(_[\w-]+)?$/.test(n)) return true;
  if (/\.(key|p12|pfx|jks|keystore|ppk)$/.test(n)) return !/\.pub\.key$/.test(n);
  if (/\.pem$/.test(n)) return /(key|priv)/.test(n);
  return ['.npmrc', '.pypirc', '.netrc', '.git-credentials', '.dockercfg', '.htpasswd', 'credentials.json'].includes(n);
}

/** A directory that holds secrets by convention. */
export function secretDirName(name: string): boolean {
  return ['.git', '.aws', '.ssh', '.gnupg', '.kube', '.azure', '.docker'].includes(name.toLowerCase());
}

/** Directories not worth walking into: dependencies and build output, large and never hand-made secrets. */
const SKIP = new Set(['node_modules', 'vendor', '.venv', 'venv', '__pycache__', 'target', 'dist', 'build', '.gradle', '.m2', '.terraform']);

export interface ContextScan {
  /** Secret-looking paths (relative to the context, `/`-separated; directories end with `/`) that the patterns leave in. */
  exposed: string[];
  /** False when the context could not be listed, or a bound cut the walk short. */
  complete: boolean;
}

/**
 * Bounds of the walk: how deep, how many names in all, and how many pattern tests (a path against
 * one `.dockerignore` line). The last bounds a hostile context: 5,000 files against a `.dockerignore`
 * of 20,000 lines took 155 s, and the language server would have been stuck as long.
 */
export const SCAN_LIMITS = { depth: 4, names: 2000, patternTests: 200_000 };

/**
 * Walks the context (breadth first, bounded) and returns the secret-looking files and directories
 * that `patterns` do not exclude. `keep` says which relative paths the build needs (files it copies
 * by name, `.git` for a build that reads the repository); those are not reported.
 */
export function exposedSecrets(
  contextDir: string,
  list: (dir: string) => readonly string[] | undefined,
  patterns: readonly IgnorePattern[],
  keep: (relative: string) => boolean,
): ContextScan {
  const exposed: string[] = [];
  let names = 0;
  let complete = true;
  let level: string[] = [''];
  const reincludes = patterns.some((p) => p.exclusion);
  let tests = 0;
  // Whether the patterns leave a path out; null once the pattern tests would pass their bound.
  const excludes = (path: string): boolean | null => {
    tests += patterns.length;
    return tests > SCAN_LIMITS.patternTests ? null : isExcluded(path, patterns);
  };
  for (let depth = 0; depth < SCAN_LIMITS.depth && level.length > 0; depth++) {
    const next: string[] = [];
    for (const rel of level) {
      const entries = list(rel === '' ? contextDir : resolvePath(contextDir, rel));
      if (entries === undefined) {
        if (rel === '') return { exposed: [], complete: false };
        continue;
      }
      for (const entry of entries) {
        if (++names > SCAN_LIMITS.names) return { exposed, complete: false };
        const dir = entry.endsWith('/');
        const name = dir ? entry.slice(0, -1) : entry;
        const path = rel === '' ? name : `${rel}/${name}`;
        // Files are tested against the patterns only when they look like secrets.
        if (!dir && !(secretFileName(name) && !keep(path))) continue;
        const excluded = excludes(path);
        if (excluded === null) return { exposed, complete: false };
        if (dir && secretDirName(name)) {
          if (!excluded && !keep(path)) exposed.push(`${path}/`);
        } else if (dir) {
          // An excluded directory is left out whole, unless a `!` pattern may bring something back.
          if (!SKIP.has(name.toLowerCase()) && (!excluded || reincludes)) next.push(path);
        } else if (!excluded) {
          exposed.push(path);
        }
      }
    }
    level = next;
    if (depth === SCAN_LIMITS.depth - 1 && level.length > 0) complete = false;
  }
  return { exposed, complete };
}
