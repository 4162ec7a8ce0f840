import { compileGlob, DOCKERIGNORE_GLOB } from '../core/glob';
import { kept, keptByText } from '../core/kept';
import { normalizePath } from './file-paths';

/**
 * `.dockerignore` files as BuildKit reads them (moby/patternmatcher): one pattern a line; a line
 * that starts with `#` is a comment; surrounding spaces are trimmed; `!` re-includes; patterns are
 * cleaned like paths (`./a/` is `a`, a leading `/` is dropped) and anchored at the context root.
 * `*` and `?` stay inside one path segment, `**` spans any number of segments, `[a-z]` is a class,
 * `\` escapes. A path is excluded when the last pattern that matches it or one of its parent
 * directories is not a `!` pattern. Matching uses the one linear glob matcher of core/glob.ts
 * (its `.dockerignore` flavour), never a regular expression built from the file.
 *
 * A `.dockerignore` comes from the workspace and may hold up to the size limit (about 200,000
 * lines), and each analysis tests dozens of paths against it: each pattern is compiled once, the
 * first time it is tested, and kept with the pattern; a short file's parse (and the last long
 * one's) is kept for the next analysis that reads the same text, with the answers it gave.
 */

export interface IgnorePattern {
  pattern: string;
  exclusion: boolean;
  /** 0-based line in the file. */
  line: number;
}

/**
 * Parses kept by text (32 short files and the last long one): the editor re-analyses with the same
 * `.dockerignore`, the CLI analyses a folder's Dockerfiles with it. Without the long one, every
 * Dockerfile beside a megabyte-sized `.dockerignore`, and every keystroke in one, would parse and
 * compile it again: seconds each.
 */
export const parseDockerignore: (text: string) => readonly IgnorePattern[] = keptByText(parsePatterns, 32);

function parsePatterns(text: string): IgnorePattern[] {
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

/**
 * Answers per parse, by normalised path: a parse is never changed, and the analyses that share it
 * ask about the same paths (the usual secret files, the context's listing), each answer a walk of
 * every pattern. Bounded, as the paths come from the workspace.
 */
const answers = new WeakMap<readonly IgnorePattern[], Map<string, boolean>>();
const KEPT_ANSWERS = 10_000;

/** True when BuildKit leaves `path` (relative to the context, `/`-separated) out of the build context. */
export function isExcluded(path: string, patterns: readonly IgnorePattern[]): boolean {
  const file = normalizePath(path);
  let known = answers.get(patterns);
  if (!known) answers.set(patterns, (known = new Map()));
  return kept(known, file, KEPT_ANSWERS, () => excludedNow(file, patterns));
}

function excludedNow(file: string, patterns: readonly IgnorePattern[]): boolean {
  const parts = file.split('/');
  const parents = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
  let matched = false;
  for (const p of patterns) {
    // An inclusion only matters once something matched, an exclusion only before.
    if (p.exclusion !== matched) continue;
    const matches = matcherOf(p);
    if (matches(file) || parents.some(matches)) matched = !p.exclusion;
  }
  return matched;
}

/** Each parsed pattern's matcher, compiled when first tested and dropped with the pattern. */
const matchers = new WeakMap<IgnorePattern, (path: string) => boolean>();

function matcherOf(p: IgnorePattern): (path: string) => boolean {
  let m = matchers.get(p);
  if (m === undefined) matchers.set(p, (m = compilePattern(p.pattern)));
  return m;
}

/** Whether one cleaned pattern matches one path. */
export function matchPattern(pattern: string, path: string): boolean {
  return compilePattern(pattern)(path);
}

/** One cleaned pattern as a test, with patternmatcher's fast paths for `x/**` and `**\/x` patterns. */
function compilePattern(pattern: string): (path: string) => boolean {
  const g = compileGlob(pattern, DOCKERIGNORE_GLOB);
  const literal = g.literal;
  if (literal !== null) return (path) => path === literal;
  const wildcards = pattern.replace(/\\./g, '').match(/\*\*|\*|\?|\[/g) ?? [];
  if (wildcards.length === 1 && pattern.endsWith('**') && !/[\\[?]/.test(pattern)) {
    const prefix = pattern.slice(0, -2);
    return (path) => path.startsWith(prefix);
  }
  if (wildcards.length === 1 && pattern.startsWith('**') && !/[\\[?]/.test(pattern)) {
    // `**/name` (and `**name`): a suffix test, as BuildKit does it.
    const suffix = pattern.slice(2);
    const rootName = suffix.startsWith('/') ? suffix.slice(1) : null;
    return (path) => path.endsWith(suffix) || path === rootName;
  }
  return (path) => g.test(path);
}
