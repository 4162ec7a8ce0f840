import { MarkdownString, Range, ThemeColor, ThemeIcon, TreeItem, TreeItemCheckboxState, TreeItemCollapsibleState, Uri } from 'vscode';
import { statusText, overrideText, sourceText, weakens } from '../../server/src/shared/checklist-report';
import type { TickState } from '../../server/src/shared/checklist-ticks';
import type { ChecklistFindingItem, ChecklistPracticeItem, ChecklistResult, ChecklistSuppressedItem } from '../../server/src/shared/protocol';

/**
 * The nodes of the checklist tree and how each is drawn, for a narrow side bar: a practice row is
 * "3. No privileged containers" with its status as the description; under it, a row per finding
 * with the file first ("compose.yaml:7 · no-privileged"), the suppressed findings with their
 * reasons, the settings that left it partly checked, what a person confirms, and, when a tick no
 * longer holds, why. Data only comes from the server.
 */

export type NoteKind = 'cleared' | 'override' | 'unchecked' | 'review';

export type ChecklistNode =
  | PracticeNode
  | { kind: 'finding'; id: string; item: ChecklistFindingItem }
  | { kind: 'suppressed'; id: string; item: ChecklistSuppressedItem }
  | { kind: 'note'; id: string; note: NoteKind; label: string; description: string; tooltip: string };

export interface PracticeNode {
  kind: 'practice';
  item: ChecklistPracticeItem;
  children: ChecklistNode[];
}

export const REVEAL_COMMAND = 'bulkhead.checklist.reveal';

function practiceChildren(p: ChecklistPracticeItem, tick: TickState | undefined): ChecklistNode[] {
  const key = (kind: string, i: number) => `${p.practice}:${kind}:${i}`;
  const out: ChecklistNode[] = [];
  if (tick?.cleared) out.push({ kind: 'note', id: key('cleared', 0), note: 'cleared', label: `Tick cleared: ${tick.cleared}`, description: '', tooltip: `Your tick no longer holds: ${tick.cleared}. Review the practice again and tick it.` });
  p.findings.forEach((f, i) => out.push({ kind: 'finding', id: key('f', i), item: f }));
  p.suppressed.forEach((s, i) => out.push({ kind: 'suppressed', id: key('s', i), item: s }));
  p.overrides.filter(weakens).forEach((o, i) =>
    out.push({ kind: 'note', id: key('o', i), note: 'override', label: `${o.ruleId}: ${o.setting}`, description: sourceText(o.source), tooltip: `Not fully checked: ${overrideText(o)}.` }),
  );
  p.unchecked.forEach((u, i) => out.push({ kind: 'note', id: key('u', i), note: 'unchecked', label: `${u.file}: not analysed`, description: u.reason, tooltip: `${u.file} was not analysed (${u.reason}).` }));
  if (p.review) out.push({ kind: 'note', id: key('r', 0), note: 'review', label: `Check by hand: ${p.review}`, description: '', tooltip: `A person confirms: ${p.review}` });
  return out;
}

/**
 * The 20 practices at the top level: no group rows, so a practice row keeps the width an indent
 * would take (its group is in the tooltip, and the numbers follow the groups).
 */
export function buildTree(result: ChecklistResult, ticks: ReadonlyMap<number, TickState>): ChecklistNode[] {
  return result.practices.map((item) => ({ kind: 'practice' as const, item, children: practiceChildren(item, ticks.get(item.practice)) }));
}

export function children(node: ChecklistNode): ChecklistNode[] {
  return node.kind === 'practice' ? node.children : [];
}

const color = (id: string) => new ThemeColor(id);

function severityIcon(severity: ChecklistFindingItem['severity']): ThemeIcon {
  if (severity === 'error') return new ThemeIcon('error', color('problemsErrorIcon.foreground'));
  if (severity === 'warning') return new ThemeIcon('warning', color('problemsWarningIcon.foreground'));
  if (severity === 'info') return new ThemeIcon('info', color('problemsInfoIcon.foreground'));
  return new ThemeIcon('lightbulb');
}

