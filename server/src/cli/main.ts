import { renderRuleMarkdown } from '../engine/docs';
import { fixAll } from '../engine/fix-all';
import type { FailOn } from '../engine/config-file';
import type { Severity } from '../core/types';
import { RULES } from '../rules';
import { VERSION } from '../shared/version';
import { analyse, type CliIo, type ReadFile } from './analyse';
import { HELP, parseArgs, UsageError, type CheckArgs } from './args';
import { checklist } from './checklist';
import { unifiedDiff } from './diff';
import { describeFsError, type PathProblem } from './discover';
import { formatGithub } from './format-github';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { formatJson } from './report';
import { safeText } from './terminal-text';
import { FixRefused, writeFileAtomic } from './write-file';

export { type CliIo } from './analyse';
export { VERSION } from '../shared/version';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };
const THRESHOLD: Record<FailOn, number> = { error: 3, warning: 2, info: 1, never: Infinity };

/** Runs the CLI and returns its exit code. Never throws for bad input. */
export function runCli(argv: readonly string[], io: CliIo): number {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`bulkhead: ${safeText(e.message)}\nRun "bulkhead --help" for usage.\n`);
      return 2;
    }
    throw e;
  }
  switch (args.command) {
    case 'help':
      io.stdout(HELP);
      return 0;
    case 'version':
      io.stdout(`bulkhead ${VERSION}\n`);
      return 0;
    case 'rules':
      if (args.format === 'json') io.stdout(JSON.stringify({ version: 1, rules: RULES.map((r) => r.meta) }, null, 2) + '\n');
      else io.stdout(RULES.map((r) => renderRuleMarkdown(r.meta, { heading: '##', examples: false })).join('\n'));
      return 0;
    case 'check':
      return check(args, io);
    case 'checklist':
      return checklist(args, io);
  }
}

/**
 * `--fix` and `--fix-dry-run` for one file: the safe fixes, then a diff or an atomic write. A file
 * that is not valid UTF-8 is refused (its bytes could not all be written back as they were), and
 * so is one the writer refuses (see write-file.ts); each refusal is said on stderr and in the summary.
 */
function fixer(args: CheckArgs, io: CliIo, say: (line: string) => void, notFixed: string[], diff: { text: string }) {
  return ({ input, config, shown, file, read }: ReadFile, problems: PathProblem[]): string => {
    const refuse = (reason: string) => {
      problems.push({ path: file.path, reason: `not fixed: ${reason}` });
      notFixed.push(`${shown} (${reason})`);
    };
    if (!read.complete) {
      say(`${shown}: not fixed: the file is too large to analyse`);
      return input.text;
    }
    const fixed = fixAll(input, config);
    if (fixed.refused) {
      say(`${shown}: not fixed: ${fixed.refused}`);
      return input.text;
    }
    if (fixed.text === input.text) return input.text;
    if (!read.utf8) {
      refuse('it is not valid UTF-8, and Bulkhead writes back only files whose every byte it can keep');
      return input.text;
    }
    if (args.fixDryRun) {
      const bom = read.bom ? '\uFEFF' : '';
      const patch = unifiedDiff(shown, bom + input.text, bom + fixed.text);
      // On a terminal the diff is for reading: what a terminal would act on is made visible. Piped, it is exact (it applies).
      diff.text += io.isTTY ? patch.split('\n').map(safeText).join('\n') : patch;
      return input.text;
    }
    try {
      writeFileAtomic(read.real, fixed.text, read);
      say(`${shown}: applied ${fixed.applied} fix${fixed.applied === 1 ? '' : 'es'}`);
      return fixed.text;
    } catch (e) {
      refuse(e instanceof FixRefused ? e.message : `could not write the fixed file: ${describeFsError(e)}`);
      return input.text;
    }
  };
}

function check(args: CheckArgs, io: CliIo): number {
  const diff = { text: '' };
  const notFixed: string[] = [];
  const say = (line: string) => io.stderr(`bulkhead: ${safeText(line)}\n`);
  const fixing = args.fix || args.fixDryRun;
  const { files, problems, internal, configs } = analyse(args, io, say, fixing ? fixer(args, io, say, notFixed, diff) : undefined);

  if (args.fixDryRun) {
    io.stdout(diff.text);
    return problems.length > 0 || internal > 0 || configs.problems > 0 ? 2 : 0;
  }
  const color = args.color ?? (io.isTTY && !io.env.NO_COLOR);
  if (args.format === 'json') io.stdout(formatJson(files));
  else if (args.format === 'sarif') io.stdout(formatSarif(files, RULES.map((r) => r.meta), VERSION));
  else if (args.format === 'github') io.stdout(formatGithub(files, RULES.map((r) => r.meta), args.hints));
  else io.stdout(formatText(files, color, notFixed.length > 0 ? [`Not fixed: ${notFixed.join('; ')}.`] : [], args.hints));

  if (problems.length > 0 || internal > 0 || configs.problems > 0) return 2;
  const threshold = (config: { failOn?: FailOn }) => THRESHOLD[args.failOnGiven ? args.failOn : (config.failOn ?? args.failOn)];
  const failing = files.some((r) => r.findings.some((f) => RANK[f.severity] >= threshold(r.config)));
  return failing ? 1 : 0;
}
