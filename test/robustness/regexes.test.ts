import { describe, expect, it } from 'vitest';
import { matchesGlob, matchesWildcard } from '../../server/src/core/glob';
import { classifyValue, findSecretValues, findTokens, findUrlCredentials, nameTokens, referencedNames, secretFileKind } from '../../server/src/knowledge/secrets';
import { cpuGrowth, describeGrowth, screenedCpuGrowth, SUPERLINEAR_RATIO, type Growth } from '../helpers/growth';
import { adversarialInputs, build, scanRegexes, type Adversarial } from './regex-sources';

/**
 * Every regular expression in server/src, fed adversarial strings: no catastrophic (exponential)
 * and no quadratic backtracking. Each literal runs on every adversarial input at 2,000 characters;
 * its two most expensive inputs are then run at 2,000 and 20,000 characters, and the CPU time must
 * grow less than 30x (a linear pattern grows about 10x, a quadratic one about 100x). A ratio
 * measured in one process, not a time bound: other work on the machine does not change it (see
 * test/helpers/growth.ts). A catastrophic pattern would not finish: the test's timeout reports it.
 */

const N = 2_000;

/** Runs a pattern the way the code does: every match of a global pattern, the first of others. */
function exercise(re: RegExp, s: string): void {
  if (re.global) {
    re.lastIndex = 0;
    for (const _ of s.matchAll(re)) void _;
  } else re.exec(s);
}

const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** CPU microseconds of one run of a pattern over `s`. */
function costOnce(re: RegExp, s: string): number {
  const t0 = cpuMicros();
  exercise(re, s);
  return cpuMicros() - t0;
}

/** How many of the costliest inputs at n are timed again at 4·n to pick the two measured. */
const RERANKED = 8;

/** Growth from n to 10·n: two short rounds, and three longer ones only when those are over the limit. */
const growthOf = <T>(input: (n: number) => T, run: (x: T) => void, n: number): Growth =>
  screenedCpuGrowth(input, run, n, { screen: { rounds: 2, minBatchMicros: 100 }, confirm: { rounds: 3, minBatchMicros: 1_000 } });

/**
 * Patterns that are super-linear on a string in isolation but not where they are used. Keyed by
 * file and source, so an entry goes stale (and this test fails) when the pattern changes.
 */
const LINEAR_IN_USE: Record<string, string> = {
  'server/src/parse/dockerfile.ts /"((?:[^"\\\\\\n\\r]|\\\\.)*)"|(\\])|([^\\s,])/g':
    'parseJsonForm stops at the first stray character, so an unterminated string is scanned once, not retried from every later quote',
};

/**
 * Known super-linear patterns, found when the anchored inputs were added (issue 13) and reported
 * to the lead: each is a real cost (a 1 MB option word such as `sh -cccc…!` in a RUN line takes
 * minutes), kept listed so that the test stays green until the pattern is fixed, and printed on
 * every run. Keyed like LINEAR_IN_USE: an entry goes stale (and this test fails) once fixed.
 */
const KNOWN_SUPERLINEAR: Record<string, string> = {};

const { literals, dynamic } = scanRegexes();

describe('regular expressions in server/src', () => {
  it('are found by the scan (a few hundred literals)', () => {
    expect(literals.length).toBeGreaterThan(300);
  });

  it(`no literal backtracks super-linearly: its costliest adversarial inputs grow less than ${SUPERLINEAR_RATIO}x from ${N} to ${10 * N} characters`, () => {
    const slow: string[] = [];
    const used = new Set<string>();
    let inputs = 0;
    for (const r of literals) {
      const key = `${r.file} /${r.source}/${r.flags}`;
      const re = new RegExp(r.source, r.flags);
      // Every adversarial input runs; the CPU time only picks the two to measure the growth of.
      const all = adversarialInputs(r.source);
      exercise(re, build(all[0], 16)); // compiled before the clock starts, so the first input timed does not look costly
      const costs: { a: Adversarial; us: number }[] = [];
      for (const a of all) {
        costs.push({ a, us: costOnce(re, build(a, N)) });
        inputs++;
      }
      costs.sort((x, y) => y.us - x.us);
      // At n, a linear input with a match at every character can cost as much as a quadratic one
      // (1.1 against 1.3 ms for dockerfile.ts's JSON-form pattern). At 4·n the quadratic one costs
      // four times more than that linear one: the costliest few are ranked again there.
      const finalists = costs.slice(0, RERANKED).map(({ a }) => ({ a, us: costOnce(re, build(a, 4 * N)) }));
      finalists.sort((x, y) => y.us - x.us);
      for (const { a } of finalists.slice(0, 2)) {
        const g = growthOf((n) => build(a, n), (s) => exercise(re, s), N);
        if (g.ratio <= SUPERLINEAR_RATIO) continue;
        if (LINEAR_IN_USE[key] || KNOWN_SUPERLINEAR[key]) used.add(key);
        else slow.push(`${r.file}:${r.line} /${r.source}/${r.flags}: ${describeGrowth(g, N)} on ${JSON.stringify(a)}`);
        break;
      }
    }
    expect(inputs).toBeGreaterThan(100 * literals.length);
    expect(slow).toEqual([]);
    // An allow-list entry that no longer names a super-linear pattern is stale: remove it.
    expect([...Object.keys(LINEAR_IN_USE), ...Object.keys(KNOWN_SUPERLINEAR)].filter((k) => !used.has(k))).toEqual([]);
    const known = Object.entries(KNOWN_SUPERLINEAR);
    if (known.length > 0) console.warn(`KNOWN super-linear regular expressions, still to fix:\n${known.map(([k, why]) => `  ${k}: ${why}`).join('\n')}`);
  });
});

