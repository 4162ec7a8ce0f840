import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySuppressions } from '../../server/src/engine/apply-suppressions';
import type { IgnoreDirective } from '../../server/src/parse/ignore-directives';
import type { Finding } from '../../server/src/core/types';
import { SEED } from '../robustness/arbitraries';

/**
 * applySuppressions against the rule as the README states it, checked one finding against one
 * comment at a time: a finding is hidden by the first comment (in file order) whose span holds its
 * line and that names its rule; a comment's rule id is "used" when it hid a finding.
 */
const range = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 1 } });
const finding = (ruleId: string, line: number): Finding => ({ ruleId, practice: 1, severity: 'warning', message: `${ruleId}@${line}`, range: range(line) }) as Finding;
const directive = (kind: 'line' | 'file', ids: string[], scope: { from: number; to: number } | null, line: number): IgnoreDirective => ({
  kind,
  rules: ids.map((id) => ({ id, range: range(line) })),
  reason: null,
  range: range(line),
  line,
  scope,
});

function oneByOne(findings: readonly Finding[], directives: readonly IgnoreDirective[], known: ReadonlySet<string>, active: ReadonlySet<string>) {
  const covers = (d: IgnoreDirective, f: Finding) => d.kind === 'file' || (d.scope !== null && f.range.start.line >= d.scope.from && f.range.start.line <= d.scope.to);
  const used = new Set<string>();
  const kept: Finding[] = [];
  const suppressed: { finding: Finding; directive: IgnoreDirective }[] = [];
  for (const f of findings) {
    const hiding = directives.map((d, i) => [d, i] as const).filter(([d]) => covers(d, f) && d.rules.some((r) => r.id === f.ruleId));
    for (const [, i] of hiding) used.add(`${i}:${f.ruleId}`);
    if (hiding.length > 0) suppressed.push({ finding: f, directive: hiding[0][0] });
    else kept.push(f);
  }
  const unused = directives.flatMap((d, i) => d.rules.filter((r) => known.has(r.id) && active.has(r.id) && !used.has(`${i}:${r.id}`)).map((r) => `${i}:${r.id}`));
  return { kept, suppressed, unused };
}

const ids = ['a', 'b', 'c'];
const anyFinding = fc.tuple(fc.constantFrom(...ids), fc.nat(30)).map(([id, line]) => finding(id, line));
const anyDirective = fc
  .tuple(fc.constantFrom<'line' | 'file'>('line', 'line', 'line', 'file'), fc.subarray([...ids, 'unknown']), fc.option(fc.tuple(fc.nat(30), fc.nat(10))), fc.nat(30))
  .map(([kind, names, span, line]) => directive(kind, names, span && { from: span[0], to: span[0] + span[1] }, line));

describe('applySuppressions', () => {
  it('hides and keeps what a one-by-one check does, and finds the same unused ids (random comments and findings, seeded)', () => {
    const known = new Set(ids);
    const active = new Set(['a', 'b']);
    fc.assert(
      fc.property(fc.array(anyFinding, { maxLength: 25 }), fc.array(anyDirective, { maxLength: 12 }), (findings, directives) => {
        const got = applySuppressions(findings, directives, known, active);
        const want = oneByOne(findings, directives, known, active);
        expect(got.kept).toEqual(want.kept);
        expect(got.suppressed.map((s) => [s.finding, directives.indexOf(s.directive)])).toEqual(want.suppressed.map((s) => [s.finding, directives.indexOf(s.directive)]));
        expect(got.problems.filter((p) => p.messageId === 'unused').map((p) => `${directives.indexOf(p.directive)}:${p.id}`)).toEqual(want.unused);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('nested and stacked spans: the first comment in the file hides the finding, and every covering comment counts as used', () => {
    const outer = directive('line', ['a'], { from: 1, to: 20 }, 0);
    const inner = directive('line', ['a'], { from: 5, to: 6 }, 4);
    const stacked = directive('line', ['a'], { from: 5, to: 6 }, 3);
    const out = applySuppressions([finding('a', 5), finding('a', 12), finding('a', 21)], [outer, stacked, inner], new Set(['a']), new Set(['a']));
    expect(out.suppressed.map((s) => [s.finding.range.start.line, s.directive.line])).toEqual([[5, 0], [12, 0]]);
    expect(out.kept.map((f) => f.range.start.line)).toEqual([21]);
    expect(out.problems).toEqual([]);
  });
});
