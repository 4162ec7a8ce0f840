import { normalizePath } from './file-paths';

/**
 * `.dockerignore` files as BuildKit reads them (moby/patternmatcher): one pattern a line; a line
 * that starts with `#` is a comment; surrounding spaces are trimmed; `!` re-includes; patterns are
 * cleaned like paths (`./a/` is `a`, a leading `/` is dropped) and anchored at the context root.
 * `*` and `?` stay inside one path segment, `**` spans any number of segments, `[a-z]` is a class,
 * `\` escapes. A path is excluded when the last pattern that matches it or one of its parent
 * directories is not a `!` pattern. Matching runs on a small automaton, never a regular
 * expression built from the file.
 */

export interface IgnorePattern {
  pattern: string;
  exclusion: boolean;
  /** 0-based line in the file. */
  line: number;
}

export function parseDockerignore(text: string): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  lines.forEach((raw, line) => {
    if (raw.startsWith('#')) return;
    let p = raw.trim();
    if (p === '') return;
    const exclusion = p.startsWith('!');
    if (exclusion) p = p.slice(1).trim();
    if (p !== '') {
      p = cleanPattern(p);
      if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
    }
    out.push({ pattern: p, exclusion, line });
  });
  return out;
}

/** Go's `filepath.Clean` for the forms that occur in ignore files. */
function cleanPattern(p: string): string {
  const rooted = p.startsWith('/');
  const n = normalizePath(p);
  if (rooted) return n;
  return n.startsWith('/') ? n.slice(1) : n;
}

/** True when BuildKit leaves `path` (relative to the context, `/`-separated) out of the build context. */
export function isExcluded(path: string, patterns: readonly IgnorePattern[]): boolean {
  const file = normalizePath(path);
  const parts = file.split('/');
  const parents = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
  let matched = false;
  for (const p of patterns) {
    // An inclusion only matters once something matched, an exclusion only before.
    if (p.exclusion !== matched) continue;
    if (matchPattern(p.pattern, file) || parents.some((dir) => matchPattern(p.pattern, dir))) matched = !p.exclusion;
  }
  return matched;
}

type Token =
  | { t: 'lit'; c: string }
  | { t: 'star' }
  | { t: 'one' }
  | { t: 'class'; negate: boolean; ranges: [string, string][] }
  | { t: 'dirs' }
  | { t: 'rest' };

/** Whether one cleaned pattern matches one path, with patternmatcher's fast paths for plain, `x/**` and `**\/x` patterns. */
export function matchPattern(pattern: string, path: string): boolean {
  const tokens = tokenize(pattern);
  if (!tokens) return pattern === path;
  const wild = tokens.filter((k) => k.t !== 'lit');
  const lit = (from: number, to = tokens.length) => tokens.slice(from, to).map((k) => (k.t === 'lit' ? k.c : '')).join('');
  if (wild.length === 0) return lit(0) === path;
  if (wild.length === 1 && tokens[tokens.length - 1].t === 'rest') return path.startsWith(lit(0, tokens.length - 1));
  if (wild.length === 1 && pattern.startsWith('**')) {
    // `**/name` (and `**name`): a suffix test, as BuildKit does it.
    const suffix = pattern.slice(2);
    return path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
  }
  return run(tokens, path);
}

function tokenize(pattern: string): Token[] | null {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') i++;
        out.push(i + 1 >= pattern.length ? { t: 'rest' } : { t: 'dirs' });
      } else {
        out.push({ t: 'star' });
      }
    } else if (c === '?') {
      out.push({ t: 'one' });
    } else if (c === '\\') {
      out.push({ t: 'lit', c: pattern[i + 1] ?? '\\' });
      i++;
    } else if (c === '[') {
      const close = classEnd(pattern, i);
      if (close < 0) return null;
      out.push(parseClass(pattern.slice(i + 1, close)));
      i = close;
    } else {
      out.push({ t: 'lit', c });
    }
  }
  return out;
}

function classEnd(pattern: string, open: number): number {
  for (let j = open + 1; j < pattern.length; j++) {
    if (pattern[j] === '\\') j++;
    else if (pattern[j] === ']' && j > open + 1) return j;
  }
  return -1;
}

function parseClass(body: string): Token {
  const negate = body.startsWith('^');
  const chars = [...(negate ? body.slice(1) : body).replace(/\\(.)/g, '$1')];
  const ranges: [string, string][] = [];
  for (let k = 0; k < chars.length; k++) {
    if (chars[k + 1] === '-' && k + 2 < chars.length) {
      ranges.push([chars[k], chars[k + 2]]);
      k += 2;
    } else {
      ranges.push([chars[k], chars[k]]);
    }
  }
  return { t: 'class', negate, ranges };
}

/** Dynamic programming over (token, character): linear in pattern × path, no backtracking blow-up. */
function run(tokens: Token[], path: string): boolean {
  const memo = new Map<number, boolean>();
  const width = path.length + 1;
  const go = (ti: number, pi: number): boolean => {
    const key = ti * width + pi;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let ok: boolean;
    if (ti === tokens.length) {
      ok = pi === path.length;
    } else {
      const tok = tokens[ti];
      const c = path[pi];
      switch (tok.t) {
        case 'lit':
          ok = c === tok.c && go(ti + 1, pi + 1);
          break;
        case 'one':
          ok = c !== undefined && c !== '/' && go(ti + 1, pi + 1);
          break;
        case 'class': {
          const inside = c !== undefined && tok.ranges.some(([a, b]) => c >= a && c <= b);
          ok = c !== undefined && c !== '/' && inside !== tok.negate && go(ti + 1, pi + 1);
          break;
        }
        case 'star':
          ok = go(ti + 1, pi) || (c !== undefined && c !== '/' && go(ti, pi + 1));
          break;
        case 'rest':
          ok = true;
          break;
        case 'dirs':
          // `(.*/)?`: nothing, or anything up to and including a `/`.
          ok = go(ti + 1, pi);
          for (let j = pi; !ok && j < path.length; j++) if (path[j] === '/') ok = go(ti + 1, j + 1);
          break;
      }
    }
    memo.set(key, ok);
    return ok;
  };
  return go(0, 0);
}
