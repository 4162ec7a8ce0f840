import { renderRuleMarkdown } from '../engine/docs';
import { fixAll } from '../engine/fix-all';
import type { Severity } from '../core/types';
import { RULES } from '../rules';
import { analyse, type CliIo } from './analyse';
import { HELP, parseArgs, UsageError, type CheckArgs, type FailOn } from './args';
import { checklist } from './checklist';
import { unifiedDiff } from './diff';
import { describeFsError } from './discover';
import { formatGithub } from './format-github';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { formatJson } from './report';
import { writeFileAtomic } from './write-file';
import { VERSION } from '../shared/version';

export { MAX_FILE_BYTES, type CliIo } from './analyse';

export { VERSION };

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };
const THRESHOLD: Record<FailOn, number> = { error: 3, warning: 2, info: 1, never: Infinity };

/** Runs the CLI and returns its exit code. Never throws for bad input. */
export function runCli(argv: readonly string[], io: CliIo): number {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`bulkhead: ${e.message}\nRun "bulkhead --help" for usage.\n`);
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

function check(args: CheckArgs, io: CliIo): number {
  let diff = '';
  const { files, problems, internal, configs } = analyse(args, io, (input, config, shown, file, problems) => {
    if (!args.fix && !args.fixDryRun) return input.text;
    const fixed = fixAll(input, config);
    if (fixed.refused) {
      io.stderr(`bulkhead: ${shown}: not fixed: ${fixed.refused}\n`);
    } else if (fixed.text !== input.text) {
      if (args.fixDryRun) {
        diff += unifiedDiff(shown, input.text, fixed.text);
      } else {
        try {
          writeFileAtomic(file.path, fixed.text);
          io.stderr(`bulkhead: ${shown}: applied ${fixed.applied} fix${fixed.applied === 1 ? '' : 'es'}\n`);
          return fixed.text;
        } catch (e) {
          problems.push({ path: file.path, reason: `could not write the fixed file: ${describeFsError(e)}` });
        }
      }
    }
    return input.text;
  });

  if (args.fixDryRun) {
    io.stdout(diff);
    return problems.length > 0 || internal > 0 || configs.problems > 0 ? 2 : 0;
  }
  const color = args.color ?? (io.isTTY && !io.env.NO_COLOR);
  if (args.format === 'json') io.stdout(formatJson(files));
  else if (args.format === 'sarif') io.stdout(formatSarif(files, RULES.map((r) => r.meta), VERSION));
  else if (args.format === 'github') io.stdout(formatGithub(files, RULES.map((r) => r.meta)));
  else io.stdout(formatText(files, color));

  if (problems.length > 0 || internal > 0 || configs.problems > 0) return 2;
  const threshold = (config: { failOn?: FailOn }) => THRESHOLD[args.failOnGiven ? args.failOn : (config.failOn ?? args.failOn)];
  const failing = files.some((r) => r.findings.some((f) => RANK[f.severity] >= threshold(r.config)));
  return failing ? 1 : 0;
}