function practiceIcon(p: ChecklistPracticeItem): ThemeIcon {
  switch (p.status) {
    case 'passed':
      return new ThemeIcon('pass', color('testing.iconPassed'));
    case 'partly-checked':
      return new ThemeIcon('circle-large-outline', color('problemsWarningIcon.foreground'));
    case 'not-applicable':
      return new ThemeIcon('circle-slash');
    case 'needs-person':
      return new ThemeIcon('person');
    case 'findings': {
      const worst = (['error', 'warning', 'info', 'hint'] as const).find((s) => p.findings.some((f) => f.severity === s)) ?? 'hint';
      return severityIcon(worst);
    }
  }
}

const NOTE_ICONS: Record<NoteKind, string> = { cleared: 'history', override: 'settings-gear', unchecked: 'circle-slash', review: 'person' };

/** What a row shows, as text: "label — description" (for tests and screen readers). */
export function rowText(item: TreeItem): string {
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  return item.description ? `${label} — ${String(item.description)}` : label;
}

function revealCommand(uri: string, r: ChecklistFindingItem['range']) {
  return { command: REVEAL_COMMAND, title: 'Reveal in editor', arguments: [Uri.parse(uri), new Range(r.start.line, r.start.character, r.end.line, r.end.character)] };
}

export function treeItem(node: ChecklistNode, ticked: boolean, groups: ReadonlyMap<string, string> = new Map()): TreeItem {
  if (node.kind === 'practice') {
    const p = node.item;
    const status = statusText(p);
    const item = new TreeItem(`${p.practice}. ${p.short}`, node.children.length > 0 ? TreeItemCollapsibleState.Collapsed : TreeItemCollapsibleState.None);
    item.id = `practice:${p.practice}`;
    item.description = status;
    item.iconPath = practiceIcon(p);
    item.checkboxState = ticked ? TreeItemCheckboxState.Checked : TreeItemCheckboxState.Unchecked;
    item.contextValue = `practice.${p.status}`;
    const group = groups.get(p.group);
    const tooltip = new MarkdownString(`**${p.practice}. ${p.title}**${group ? ` (${group})` : ''}: ${status}\n\n${p.summary}`);
    if (p.review) tooltip.appendMarkdown(`\n\n*A person confirms:* ${p.review}`);
    tooltip.appendMarkdown(`\n\n${ticked ? 'Ticked: you reviewed it.' : 'Tick it once you have reviewed this practice. "Passed" is what Bulkhead checked; a tick is your review.'}`);
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: `Practice ${p.practice}, ${p.title}: ${status}${ticked ? ', reviewed' : ''}` };
    return item;
  }
  if (node.kind === 'note') {
    const item = new TreeItem(node.label, TreeItemCollapsibleState.None);
    item.id = `note:${node.id}`;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = new ThemeIcon(NOTE_ICONS[node.note]);
    item.contextValue = `note.${node.note}`;
    return item;
  }
  const f = node.item;
  const line = f.range.start.line + 1;
  const item = new TreeItem(`${f.file}:${line} · ${f.ruleId}`, TreeItemCollapsibleState.None);
  item.id = `${node.kind}:${node.id}`;
  item.command = revealCommand(f.uri, f.range);
  if (node.kind === 'suppressed') {
    const s = node.item;
    item.description = s.ignore.reason ? `ignored: ${s.ignore.reason}` : 'ignored, no reason given';
    item.iconPath = new ThemeIcon('bell-slash');
    item.tooltip = new MarkdownString().appendText(
      `${s.message}\n\n${s.ruleId} (${s.severity}), hidden by a ${s.ignore.kind === 'file' ? 'file-wide ' : ''}bulkhead-ignore on line ${s.ignore.line + 1}: ${s.ignore.reason ?? 'no reason given'}`,
    );
    item.contextValue = 'suppressed';
    return item;
  }
  item.description = f.message;
  item.iconPath = severityIcon(f.severity);
  item.tooltip = new MarkdownString().appendText(`${f.message}\n\n${f.ruleId} (${f.severity}) · ${f.file}:${line}`);
  item.contextValue = 'finding';
  return item;
}
