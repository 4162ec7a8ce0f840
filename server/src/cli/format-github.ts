import type { RuleMeta } from '../rule-api/rule';
import type { Severity } from '../core/types';
import type { FileReport } from './report';
import { safeTextKeepingLineBreaks } from './terminal-text';

/**
 * `--format github`: one GitHub Actions workflow command per finding, which the runner turns into
 * an annotation on the file and lines in the pull request's diff and the run summary:
 *
 *   ::error file=compose.yaml,line=7,col=5,endLine=7,endColumn=21,title=Bulkhead no-privileged::Service "web" runs privileged...
 *
 * `error` for errors, `warning` for warnings, `notice` for info (and for hints, which are advice and
 * annotated only with `--hints`: they are counted in the totals line). Columns are 1-based and
 * `endColumn` is exclusive of the last character's column + 1, as in the JSON output. Escaping
 * follows the runner's rules: in the message `%`, CR and LF become `%25`, `%0D`, `%0A`; in property
 * values `:` and `,` become `%3A` and `%2C` as well. Before that, what comes from the files (paths,
 * messages quoting names and values) is made terminal-safe (terminal-text.ts), as in the text output,
 * so the log viewer shows it as text; line breaks are encoded by the runner's rules and never end a
 * command early.
 */

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

export function escapeData(s: string): string {
  return safeTextKeepingLineBreaks(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(reports: readonly FileReport[], metas: readonly RuleMeta[], hints = false): string {
  const titles = new Map(metas.map((m) => [m.id, m.title]));
  const lines: string[] = [];
  let count = 0;
  let advice = 0;
  for (const r of reports) {
    for (const f of r.findings) {
      count++;
      if (f.severity === 'hint' && !hints) {
        advice++;
        continue;
      }
      const title = `Bulkhead ${f.ruleId}${titles.has(f.ruleId) ? `: ${titles.get(f.ruleId)}` : ''}`;
      const props = [
        ['file', r.path],
        ['line', String(f.range.start.line + 1)],
        ['col', String(f.range.start.character + 1)],
        ['endLine', String(f.range.end.line + 1)],
        ['endColumn', String(f.range.end.character + 1)],
        ['title', title],
      ]
        .map(([k, v]) => `${k}=${escapeProperty(v)}`)
        .join(',');
      lines.push(`::${COMMAND[f.severity]} ${props}::${escapeData(`${f.message} (practice ${f.practice})`)}`);
    }
  }
  // A plain log line (not a command) with the totals.
  lines.push(`Bulkhead: ${count} finding${count === 1 ? '' : 's'} in ${reports.length} file${reports.length === 1 ? '' : 's'}${advice > 0 ? ` (${advice} hint${advice === 1 ? '' : 's'} not annotated: --hints)` : ''}`);
  return lines.join('\n') + '\n';
}
