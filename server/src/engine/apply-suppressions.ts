import type { IgnoreDirective } from '../parse/ignore-directives';
import type { Finding } from '../core/types';

export interface SuppressionOutcome {
  kept: Finding[];
  /** Messages about the directives themselves: unknown ids, ignores that suppress nothing. */
  problems: { messageId: 'unknownRule' | 'unused' | 'empty'; id: string; range: Finding['range']; directive: IgnoreDirective; ruleIndex: number }[];
}

function covers(d: IgnoreDirective, f: Finding): boolean {
  if (d.kind === 'file') return true;
  return d.scope !== null && f.range.start.line >= d.scope.from && f.range.start.line <= d.scope.to;
}

/**
 * Drops the findings a directive covers. A rule id is "unused" when it is known and active for
 * this file but the directive suppressed none of its findings; ids of rules that are off are not
 * reported, since another configuration may turn them on.
 */
export function applySuppressions(
  findings: readonly Finding[],
  directives: readonly IgnoreDirective[],
  known: ReadonlySet<string>,
  active: ReadonlySet<string>,
): SuppressionOutcome {
  const used = new Set<string>();
  const kept: Finding[] = [];
  for (const f of findings) {
    let suppressed = false;
    directives.forEach((d, i) => {
      if (!covers(d, f)) return;
      for (const r of d.rules) {
        if (r.id === f.ruleId) {
          suppressed = true;
          used.add(`${i}:${r.id}`);
        }
      }
    });
    if (!suppressed) kept.push(f);
  }
  const problems: SuppressionOutcome['problems'] = [];
  directives.forEach((d, i) => {
    if (d.rules.length === 0) problems.push({ messageId: 'empty', id: '', range: d.range, directive: d, ruleIndex: -1 });
    d.rules.forEach((r, k) => {
      if (!known.has(r.id)) problems.push({ messageId: 'unknownRule', id: r.id, range: r.range, directive: d, ruleIndex: k });
      else if (active.has(r.id) && !used.has(`${i}:${r.id}`)) problems.push({ messageId: 'unused', id: r.id, range: r.range, directive: d, ruleIndex: k });
    });
  });
  return { kept, problems };
}
