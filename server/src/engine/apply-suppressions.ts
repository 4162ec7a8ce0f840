import type { IgnoreDirective } from '../parse/ignore-directives';
import type { Finding } from '../core/types';
import { firstCovering, partitionPoint, pushTo } from '../core/collections';

export interface SuppressionOutcome {
  kept: Finding[];
  /** The findings a directive covered, each with the first directive that did (for the checklist's review). */
  suppressed: { finding: Finding; directive: IgnoreDirective }[];
  /** Messages about the directives themselves: unknown ids, ignores that suppress nothing. */
  problems: { messageId: 'unknownRule' | 'unused' | 'empty' | 'missingReason'; id: string; range: Finding['range']; directive: IgnoreDirective; ruleIndex: number }[];
}

/** The first line a directive covers (a file directive: all of them); null when it covers none. */
const fromLine = (d: IgnoreDirective): number | null => (d.kind === 'file' ? -Infinity : (d.scope?.from ?? null));
const toLine = (d: IgnoreDirective): number => (d.kind === 'file' ? Infinity : (d.scope?.to ?? -Infinity));

/**
 * For each finding, the index of the first directive (in file order) that covers its line and
 * names its rule, or -1; and which rule ids of which directives covered a finding (`index:id`).
 * A file may hold thousands of comments and findings, so this is a sweep over lines per rule id,
 * not a test of every finding against every comment: O((findings + comments) log comments).
 */
function coveringDirectives(findings: readonly Finding[], directives: readonly IgnoreDirective[]): { by: Int32Array; used: Set<string> } {
  const by = new Int32Array(findings.length).fill(-1);
  const used = new Set<string>();
  const directivesOf = new Map<string, number[]>();
  directives.forEach((d, i) => {
    if (fromLine(d) === null) return;
    for (const id of new Set(d.rules.map((r) => r.id))) pushTo(directivesOf, id, i);
  });
  const findingsOf = new Map<string, number[]>();
  findings.forEach((f, k) => {
    if (directivesOf.has(f.ruleId)) pushTo(findingsOf, f.ruleId, k);
  });
  const line = (k: number) => findings[k].range.start.line;
  for (const [id, ks] of findingsOf) {
    const ds = directivesOf.get(id)!;
    ks.sort((a, b) => line(a) - line(b));
    const lines = ks.map(line);
    // A directive is used when a finding of the rule lies in its span: the first line at or after its start says.
    for (const i of ds) {
      const from = fromLine(directives[i])!;
      const first = partitionPoint(lines.length, (j) => lines[j] < from);
      if (first < lines.length && lines[first] <= toLine(directives[i])) used.add(`${i}:${id}`);
    }
    // Each finding's first covering directive in file order (ds is in file order).
    const cover = firstCovering(lines, ds.map((i) => ({ from: fromLine(directives[i])!, to: toLine(directives[i]) })));
    ks.forEach((k, j) => {
      if (cover[j] >= 0) by[k] = ds[cover[j]];
    });
  }
  return { by, used };
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
  const { by, used } = coveringDirectives(findings, directives);
  const kept: Finding[] = [];
  const suppressed: SuppressionOutcome['suppressed'] = [];
  findings.forEach((f, k) => {
    if (by[k] >= 0) suppressed.push({ finding: f, directive: directives[by[k]] });
    else kept.push(f);
  });
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
