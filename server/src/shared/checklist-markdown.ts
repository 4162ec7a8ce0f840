import { PRACTICES, PRACTICE_GROUPS, type PracticeGroup } from './practices';
import type { ChecklistStatus as PracticeStatus } from './protocol';
import type { Range, Severity } from '../core/types';

/**
 * The checklist as GitHub-flavoured Markdown, ready to paste into a pull request description:
 * a heading with the score, the three groups, one task-list item per practice with its status,
 * the findings as `path:line` links and, for what no file can show, what a person must confirm.
 * The CLI renders the engine's result; the VS Code client renders the server's (with ticks), so
 * this file imports no rule code (only the protocol's types).
 */

export interface MarkdownFinding {
  /** Relative to the repository root, `/`-separated (links are relative to it). */
  path: string;
  range: Range;
  ruleId: string;
  severity: Severity;
  message: string;
}

export interface MarkdownPractice {
  practice: number;
  status: PracticeStatus;
  review: string;
  findings: readonly MarkdownFinding[];
}

export interface ChecklistMarkdownOptions {
  /** Practices a reviewer ticked. Absent: every box is empty (reviewers tick them on the pull request). */
  ticks?: Iterable<number>;
  /** Says what was checked, e.g. "4 files in the workspace". */
  scope?: string;
  /** Findings listed per practice; the others are counted. Default 25. */
  maxFindings?: number;
}

export interface ChecklistCounts {
  findings: number;
  passed: number;
  notApplicable: number;
  needsPerson: number;
}

export function countStatuses(checks: readonly { status: PracticeStatus }[]): ChecklistCounts {
  const n = (s: PracticeStatus) => checks.filter((c) => c.status === s).length;
  return { findings: n('findings'), passed: n('passed'), notApplicable: n('not-applicable'), needsPerson: n('needs-person') };
}

export const STATUS_LABELS: Record<PracticeStatus, string> = {
  findings: 'findings',
  passed: 'passed',
  'not-applicable': 'not applicable',
  'needs-person': 'needs a person',
};

const STATUS_EMOJI: Record<PracticeStatus, string> = {
  findings: '❌',
  passed: '✅',
  'not-applicable': '➖',
  'needs-person': '👤',
};

export function statusText(status: PracticeStatus, findings: number): string {
  if (status === 'findings') return findings === 1 ? '1 finding' : `${findings} findings`;
  return STATUS_LABELS[status];
}

/**
 * Escapes Markdown outside `code spans` (rule messages use backticks on purpose). An underscore
 * inside a word (`SYS_ADMIN`) is left alone: GitHub does not read it as emphasis.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\*[\]<>]/g, '\\$&').replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_')))
    .join('')
    .replace(/\r?\n/g, ' ');
}

function link(f: MarkdownFinding): string {
  const line = f.range.start.line + 1;
  const target = f.path.split('/').map(encodeURIComponent).join('/');
  return `[${escapeMarkdown(f.path)}:${line}](${target}#L${line})`;
}

export function renderChecklistMarkdown(checks: readonly MarkdownPractice[], options: ChecklistMarkdownOptions = {}): string {
  const byNumber = new Map(checks.map((c) => [c.practice, c]));
  const ticked = options.ticks ? new Set(options.ticks) : null;
  const max = options.maxFindings ?? 25;
  const counts = countStatuses(checks);
  const total = PRACTICES.length;
  const score = ticked ? `${PRACTICES.filter((p) => ticked.has(p.number)).length}/${total} done` : `${counts.passed}/${total} passed`;

  const out: string[] = [`## Docker security practices: ${score}`, ''];
  const summary = [
    `${STATUS_EMOJI.findings} ${counts.findings} with findings`,
    `${STATUS_EMOJI.passed} ${counts.passed} passed`,
    `${STATUS_EMOJI['needs-person']} ${counts.needsPerson} ${counts.needsPerson === 1 ? 'needs' : 'need'} a person`,
    `${STATUS_EMOJI['not-applicable']} ${counts.notApplicable} not applicable`,
  ];
  out.push(`${options.scope ? `${escapeMarkdown(options.scope)}: ` : ''}${summary.join(' · ')}`, '');

  for (const group of Object.keys(PRACTICE_GROUPS) as PracticeGroup[]) {
    out.push(`### ${PRACTICE_GROUPS[group]}`, '');
    for (const p of PRACTICES.filter((x) => x.group === group)) {
      const c = byNumber.get(p.number);
      const box = ticked?.has(p.number) ? '[x]' : '[ ]';
      if (!c) {
        out.push(`- ${box} **${p.number}. ${escapeMarkdown(p.title)}** — not checked`);
        continue;
      }
      out.push(`- ${box} **${p.number}. ${escapeMarkdown(p.title)}** — ${STATUS_EMOJI[c.status]} ${statusText(c.status, c.findings.length)}`);
      if (c.status === 'findings') {
        for (const f of c.findings.slice(0, max)) out.push(`  - ${link(f)} \`${f.ruleId}\` — ${escapeMarkdown(f.message)}`);
        if (c.findings.length > max) out.push(`  - … and ${c.findings.length - max} more (run \`bulkhead check\` for all of them)`);
      }
      if (c.status === 'needs-person' && c.review) out.push(`  - Review: ${escapeMarkdown(c.review)}`);
    }
    out.push('');
  }
  out.push('<sub>Generated by Bulkhead. Tick a practice once a person has reviewed it.</sub>', '');
  return out.join('\n');
}
