import { LineIndex } from '../core/positions';
import type { Severity } from '../core/types';
import type { FileReport } from './report';
import { safeLine, safeText } from './terminal-text';

const COLORS: Record<Severity | 'dim' | 'bold' | 'reset', string> = {
  error: '\x1b[31m',
  warning: '\x1b[33m',
  info: '\x1b[36m',
  hint: '\x1b[90m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  reset: '\x1b[0m',
};

/**
 * Human output: per file, each finding with its position, severity, message, rule and practice,
 * the source line and a caret underline of the exact range; then a summary line and the notes
 * (files `--fix` did not fix). Everything that comes from the files is made terminal-safe.
 * Advice (hints) is counted in the summary but listed only with `hints` (`--hints`): a CI log
 * shows the risks, and `--format json` or the editor's checklist list every gap.
 */
export function formatText(reports: readonly FileReport[], color: boolean, notes: readonly string[] = [], hints = false): string {
  const c = (k: keyof typeof COLORS, s: string) => (color ? `${COLORS[k]}${s}${COLORS.reset}` : s);
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let files = 0;
  let withFindings = 0;
  for (const r of reports) {
    if (r.findings.length === 0) continue;
    withFindings++;
    for (const f of r.findings) counts[f.severity]++;
    const listed = hints ? r.findings : r.findings.filter((f) => f.severity !== 'hint');
    if (listed.length === 0) continue;
    files++;
    out.push(c('bold', safeText(r.path)));
    const index = new LineIndex(r.text);
    for (const f of listed) {
      const { line, character } = f.range.start;
      const pos = `${line + 1}:${character + 1}`;
      const fix = f.fixes.length > 0 ? c('dim', ' (fixable)') : '';
      out.push(`  ${pos.padEnd(7)} ${c(f.severity, f.severity.padEnd(7))} ${safeText(f.message)}  ${c('dim', `${f.ruleId} · practice ${f.practice}`)}${fix}`);
      const raw = index.lineText(line);
      if (raw.trim() !== '' && raw.length <= 300) {
        // The source line, with what a terminal would act on made visible; the caret follows the shifted columns.
        const { text: src, columns } = safeLine(raw);
        const from = columns[Math.min(character, raw.length)];
        const end = columns[Math.min(f.range.end.line === line ? f.range.end.character : raw.length, raw.length)];
        const width = Math.max(1, end - from);
        out.push(`          ${c('dim', '|')} ${src}`);
        out.push(`          ${c('dim', '|')} ${' '.repeat(from)}${c(f.severity, '^'.repeat(width))}`);
      }
    }
    out.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) {
    out.push(`No findings in ${reports.length} file${reports.length === 1 ? '' : 's'}.`);
  } else {
    const parts = (Object.keys(counts) as Severity[]).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}${counts[s] === 1 || s === 'info' ? '' : 's'}`);
    out.push(`${total} finding${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${withFindings} of ${reports.length} file${reports.length === 1 ? '' : 's'}.`);
    if (!hints && counts.hint > 0) out.push(`${counts.hint} hint${counts.hint === 1 ? ' is' : 's are'} advice, not listed above: add --hints to list ${counts.hint === 1 ? 'it' : 'them'} (--format json lists every finding).`);
  }
  for (const n of notes) out.push(safeText(n));
  return out.join('\n') + '\n';
}
