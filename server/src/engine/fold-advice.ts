import type { ComposeModel, Service } from '../parse/compose';
import { formatMessage } from '../rule-api/rule';
import hardenService from '../rules/harden-service';
import { hardenServiceTitle } from '../fixes/harden-service';
import { LazyFinding } from './lazy-fixes';
import type { Finding, Fix, Range, Severity } from '../core/types';
import { pushTo } from '../core/collections';

/**
 * Folds the advice about one Compose service into one `harden-service` finding (the `default`
 * profile). A finding folds when it is advice shown as a hint (engine/config.ts `findingSeverity`)
 * and sits on a service's key; `labels` holds, for each such finding, the short name of what is
 * missing ("cap_drop: [ALL]"). The group keeps every folded finding in `members`, names each gap in
 * its message, and offers each fix once: "Harden service" first, then the members' other fixes.
 */

export function foldServiceAdvice(model: ComposeModel, findings: readonly Finding[], labels: ReadonlyMap<Finding, string>, severity: Severity): Finding[] {
  if (labels.size === 0) return [...findings];
  // Linear in findings and services: the labelled findings grouped by the service key they sit on.
  const byKey = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!labels.has(f)) continue;
    pushTo(byKey, rangeKey(f.range), f);
  }
  const groups = new Map<Finding, { service: Service; members: Finding[] }>();
  const folded = new Set<Finding>();
  for (const service of model.services) {
    const members = byKey.get(rangeKey(service.keyRange));
    if (!members || members.length === 0 || folded.has(members[0])) continue;
    members.sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
    for (const m of members) folded.add(m);
    groups.set(members[0], { service, members });
  }
  const out: Finding[] = [];
  for (const f of findings) {
    const g = groups.get(f);
    if (g) out.push(group(g.service, g.members, labels, severity));
    else if (!folded.has(f)) out.push(f);
  }
  return out;
}

const rangeKey = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

function group(service: Service, members: Finding[], labels: ReadonlyMap<Finding, string>, severity: Severity): Finding {
  const gaps = members.map((m) => labels.get(m)!);
  const count = gaps.length === 1 ? '1 hardening setting' : `${gaps.length} hardening settings`;
  const { id, practice, messages } = hardenService.meta;
  const message = formatMessage(messages.service, { service: service.name, count, gaps: gaps.join(', ') });
  const title = hardenServiceTitle(service);
  // Members whose fixes are built on demand (the language server) make a group whose fixes are too:
  // reading the group's fixes builds its members' (a member's failing fix is reported by the member).
  if (members.some((m) => m instanceof LazyFinding)) {
    const lazy = new LazyFinding(id, 'service', practice, severity, message, service.keyRange, () => groupFixes(members, title), () => undefined);
    lazy.members = members;
    return lazy;
  }
  return { ruleId: id, messageId: 'service', practice, severity, message, range: service.keyRange, fixes: groupFixes(members, title), members };
}

/** Keeps the labels of findings on a service's key only: advice elsewhere (a port, a volume) stays a finding of its own. */
export function keepServiceKeyLabels(model: ComposeModel, labels: Map<Finding, string>): void {
  const keys = new Set(model.services.map((s) => rangeKey(s.keyRange)));
  for (const f of [...labels.keys()]) if (!keys.has(rangeKey(f.range))) labels.delete(f);
}

/** "Harden service" once, first; a member that offers it contributes nothing else; the other members' fixes once each. */
function groupFixes(members: readonly Finding[], harden: string): Fix[] {
  const out: Fix[] = [];
  // Equal fixes (same JSON) once each; only fixes that share a title are written out to compare.
  const byTitle = new Map<string, { fix: Fix; json?: string }[]>();
  const add = (fx: Fix) => {
    const same = byTitle.get(fx.title);
    if (!same) {
      byTitle.set(fx.title, [{ fix: fx }]);
      out.push(fx);
      return;
    }
    const json = JSON.stringify(fx);
    for (const s of same) if (s.fix === fx || (s.json ??= JSON.stringify(s.fix)) === json) return;
    same.push({ fix: fx, json });
    out.push(fx);
  };
  const combined = members.flatMap((m) => m.fixes).find((fx) => fx.title === harden);
  if (combined) add(combined);
  for (const m of members) {
    if (combined && m.fixes.some((fx) => fx.title === harden)) continue;
    for (const fx of m.fixes) add(fx);
  }
  return out;
}

/** The findings a list holds, with every grouped finding replaced by its members (for the checklist). */
export function unfoldFindings(findings: readonly Finding[]): Finding[] {
  return findings.flatMap((f) => f.members ?? [f]);
}
