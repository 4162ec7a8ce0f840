import { fileLink, forgeCommitUrl } from './checklist-links';
import { countStatuses, overrideText, statusText, weakens, type ChecklistReport, type ReportFinding, type ReportPractice, type ReportSuppression } from './checklist-report';
import { PRACTICES } from './practices';
import type { Severity } from '../core/types';

/**
 * The checklist as GitHub-flavoured Markdown for a pull request description: a heading with the
 * score, a summary table (practice, status, counts by severity), each practice's findings in a
 * `<details>` block, what a person confirms as a task list, and the configuration that changed
 * what was checked. The CLI renders the engine's report; the VS Code client renders the server's
 * (the same report, plus the reviewer's ticks), so both print the same text for the same files.
 */

export type MarkdownReport = Pick<ChecklistReport, 'practices' | 'configuration' | 'forge'>;

export interface ChecklistMarkdownOptions {
  /** How many files were checked. */
  files: number;
  /** Practices a reviewer ticked. Absent or empty: every box is empty (reviewers tick them on the pull request). */
  ticks?: Iterable<number>;
  /** Errors and warnings listed per practice (errors first); the rest, and info and hints, are counted. Default 3. */
  maxFindings?: number;
  /** The scan stopped at its limit: some files were not checked. */
  truncated?: boolean;
}

const SEVERITY_ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️', hint: '💡' };
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** The status icon: ❌ only when a finding is an error or a warning. */
export function statusIcon(p: Pick<ReportPractice, 'status' | 'findings'>): string {
  switch (p.status) {
    case 'findings':
      return p.findings.some((f) => f.severity === 'error' || f.severity === 'warning') ? '❌' : p.findings.some((f) => f.severity === 'info') ? 'ℹ️' : '💡';
    case 'passed':
      return '✅';
    case 'partly-checked':
      return '◐';
    case 'needs-person':
      return '👤';
    case 'not-applicable':
      return '➖';
  }
}

/**
 * Escapes Markdown outside `code spans` (rule messages use backticks on purpose). An underscore
 * inside a word (`SYS_ADMIN`) is left alone: GitHub does not read it as emphasis. A `|` is escaped
 * too, so the text can stand in a table cell.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part.replace(/\|/g, '\\|') : part.replace(/[\\*[\]<>|]/g, '\\$&').replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_')))
    .join('')
    .replace(/\r?\n/g, ' ');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function where(f: ReportFinding, forge: MarkdownReport['forge']): string {
  const line = f.range.start.line + 1;
  return `[${escapeMarkdown(f.file)}:${line}](${fileLink(f.file, line, forge)})`;
}

/** The problem part of a message: our messages say what is wrong, then "; " and how to fix it (the view and `bulkhead check` show all of it). */
export function problemOf(message: string): string {
  const i = message.indexOf('; ');
  return i > 0 ? message.slice(0, i) : message;
}

function findingLine(f: ReportFinding, forge: MarkdownReport['forge']): string {
  return `- ${SEVERITY_ICON[f.severity]} ${f.severity} ${where(f, forge)} ${code(f.ruleId)}: ${escapeMarkdown(problemOf(f.message))}`;
}

function suppressedLine(s: ReportSuppression, forge: MarkdownReport['forge']): string {
  const by = s.ignore.kind === 'file' ? 'file-wide ignore' : 'ignore';
  const reason = s.ignore.reason ? `reason: “${escapeMarkdown(s.ignore.reason)}”` : '**no reason given**';
  return `- 🔇 ignored ${s.severity} ${where(s, forge)} ${code(s.ruleId)} (${by} on line ${s.ignore.line + 1}): ${reason}`;
}

