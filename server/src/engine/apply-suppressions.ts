import type { IgnoreDirective } from '../parse/ignore-directives';
import type { Finding } from '../core/types';

export interface SuppressionOutcome {
  kept: Finding[];
  /** The findings a directive covered, each with the first directive that did (for the checklist's review). */
  suppressed: { finding: Finding; directive: IgnoreDirective }[];
  /** Messages about the directives themselves: unknown ids, ignores that suppress nothing. */
  problems: { messageId: 'unknownRule' | 'unused' | 'empty' | 'missingReason'; id: string; range: Finding['range']; directive: IgnoreDirective; ruleIndex: number }[];
}

function covers(d: IgnoreDirective, f: Finding): boolean {
  if (d.kind === 'file') return true;
  return d.scope !== null && f.range.start.line >= d.scope.from && f.range.start.line <= d.scope.to;
}

/**
 * Drops the findings a directive covers. A rule id is "unused" when it is known and active for
 * this file but the directive suppressed none of its findings; ids of rules that are off are not
 * reported, since another configuration may turn them on. A directive without a `-- reason` that
 * suppressed findings of a rule in `needsReason` gets one `missingReason` problem naming those ids.
 */
export function applySuppressions(
  findings: readonly Finding[],
  directives: readonly IgnoreDirective[],
  known: ReadonlySet<string>,
  active: ReadonlySet<string>,
  needsReason: ReadonlySet<string> = new Set(),
): SuppressionOutcome {
  const used = new Set<string>();
  const kept: Finding[] = [];
  const suppressed: SuppressionOutcome['suppressed'] = [];
  for (const f of findings) {
    let by: IgnoreDirective | undefined;
    directives.forEach((d, i) => {
      if (!covers(d, f)) return;
      for (const r of d.rules) {
        if (r.id === f.ruleId) {
          by ??= d;
          used.add(`${i}:${r.id}`);
        }
      }
    });
    if (by) suppressed.push({ finding: f, directive: by });
    else kept.push(f);
  }
  const problems: SuppressionOutcome['problems'] = [];
  directives.forEach((d, i) => {
    if (d.rules.length === 0) problems.push({ messageId: 'empty', id: '', range: d.range, directive: d, ruleIndex: -1 });
    d.rules.forEach((r, k) => {
      if (!known.has(r.id)) problems.push({ messageId: 'unknownRule', id: r.id, range: r.range, directive: d, ruleIndex: k });
      else if (active.has(r.id) && !used.has(`${i}:${r.id}`)) problems.push({ messageId: 'unused', id: r.id, range: r.range, directive: d, ruleIndex: k });
    });
    const unexplained = d.reason === null ? d.rules.filter((r) => needsReason.has(r.id) && used.has(`${i}:${r.id}`)) : [];
    if (unexplained.length > 0) {
      const range = { start: unexplained[0].range.start, end: unexplained[unexplained.length - 1].range.end };
      problems.push({ messageId: 'missingReason', id: [...new Set(unexplained.map((r) => r.id))].join(', '), range, directive: d, ruleIndex: -1 });
    }
  });
  return { kept, suppressed, problems };
}
