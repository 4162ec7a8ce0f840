import { compiledGlob, DOCKERIGNORE_GLOB } from '../core/glob';
import { normalizePath } from './file-paths';

/**
 * `.dockerignore` files as BuildKit reads them (moby/patternmatcher): one pattern a line; a line
 * that starts with `#` is a comment; surrounding spaces are trimmed; `!` re-includes; patterns are
 * cleaned like paths (`./a/` is `a`, a leading `/` is dropped) and anchored at the context root.
 * `*` and `?` stay inside one path segment, `**` spans any number of segments, `[a-z]` is a class,
 * `\` escapes. A path is excluded when the last pattern that matches it or one of its parent
 * directories is not a `!` pattern. Matching uses the one linear glob matcher of core/glob.ts
 * (its `.dockerignore` flavour), never a regular expression built from the file.
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

/** Whether one cleaned pattern matches one path, with patternmatcher's fast paths for `x/**` and `**\/x` patterns. */
export function matchPattern(pattern: string, path: string): boolean {
  const g = compiledGlob(pattern, DOCKERIGNORE_GLOB);
  if (g.literal !== null) return g.literal === path;
  const wildcards = pattern.replace(/\\./g, '').match(/\*\*|\*|\?|\[/g) ?? [];
  if (wildcards.length === 1 && pattern.endsWith('**') && !/[\\[?]/.test(pattern)) return path.startsWith(pattern.slice(0, -2));
  if (wildcards.length === 1 && pattern.startsWith('**') && !/[\\[?]/.test(pattern)) {
    // `**/name` (and `**name`): a suffix test, as BuildKit does it.
    const suffix = pattern.slice(2);
    return path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
  }
  return g.test(path);
}