/** "ℹ️ 3 info, 💡 1 hint: `require-healthcheck` ×3, `oci-labels`" for findings counted, not listed. */
function foldedLine(findings: readonly ReportFinding[], listed: number): string | null {
  if (findings.length === 0) return null;
  const counts = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const byRule = new Map<string, number>();
  for (const f of findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  const rules = [...byRule].map(([id, n]) => (n > 1 ? `${code(id)} ×${n}` : code(id))).join(', ');
  const word = (s: Severity, n: number) => (s === 'info' || n === 1 ? s : `${s}s`);
  const head = counts.map(([s, n]) => `${SEVERITY_ICON[s]} ${n} ${word(s, n)}`).join(', ');
  return `- ${listed > 0 ? 'and ' : ''}${head}: ${rules}`;
}

/**
 * A practice's block: its errors and warnings (the first `max`, errors first), the rest counted by
 * severity and rule, the suppressed findings with their reasons, and what was not fully checked.
 */
function details(p: ReportPractice, report: MarkdownReport, max: number): string[] {
  const lines: string[] = [];
  const serious = p.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  const shown = [...serious.filter((f) => f.severity === 'error'), ...serious.filter((f) => f.severity === 'warning')].slice(0, max);
  for (const f of shown) lines.push(findingLine(f, report.forge));
  const folded = foldedLine(p.findings.filter((f) => !shown.includes(f)), shown.length);
  if (folded) lines.push(folded);
  for (const s of p.suppressed) lines.push(suppressedLine(s, report.forge));
  for (const o of p.overrides.filter(weakens)) lines.push(`- ◐ not fully checked: ${escapeMarkdown(overrideText(o))}`);
  for (const u of p.unchecked) lines.push(`- ◐ not analysed: ${escapeMarkdown(u.file)} (${u.reason})`);
  if (lines.length === 0) return [];
  const summary = `${statusIcon(p)} ${p.practice}. ${escapeHtml(p.short)}: ${escapeHtml(statusText(p))}`;
  return [`<details><summary>${summary}</summary>`, '', ...lines, '', '</details>', ''];
}

function cell(n: number): string {
  return n === 0 ? '' : String(n);
}

export function renderChecklistMarkdown(report: MarkdownReport, options: ChecklistMarkdownOptions): string {
  const ticked = new Set(options.ticks ?? []);
  const withTicks = ticked.size > 0;
  const max = options.maxFindings ?? 3;
  const counts = countStatuses(report.practices);
  const total = PRACTICES.length;
  const reviewed = report.practices.filter((p) => ticked.has(p.practice)).length;
  const forge = report.forge;

  const out: string[] = [`## Docker security practices: ${counts.passed}/${total} passed${withTicks ? ` · ${reviewed}/${total} reviewed` : ''}`, ''];
  const at = forge ? ` at commit [${code(forge.commit.slice(0, 7))}](${forgeCommitUrl(forge)})` : '';
  const summary = [
    [counts.findings, 'with findings'],
    [counts.passed, 'passed'],
    [counts.partlyChecked, 'partly checked'],
    [counts.needsPerson, counts.needsPerson === 1 ? 'needs a person' : 'need a person'],
    [counts.notApplicable, 'not applicable'],
  ] as const;
  out.push(`Checked ${plural(options.files, 'file')}${at}: ${summary.map(([n, w]) => `${n} ${w}`).join(', ')}.`, '');
  if (options.truncated) out.push('The workspace has more files than Bulkhead scans: some were not checked.', '');

  out.push(`| ${withTicks ? 'Reviewed | ' : ''}Practice | Status | Errors | Warnings | Info | Hints | Ignored |`);
  out.push(`|${withTicks ? ':-:|' : ''}:--|:--|--:|--:|--:|--:|--:|`);
  for (const p of report.practices) {
    const c = p.counts;
    const tick = withTicks ? `${ticked.has(p.practice) ? '✔️' : ''} | ` : '';
    out.push(`| ${tick}${p.practice}. ${escapeMarkdown(p.short)} | ${statusIcon(p)} ${statusText(p)} | ${cell(c.error)} | ${cell(c.warning)} | ${cell(c.info)} | ${cell(c.hint)} | ${cell(p.suppressed.length)} |`);
  }
  out.push('');

  const blocks = report.practices.flatMap((p) => details(p, report, max));
  if (blocks.length > 0) out.push('### Findings', '', ...blocks);

  const confirm = report.practices.filter((p) => p.review);
  if (confirm.length > 0) {
    out.push('### A person confirms', '');
    for (const p of confirm) out.push(`- [${ticked.has(p.practice) ? 'x' : ' '}] **${p.practice}. ${escapeMarkdown(p.short)}**: ${escapeMarkdown(p.review)}`);
    out.push('');
  }

  const { overrides, fileIgnores } = report.configuration;
  const unchecked = [...new Map(report.practices.flatMap((p) => p.unchecked).map((u) => [u.file, u])).values()];
  if (overrides.length + fileIgnores.length + unchecked.length > 0) {
    out.push('### Configuration', '');
    for (const o of overrides) out.push(`- ${weakens(o) ? '◐ ' : ''}${escapeMarkdown(overrideText(o))}`);
    for (const i of fileIgnores) {
      const reason = i.reason ? `reason: “${escapeMarkdown(i.reason)}”` : '**no reason given**';
      out.push(`- 🔇 ${i.rules.map(code).join(', ') || 'no rule'} ignored in all of ${escapeMarkdown(i.file)} (line ${i.line + 1}): ${reason}`);
    }
    for (const u of unchecked) out.push(`- ◐ ${escapeMarkdown(u.file)} was not analysed (${u.reason})`);
    out.push('');
  }

  out.push(
    '<sub>Generated by Bulkhead (`bulkhead check` lists every finding). ✅ passed: every rule of the practice ran at full strength and found nothing; ◐ partly checked: some did not. A tick is a person\'s review.</sub>',
    '',
  );
  return out.join('\n');
}
