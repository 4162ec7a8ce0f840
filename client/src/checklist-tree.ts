import { MarkdownString, Range, ThemeColor, ThemeIcon, TreeItem, TreeItemCheckboxState, TreeItemCollapsibleState, Uri, workspace } from 'vscode';
import { statusText } from '../../server/src/shared/checklist-markdown';
import type { ChecklistFindingItem, ChecklistPracticeItem, ChecklistResult } from '../../server/src/shared/protocol';

/** The nodes of the checklist tree and how each is drawn. Data only comes from the server. */

export type ChecklistNode =
  | { kind: 'group'; id: string; title: string; practices: PracticeNode[] }
  | PracticeNode
  | { kind: 'finding'; id: string; item: ChecklistFindingItem };

export interface PracticeNode {
  kind: 'practice';
  item: ChecklistPracticeItem;
  findings: ChecklistNode[];
}

export const REVEAL_COMMAND = 'bulkhead.checklist.reveal';

export function buildTree(result: ChecklistResult): ChecklistNode[] {
  return result.groups.map((g) => ({
    kind: 'group' as const,
    id: g.id,
    title: g.title,
    practices: result.practices
      .filter((p) => p.group === g.id)
      .map((item) => ({
        kind: 'practice' as const,
        item,
        findings: item.findings.map((f, i) => ({ kind: 'finding' as const, id: `${item.practice}:${i}:${f.uri}:${f.range.start.line}:${f.range.start.character}:${f.ruleId}`, item: f })),
      })),
  }));
}

export function children(node: ChecklistNode): ChecklistNode[] {
  if (node.kind === 'group') return node.practices;
  if (node.kind === 'practice') return node.findings;
  return [];
}

const color = (id: string) => new ThemeColor(id);

function practiceIcon(p: ChecklistPracticeItem): ThemeIcon {
  switch (p.status) {
    case 'passed':
      return new ThemeIcon('pass', color('testing.iconPassed'));
    case 'not-applicable':
      return new ThemeIcon('circle-slash');
    case 'needs-person':
      return new ThemeIcon('person');
    case 'findings':
      if (p.findings.some((f) => f.severity === 'error')) return new ThemeIcon('error', color('problemsErrorIcon.foreground'));
      if (p.findings.some((f) => f.severity === 'warning')) return new ThemeIcon('warning', color('problemsWarningIcon.foreground'));
      return new ThemeIcon('info', color('problemsInfoIcon.foreground'));
  }
}

function findingIcon(f: ChecklistFindingItem): ThemeIcon {
  if (f.severity === 'error') return new ThemeIcon('error', color('problemsErrorIcon.foreground'));
  if (f.severity === 'warning') return new ThemeIcon('warning', color('problemsWarningIcon.foreground'));
  return new ThemeIcon('info', color('problemsInfoIcon.foreground'));
}

export function practiceStatusText(p: ChecklistPracticeItem): string {
  return statusText(p.status, p.findings.length);
}

export function treeItem(node: ChecklistNode, ticked: boolean, scope: 'file' | 'workspace'): TreeItem {
  if (node.kind === 'group') {
    const item = new TreeItem(node.title, TreeItemCollapsibleState.Expanded);
    item.id = `group:${node.id}`;
    item.contextValue = 'group';
    return item;
  }
  if (node.kind === 'practice') {
    const p = node.item;
    const item = new TreeItem(`${p.practice}. ${p.title}`, p.findings.length > 0 ? TreeItemCollapsibleState.Collapsed : TreeItemCollapsibleState.None);
    item.id = `practice:${p.practice}`;
    item.description = practiceStatusText(p);
    item.iconPath = practiceIcon(p);
    item.checkboxState = ticked ? TreeItemCheckboxState.Checked : TreeItemCheckboxState.Unchecked;
    item.contextValue = `practice.${p.status}`;
    const tooltip = new MarkdownString(`**${p.practice}. ${p.title}**: ${practiceStatusText(p)}\n\n${p.summary}`);
    if (p.review) tooltip.appendMarkdown(`\n\n*A person confirms:* ${p.review}`);
    tooltip.appendMarkdown(`\n\n${ticked ? 'Ticked: reviewed.' : 'Tick it once you have reviewed this practice.'}`);
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: `Practice ${p.practice}, ${p.title}: ${practiceStatusText(p)}${ticked ? ', reviewed' : ''}` };
    return item;
  }
  const f = node.item;
  const uri = Uri.parse(f.uri);
  const line = f.range.start.line + 1;
  const item = new TreeItem(f.message, TreeItemCollapsibleState.None);
  item.id = `finding:${node.id}`;
  item.description = scope === 'file' ? `line ${line}` : `${workspace.asRelativePath(uri, false)}:${line}`;
  item.iconPath = findingIcon(f);
  item.tooltip = new MarkdownString().appendText(`${f.message}\n\n${f.ruleId} (${f.severity}) · ${workspace.asRelativePath(uri, false)}:${line}`);
  item.contextValue = 'finding';
  const range = new Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character);
  item.command = { command: REVEAL_COMMAND, title: 'Reveal in editor', arguments: [uri, range] };
  return item;
}
