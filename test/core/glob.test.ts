import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob, CONFIG_GLOB, DOCKERIGNORE_GLOB, type GlobFlavour } from '../../server/src/core/glob';
import { SEED } from '../robustness/arbitraries';

/** Glob pieces over a small alphabet, so random globs and texts often match: every kind of token. */
const piece = fc.constantFrom('a', 'b', '/', '.', '*', '**', '**/', '?', '[ab]', '[^a]', '\\*');
const glob = fc.array(piece, { minLength: 1, maxLength: 7 }).map((p) => p.join(''));
const text = fc.array(fc.constantFrom('a', 'b', '/', '.', '*'), { maxLength: 10 }).map((c) => c.join(''));

describe('compileGlob: the leading literal characters turn texts away before the simulation', () => {
  // `?` + glob tokenises to one `?` and then the glob's own tokens, and has no literal prefix, so
  // the left side below runs the whole simulation; the right side may stop at the prefix test.
  const same = (flavour: GlobFlavour) => (g: string, t: string) => {
    expect(compileGlob(`?${g}`, flavour).test(`x${t}`), `${g} on ${t}`).toBe(compileGlob(g, flavour).test(t));
  };

  it('answers as the simulation does (random globs and texts, seeded; both flavours with a `?`)', () => {
    fc.assert(fc.property(glob, text, same(DOCKERIGNORE_GLOB)), { seed: SEED, numRuns: 4000 });
    fc.assert(fc.property(glob, text, same(CONFIG_GLOB)), { seed: SEED, numRuns: 4000 });
  });

  it('keeps the prefix exact: escapes are literal, a wildcard ends it', () => {
    const g = compileGlob('build\\*/*.log', DOCKERIGNORE_GLOB);
    expect([g.test('build*/a.log'), g.test('buildx/a.log'), g.test('build*/a/b.log')]).toEqual([true, false, false]);
    const h = compileGlob('a**/b', DOCKERIGNORE_GLOB);
    expect([h.test('ab'), h.test('a/b'), h.test('ax/y/b'), h.test('b')]).toEqual([true, true, true, false]);
  });
});
