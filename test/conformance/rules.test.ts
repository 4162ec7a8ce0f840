import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/rules';
import type { Rule } from '../../server/src/rule-api/rule';
import { kindOf, runRule } from '../helpers/rule-tester';
import { parseCaseFile, type ConformanceCase } from './case-file';

/**
 * Conformance of every rule with labelled cases written for this suite (`cases/<rule-id>.cases`):
 * real shapes from ../shared/corpus/real and the behaviours peer linters document, in our own
 * files. Each case is its own test, so any case that regresses fails; the table printed at the end
 * gives each rule's recall (positives detected) and false-alarm rate (negatives flagged), and the
 * suite fails when overall recall drops below 95% or false alarms rise above 2%.
 */

const DIR = join(__dirname, 'cases');
const MIN_RECALL = 0.95;
const MAX_FALSE_ALARMS = 0.02;
const MIN_CASES = 5;

const files = readdirSync(DIR).filter((f) => f.endsWith('.cases')).sort();
const byRule = new Map<string, ConformanceCase[]>(files.map((f) => [f.slice(0, -'.cases'.length), parseCaseFile(f.slice(0, -'.cases'.length), readFileSync(join(DIR, f), 'utf8'), `cases/${f}`)]));

interface Outcome {
  c: ConformanceCase;
  ok: boolean;
  got: number[];
}

/** Runs one case: the rule alone, switched on at its default severity (opt-in rules too). */
function evaluate(rule: Rule, c: ConformanceCase): Outcome {
  const config = { ...c.config, rules: { [rule.meta.id]: rule.meta.severity, ...c.config?.rules } };
  const kind = c.kind ?? kindOf(c.code, rule);
  const files = Object.fromEntries(Object.entries(c.files).map(([p, t]) => [`/work/project/${p}`, t]));
  const alongside = c.with.map((id) => RULES.find((r) => r.meta.id === id)!);
  // Rules alongside run as configured by default (opt-in ones switched on): a severity given to an
  // advice rule would stop its findings folding into harden-service.
  for (const id of c.with) {
    const meta = RULES.find((r) => r.meta.id === id)?.meta;
    if (meta?.enabledByDefault === false) config.rules[id] = meta.severity;
  }
  const got = [...new Set(runRule(rule, { kind, code: c.code, config, files, alongside }).map((f) => f.range.start.line + 1))].sort((a, b) => a - b);
  const ok = c.positive ? JSON.stringify(got) === JSON.stringify(c.lines) : got.length === 0;
  return { c, ok, got };
}

const outcomes: Outcome[] = [];

describe('rule conformance (test/conformance/cases)', () => {
  it('every rule has a case file with at least five positive and five negative cases, and every case file names a rule', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(ids.filter((id) => !byRule.has(id))).toEqual([]);
    expect([...byRule.keys()].filter((id) => !ids.includes(id))).toEqual([]);
    for (const [id, cases] of byRule) {
      for (const c of cases) for (const w of c.with) expect(ids, `${id}: @with ${w}`).toContain(w);
      expect(cases.filter((c) => c.positive).length, `${id}: positive cases`).toBeGreaterThanOrEqual(MIN_CASES);
      expect(cases.filter((c) => !c.positive).length, `${id}: negative cases`).toBeGreaterThanOrEqual(MIN_CASES);
      const names = cases.map((c) => c.name);
      expect(names.filter((n, i) => names.indexOf(n) !== i), `${id}: duplicate case names`).toEqual([]);
    }
  });

  for (const rule of RULES) {
    const cases = byRule.get(rule.meta.id) ?? [];
    describe(rule.meta.id, () => {
      for (const c of cases) {
        it(`${c.positive ? 'positive' : 'negative'}: ${c.name}${c.known ? ` (known miss: ${c.known})` : ''}`, () => {
          const o = evaluate(rule, c);
          outcomes.push(o);
          const expected = c.positive ? c.lines : [];
          if (c.known) expect(o.ok, `cases/${rule.meta.id}.cases:${c.line} now passes; remove its @known mark`).toBe(false);
          else expect(o.got, `cases/${rule.meta.id}.cases:${c.line}`).toEqual(expected);
        });
      }
    });
  }

  afterAll(() => {
    if (outcomes.length === 0) return;
    const rows: string[][] = [['rule', 'pos', 'found', 'recall', 'neg', 'flagged', 'false alarms']];
    const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
    let tp = 0;
    let p = 0;
    let fp = 0;
    let n = 0;
    for (const rule of RULES) {
      const mine = outcomes.filter((o) => o.c.rule === rule.meta.id);
      const pos = mine.filter((o) => o.c.positive);
      const neg = mine.filter((o) => !o.c.positive);
      const found = pos.filter((o) => o.ok).length;
      const flagged = neg.filter((o) => !o.ok).length;
      tp += found;
      p += pos.length;
      fp += flagged;
      n += neg.length;
      rows.push([rule.meta.id, String(pos.length), String(found), pct(found, pos.length), String(neg.length), String(flagged), pct(flagged, neg.length)]);
    }
    rows.push(['overall', String(p), String(tp), pct(tp, p), String(n), String(fp), pct(fp, n)]);
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    console.log(`\nRule conformance: recall and false alarms per rule\n${rows.map((r) => r.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ')).join('\n')}\n`);
  });

  it('overall: recall at least 95%, false alarms at most 2% (every case above has run)', () => {
    // Runs last in this file: vitest runs the tests of a file in order.
    const total = RULES.reduce((s, r) => s + (byRule.get(r.meta.id)?.length ?? 0), 0);
    expect(outcomes.length).toBe(total);
    const pos = outcomes.filter((o) => o.c.positive);
    const neg = outcomes.filter((o) => !o.c.positive);
    expect(pos.filter((o) => o.ok).length / pos.length).toBeGreaterThanOrEqual(MIN_RECALL);
    expect(neg.filter((o) => !o.ok).length / neg.length).toBeLessThanOrEqual(MAX_FALSE_ALARMS);
  });
});
