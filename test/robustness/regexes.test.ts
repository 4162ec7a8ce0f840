import { describe, expect, it } from 'vitest';
import { matchesGlob, matchesWildcard } from '../../server/src/core/glob';
import { classifyValue, findSecretValues, findTokens, findUrlCredentials, nameTokens, referencedNames, secretFileKind } from '../../server/src/knowledge/secrets';
import { adversarialInputs, build, scanRegexes, type Adversarial } from './regex-sources';

/**
 * Every regular expression in server/src, fed adversarial strings: no catastrophic (exponential)
 * and no quadratic backtracking. Each literal is tried on every adversarial input at 5,000
 * characters; its slowest one is then run at 100,000 characters, where a linear pattern takes a
 * few milliseconds and a quadratic one seconds. The bound is generous, so load does not make it flaky.
 */

const SMALL = 2_000;
const LARGE = 100_000;
const BOUND_MS = 1_000;

/** Runs a pattern the way the code does: every match of a global pattern, the first of others. */
function exercise(re: RegExp, s: string): void {
  if (re.global) {
    re.lastIndex = 0;
    for (const _ of s.matchAll(re)) void _;
  } else re.exec(s);
}

function timed(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

/**
 * Patterns that are super-linear on a string in isolation but not where they are used. Keyed by
 * file and source, so an entry goes stale (and this test fails) when the pattern changes.
 */
const LINEAR_IN_USE: Record<string, string> = {
  'server/src/parse/dockerfile.ts /"((?:[^"\\\\\\n\\r]|\\\\.)*)"|(\\])|([^\\s,])/g':
    'parseJsonForm stops at the first stray character, so an unterminated string is scanned once, not retried from every later quote',
};

const { literals, dynamic } = scanRegexes();

describe('regular expressions in server/src', () => {
  it('are found by the scan (a few hundred literals)', () => {
    expect(literals.length).toBeGreaterThan(300);
  });

  it(`no literal backtracks super-linearly: slowest adversarial input at ${LARGE} characters under ${BOUND_MS} ms`, () => {
    const slow: string[] = [];
    const used = new Set<string>();
    for (const r of literals) {
      const key = `${r.file} /${r.source}/${r.flags}`;
      const re = new RegExp(r.source, r.flags);
      let worst: { a: Adversarial; ms: number } = { a: { unit: 'a', end: '' }, ms: -1 };
      for (const a of adversarialInputs(r.source)) {
        const s = build(a, SMALL);
        const ms = timed(() => exercise(re, s));
        if (ms > worst.ms) worst = { a, ms };
      }
      const big = build(worst.a, LARGE);
      const ms = timed(() => exercise(re, big));
      if (ms > BOUND_MS) {
        if (LINEAR_IN_USE[key]) used.add(key);
        else slow.push(`${r.file}:${r.line} /${r.source}/${r.flags}: ${ms.toFixed(0)} ms on ${JSON.stringify(worst.a)} x ${LARGE}`);
      }
    }
    expect(slow).toEqual([]);
    // An allow-list entry that no longer names a slow pattern is stale: remove it.
    expect(Object.keys(LINEAR_IN_USE).filter((k) => !used.has(k))).toEqual([]);
  }, 120_000);
});

/**
 * Patterns built at run time, each with why its input cannot make it costly. A new `new RegExp(...)`
 * fails this test until it is reviewed and listed here.
 */
const DYNAMIC: Record<string, string> = {
  'server/src/fixes/secret-mount.ts': 'the name is checked against ^[A-Za-z_][A-Za-z0-9_]*$ first and the id is its lower case: plain words, no operators',
  'server/src/knowledge/download-checks.ts': 'the option letter is a constant of the caller (`V`, `K`), in an anchored pattern',
  'server/src/knowledge/secrets.ts': 'token formats built from constants with bounded repeats (`{36,255}`) and a lookbehind: linear',
  'server/src/lsp/hover.ts': 'the word is a Dockerfile keyword or Compose key from the keyword tables (hover only renders known ones)',
  'server/src/rules/no-maintainer.ts': 'the escape character is `\\` or a backtick (parser directive), followed by a fixed pattern',
};

describe('regular expressions built at run time', () => {
  it('are each reviewed: every file that builds one is listed with the reason its pattern is safe', () => {
    expect([...new Set(dynamic.map((d) => d.file))].sort()).toEqual(Object.keys(DYNAMIC).sort());
  });

  it('globs from configuration are matched without backtracking (a *a*a*...*b pattern on 100,000 characters)', () => {
    const text = 'a'.repeat(LARGE);
    for (const glob of ['*a'.repeat(40) + '*b', '**/'.repeat(40) + 'b', '**'.repeat(40) + 'b', '?*'.repeat(40) + '/', `${'*a/'.repeat(20)}x`]) {
      expect(timed(() => matchesGlob(text, glob)), glob).toBeLessThan(BOUND_MS);
      expect(timed(() => matchesGlob(`${'a/'.repeat(LARGE / 2)}`, glob)), glob).toBeLessThan(BOUND_MS);
    }
    for (const pattern of ['*a'.repeat(40) + '*b', '*'.repeat(200) + 'b']) expect(timed(() => matchesWildcard(text, pattern)), pattern).toBeLessThan(BOUND_MS);
  });

  it('globs keep their meaning: * within a segment, ** across, ? one character', () => {
    expect(matchesGlob('docker.io/library/nginx', 'docker.io/**')).toBe(true);
    expect(matchesGlob('docker.io/library/nginx', 'docker.io/*')).toBe(false);
    expect(matchesGlob('a/b/c.yaml', '**/c.yaml')).toBe(true);
    expect(matchesGlob('c.yaml', '**/c.yaml')).toBe(true);
    expect(matchesGlob('ab', 'a?')).toBe(true);
    expect(matchesGlob('a/', 'a?')).toBe(false);
    expect(matchesGlob('x.corp.example', '*.corp.example')).toBe(true);
    expect(matchesWildcard('node-v20.1.0-linux-x64.tar.gz', 'node-*-linux-*.tar.gz')).toBe(true);
    expect(matchesWildcard('node.tar.gz', 'node-*')).toBe(false);
  });

  it('the secret scanners stay linear on adversarial text', () => {
    const scanners: [string, (s: string) => unknown][] = [
      ['findTokens', findTokens],
      ['findSecretValues', findSecretValues],
      ['findUrlCredentials', findUrlCredentials],
      ['nameTokens', nameTokens],
      ['classifyValue', classifyValue],
      ['referencedNames', referencedNames],
      ['secretFileKind', secretFileKind],
    ];
    const units = ['a', 'A', '0', 'ghp_', 'AKIA', '-----BEGIN ', '://', 'a:b@', '${', '$', '/', '_', 'aA', 'A1', ' ', '=', '"'];
    for (const [name, scan] of scanners) {
      for (const unit of units) {
        const s = build({ unit, end: '\u0000' }, LARGE);
        expect(timed(() => scan(s)), `${name} on ${JSON.stringify(unit)} x ${LARGE}`).toBeLessThan(BOUND_MS);
      }
    }
  });
});
