/**
 * The one glob matcher: `.bulkhead.yaml` values (`ignore`, `trustedRegistries`, image patterns),
 * `.dockerignore` patterns (knowledge/dockerignore.ts) and shell-style wildcards. `*` matches
 * within one path segment, `**` across segments, `?` one character; the `.dockerignore` flavour
 * adds character classes (`[a-z]`, `[^a-z]`) and `\` escapes, and reads a `**` that is not at the
 * end as BuildKit does (nothing, or any run that ends with a slash).
 *
 * Globs come from files in the workspace, so they are matched by simulating all positions of the
 * pattern at once, never by a backtracking regular expression: the time is at most (text length) x
 * (pattern length), whatever the pattern (`*a*a*a*a*b` included). A glob is compiled once and the
 * compiled form kept (`compileGlob`), so a long list costs its compilation once, not per file.
 */

import { kept } from './kept';

const enum T {
  Literal,
  /** `?`: one character other than `/`. */
  One,
  /** `*`: any run of characters other than `/`. */
  Star,
  /** `**` at the end, or anywhere in the wildcard flavour: any run of characters. */
  Any,
  /** `**` followed by `/` (and any inner `**` in the dockerignore flavour): nothing, or any run ending with `/`. */
  Dirs,
  /** `[...]`: one character other than `/` in (or, negated, not in) the ranges. */
  Class,
}

type Token = { t: T.Literal; c: string } | { t: T.One | T.Star | T.Any | T.Dirs } | { t: T.Class; negate: boolean; ranges: [string, string][] };

export interface GlobFlavour {
  /** `*` matches `/` too (shell-style wildcards over whole strings). */
  anyStar?: boolean;
  /** `[...]` classes and `\` escapes (`.dockerignore`). */
  classes?: boolean;
  /** An inner `**` not followed by a slash means "nothing, or any run ending with a slash" (BuildKit) rather than any run. */
  innerDoubleStarIsDirs?: boolean;
}

export interface CompiledGlob {
  readonly source: string;
  /** No wildcard at all: `literal` is the text it matches. */
  readonly literal: string | null;
  test(text: string): boolean;
}

export const CONFIG_GLOB: GlobFlavour = {};
export const WILDCARD: GlobFlavour = { anyStar: true };
export const DOCKERIGNORE_GLOB: GlobFlavour = { classes: true, innerDoubleStarIsDirs: true };

function classEnd(glob: string, open: number): number {
  for (let j = open + 1; j < glob.length; j++) {
    if (glob[j] === '\\') j++;
    else if (glob[j] === ']' && j > open + 1) return j;
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
    } else ranges.push([chars[k], chars[k]]);
  }
  return { t: T.Class, negate, ranges };
}

/** Tokens of a glob, or null when a class is not closed (the dockerignore flavour then matches the pattern literally). */
function tokenize(glob: string, f: GlobFlavour): Token[] | null {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && f.anyStar) tokens.push({ t: T.Any });
    else if (c === '*') {
      if (glob[i + 1] !== '*') {
        tokens.push({ t: T.Star });
        continue;
      }
      i++;
      const slash = glob[i + 1] === '/';
      if (slash) i++;
      const atEnd = i + 1 >= glob.length;
      tokens.push({ t: f.innerDoubleStarIsDirs ? (atEnd ? T.Any : T.Dirs) : slash ? T.Dirs : T.Any });
    } else if (c === '?' && !f.anyStar) tokens.push({ t: T.One });
    else if (c === '\\' && f.classes) {
      tokens.push({ t: T.Literal, c: glob[i + 1] ?? '\\' });
      i++;
    } else if (c === '[' && f.classes) {
      const close = classEnd(glob, i);
      if (close < 0) return null;
      tokens.push(parseClass(glob.slice(i + 1, close)));
      i = close;
    } else tokens.push({ t: T.Literal, c });
  }
  return tokens;
}

/** Whether the whole text matches the tokens: a set of pattern positions advanced one character at a time. */
function run(text: string, tokens: readonly Token[]): boolean {
  const m = tokens.length;
  let cur = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  // Closes a state set under the tokens that may match nothing (every wildcard but `?` and classes).
  const close = (set: Uint8Array) => {
    for (let i = 0; i < m; i++) if (set[i] && tokens[i].t !== T.Literal && tokens[i].t !== T.One && tokens[i].t !== T.Class) set[i + 1] = 1;
  };
  cur[0] = 1;
  close(cur);
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    next.fill(0);
    for (let i = 0; i < m; i++) {
      if (!cur[i]) continue;
      const tok = tokens[i];
      switch (tok.t) {
        case T.Literal:
          if (tok.c === c) next[i + 1] = 1;
          break;
        case T.One:
          if (c !== '/') next[i + 1] = 1;
          break;
        case T.Class:
          if (c !== '/' && tok.ranges.some(([a, b]) => c >= a && c <= b) !== tok.negate) next[i + 1] = 1;
          break;
        case T.Star:
          if (c !== '/') next[i] = 1;
          break;
        case T.Any:
          next[i] = 1;
          break;
        case T.Dirs:
          next[i] = 1;
          if (c === '/') next[i + 1] = 1;
          break;
      }
    }
    close(next);
    let any = false;
    for (let i = 0; i <= m && !any; i++) any = next[i] === 1;
    if (!any) return false;
    [cur, next] = [next, cur];
  }
  return cur[m] === 1;
}

/** Compiles a glob in a flavour. Compile once, test many times. */
export function compileGlob(glob: string, flavour: GlobFlavour = CONFIG_GLOB): CompiledGlob {
  const tokens = tokenize(glob, flavour);
  if (tokens === null) return { source: glob, literal: glob, test: (text) => text === glob };
  const literal = tokens.every((k) => k.t === T.Literal) ? tokens.map((k) => (k as { c: string }).c).join('') : null;
  if (literal !== null) return { source: glob, literal, test: (text) => text === literal };
  // A match starts with the glob's leading literal characters: most texts are turned away by that
  // alone, before the simulation (a long ignore list is mostly patterns that name other folders).
  let n = 0;
  while (tokens[n].t === T.Literal) n++;
  const prefix = tokens.slice(0, n).map((k) => (k as { c: string }).c).join('');
  return { source: glob, literal: null, test: (text) => text.startsWith(prefix) && run(text, tokens) };
}

/** Recently used compiled globs, per flavour (rule options, registries, `.dockerignore` patterns: short lists). */
const recent = new Map<GlobFlavour, Map<string, CompiledGlob>>();

/** `compileGlob`, kept for the next call with the same glob and flavour (at most 1,000 per flavour). */
export function compiledGlob(glob: string, flavour: GlobFlavour = CONFIG_GLOB): CompiledGlob {
  let byGlob = recent.get(flavour);
  if (!byGlob) recent.set(flavour, (byGlob = new Map()));
  return kept(byGlob, glob, 1000, () => compileGlob(glob, flavour));
}

export function matchesGlob(text: string, glob: string): boolean {
  return compiledGlob(glob, CONFIG_GLOB).test(text);
}

export function matchesAny(text: string, globs: readonly string[]): boolean {
  return globs.some((g) => matchesGlob(text, g));
}

/** Shell-style `*` wildcards (any run of characters, `/` included); every other character is literal. Linear like `matchesGlob`. */
export function matchesWildcard(text: string, pattern: string): boolean {
  return compiledGlob(pattern, WILDCARD).test(text);
}