/**
 * Patterns built at run time, each with why its input cannot make it costly. A new `new RegExp(...)`
 * fails this test until it is reviewed and listed here.
 */
const DYNAMIC: Record<string, string> = {
  'server/src/knowledge/download-checks.ts': 'the option letter is a constant of the caller (`V`, `K`), in an anchored pattern',
  'server/src/knowledge/secrets.ts': 'token formats built from constants with bounded repeats (`{36,255}`) and a lookbehind: linear',
  'server/src/lsp/hover.ts': 'the word is a Dockerfile keyword or Compose key from the keyword tables (hover only renders known ones)',
  'server/src/rules/no-maintainer.ts': 'the escape character is `\\` or a backtick (parser directive), followed by a fixed pattern',
};

describe('regular expressions built at run time', () => {
  it('are each reviewed: every file that builds one is listed with the reason its pattern is safe', () => {
    expect([...new Set(dynamic.map((d) => d.file))].sort()).toEqual(Object.keys(DYNAMIC).sort());
  });

  it(`globs from configuration are matched without backtracking: a *a*a*...*b pattern grows less than ${SUPERLINEAR_RATIO}x on 10x more text`, () => {
    const slow: string[] = [];
    for (const glob of ['*a'.repeat(40) + '*b', '**/'.repeat(40) + 'b', '**'.repeat(40) + 'b', '?*'.repeat(40) + '/', `${'*a/'.repeat(20)}x`]) {
      for (const [what, text] of [['a…a', (n: number) => 'a'.repeat(n)], ['a/a/…', (n: number) => 'a/'.repeat(n / 2)]] as const) {
        const g = growthOf(text, (t) => matchesGlob(t, glob), N);
        if (g.ratio > SUPERLINEAR_RATIO) slow.push(`matchesGlob(${what}, ${glob}): ${describeGrowth(g, N)}`);
      }
    }
    for (const pattern of ['*a'.repeat(40) + '*b', '*'.repeat(200) + 'b']) {
      const g = growthOf((n) => 'a'.repeat(n), (t) => matchesWildcard(t, pattern), N);
      if (g.ratio > SUPERLINEAR_RATIO) slow.push(`matchesWildcard(a…a, ${pattern}): ${describeGrowth(g, N)}`);
    }
    expect(slow).toEqual([]);
    // The adversarial texts still get the right answers.
    expect(matchesGlob('a'.repeat(100_000), '*a'.repeat(40) + '*b')).toBe(false);
    expect(matchesGlob('a'.repeat(100_000) + 'b', '*a'.repeat(40) + '*b')).toBe(true);
    expect(matchesWildcard('a'.repeat(100_000), '*'.repeat(200) + 'b')).toBe(false);
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

  it(`the secret scanners stay linear on adversarial text (less than ${SUPERLINEAR_RATIO}x on 10x more)`, () => {
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
    const slow: string[] = [];
    for (const [name, scan] of scanners) {
      for (const unit of units) {
        const input = (n: number) => build({ unit, end: '\u0000' }, n);
        let g = growthOf(input, scan, N);
        let from = N;
        // A scanner returns a list (a token per character here): between 4,000 and 40,000 items its
        // backing store outgrows V8's young generation and moves to the large-object space, a step of
        // up to about 5x on some machines, once. Over the limit, it is measured again past that step:
        // a linear scanner grows about 10x there, a quadratic one still about 100x.
        if (g.ratio > SUPERLINEAR_RATIO) {
          from = 10 * N;
          g = cpuGrowth(input, scan, from, { rounds: 3, minBatchMicros: 1_000 });
        }
        if (g.ratio > SUPERLINEAR_RATIO) slow.push(`${name} on ${JSON.stringify(unit)}: ${describeGrowth(g, from)}`);
      }
    }
    expect(slow).toEqual([]);
  });
});
