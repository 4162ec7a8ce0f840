import { LineIndex } from '../core/positions';
import type { Severity } from '../core/types';
import type { FileReport } from './report';

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
 * the source line and a caret underline of the exact range; then a summary line.
 */
export function formatText(reports: readonly FileReport[], color: boolean): string {
  const c = (k: keyof typeof COLORS, s: string) => (color ? `${COLORS[k]}${s}${COLORS.reset}` : s);
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let files = 0;
  for (const r of reports) {
    if (r.findings.length === 0) continue;
    files++;
    out.push(c('bold', r.path));
    const index = new LineIndex(r.text);
    for (const f of r.findings) {
      counts[f.severity]++;
      const { line, character } = f.range.start;
      const pos = `${line + 1}:${character + 1}`;
      const fix = f.fixes.length > 0 ? c('dim', ' (fixable)') : '';
      out.push(`  ${pos.padEnd(7)} ${c(f.severity, f.severity.padEnd(7))} ${f.message}  ${c('dim', `${f.ruleId} · practice ${f.practice}`)}${fix}`);
      const src = index.lineText(line).replace(/\t/g, ' ');
      if (src.trim() !== '' && src.length <= 300) {
        const end = f.range.end.line === line ? f.range.end.character : src.length;
        const width = Math.max(1, Math.min(end, src.length) - character);
        out.push(`          ${c('dim', '|')} ${src}`);
        out.push(`          ${c('dim', '|')} ${' '.repeat(character)}${c(f.severity, '^'.repeat(width))}`);
      }
    }
    out.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) {
    out.push(`No findings in ${reports.length} file${reports.length === 1 ? '' : 's'}.`);
  } else {
    const parts = (Object.keys(counts) as Severity[]).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}${counts[s] === 1 || s === 'info' ? '' : 's'}`);
    out.push(`${total} finding${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${files} of ${reports.length} file${reports.length === 1 ? '' : 's'}.`);
  }
  return out.join('\n') + '\n';
}
