import { parseArgs as parseArgv } from 'node:util';
import { FAIL_ON_LEVELS, type FailOn } from '../engine/config-file';
import type { Target } from '../core/types';

export type { FailOn } from '../engine/config-file';
export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';

/**
 * The default gate: fail on errors, the risks exploitable as written. Warnings are risks a reviewer
 * asks to fix or justify, and most real projects carry some they have accepted (root in an official
 * image's entrypoint, a dev Compose file without memory limits): failing on them by default failed 91%
 * of the real-world corpus, and a gate that always fails gets switched off. `--fail-on warning` keeps them.
 */
export const DEFAULT_FAIL_ON: FailOn = 'error';

export interface CheckArgs {
  command: 'check';
  paths: string[];
  format: OutputFormat;
  failOn: FailOn;
  kind: Target | null;
  color: boolean | null;
  /** False: --fail-on not given (the config file's failOn, else DEFAULT_FAIL_ON). */
  failOnGiven: boolean;
  config: string | null;
  fix: boolean;
  fixDryRun: boolean;
  /** List advice (hint findings) in the text and GitHub formats too; JSON and SARIF always list it. */
  hints: boolean;
}

export interface RulesArgs {
  command: 'rules';
  format: 'text' | 'json';
}

export interface ChecklistArgs {
  command: 'checklist';
  paths: string[];
  format: 'markdown' | 'json';
  kind: Target | null;
  config: string | null;
}

export type CliArgs = CheckArgs | ChecklistArgs | RulesArgs | { command: 'help' } | { command: 'version' };

export class UsageError extends Error {}

const FORMATS = { check: ['text', 'json', 'sarif', 'github'], checklist: ['markdown', 'json'], rules: ['text', 'json'] } as const;
const KINDS = ['dockerfile', 'compose', 'devcontainer'] as const;

type Spec = { type: 'string' | 'boolean'; short?: string };
const OPTIONS: Record<'check' | 'checklist' | 'rules', Record<string, Spec>> = {
  check: {
    format: { type: 'string', short: 'f' },
    'fail-on': { type: 'string' },
    kind: { type: 'string' },
    config: { type: 'string', short: 'c' },
    fix: { type: 'boolean' },
    'fix-dry-run': { type: 'boolean' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    hints: { type: 'boolean' },
  },
  checklist: { format: { type: 'string', short: 'f' }, kind: { type: 'string' }, config: { type: 'string', short: 'c' } },
  rules: { format: { type: 'string' } },
};

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

function configPath(value: string | undefined): string | null {
  if (value === '') throw new UsageError('--config needs a file path');
  return value ?? null;
}

/** `node:util` parseArgs for one command, with its errors turned into short usage messages. */
function parseCommand(command: keyof typeof OPTIONS, rest: readonly string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const options = OPTIONS[command];
  try {
    return parseArgv({ args: [...rest], options, allowPositionals: command !== 'rules', strict: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    // The option as the user wrote it (quoted first in the message), and its long name.
    const flag = /'(-[^' ,=]*)/.exec((e as Error).message)?.[1] ?? '';
    const long = /--[\w-]+/.exec((e as Error).message)?.[0] ?? flag;
    const name = long.replace(/^--/, '');
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option${command === 'check' ? '' : ` for "${command}"`}: ${flag}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && options[name]?.type === 'string') {
      const allowed = name === 'format' ? FORMATS[command] : name === 'fail-on' ? FAIL_ON_LEVELS : name === 'kind' ? KINDS : null;
      throw new UsageError(allowed ? `${long} needs a value: ${allowed.join(', ')}` : `${long} needs a file path`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`${long} takes no value`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`"${command}" takes no paths`);
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}

/** Parses `bulkhead <command> [options] [paths]` with `node:util` parseArgs (`--flag value`, `--flag=value`, `--`). */
export function parseArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
  if (command === '--version' || command === '-v' || command === 'version') return { command: 'version' };
  if (command !== 'check' && command !== 'checklist' && command !== 'rules') throw new UsageError(`unknown command "${command}" (expected check, checklist or rules)`);
  const { values: v, positionals } = parseCommand(command, rest);
  const str = (k: string) => v[k] as string | undefined;
  if (command === 'rules') return { command, format: oneOf('--format', str('format'), FORMATS.rules) ?? 'text' };
  const paths = positionals.length > 0 ? positionals : ['.'];
  const kind = oneOf('--kind', str('kind'), KINDS) ?? null;
  const config = configPath(str('config'));
  if (command === 'checklist') return { command, paths, format: oneOf('--format', str('format'), FORMATS.checklist) ?? 'markdown', kind, config };
  const failOn = oneOf('--fail-on', str('fail-on'), FAIL_ON_LEVELS);
  const out: CheckArgs = {
    command,
    paths,
    format: oneOf('--format', str('format'), FORMATS.check) ?? 'text',
    failOn: failOn ?? DEFAULT_FAIL_ON,
    failOnGiven: failOn !== undefined,
    kind,
    color: v['no-color'] ? false : v.color ? true : null,
    config,
    fix: v.fix === true,
    fixDryRun: v['fix-dry-run'] === true,
    hints: v.hints === true,
  };
  if (out.fix && out.fixDryRun) throw new UsageError('use either --fix or --fix-dry-run, not both');
  return out;
}

export const HELP = `Usage: bulkhead <command> [options]

Commands:
  check [PATH...]        Analyse Dockerfiles, Compose files and Dev Container
                         configurations (default PATH: .)
  checklist [PATH...]    The 20-practice checklist for those files, as Markdown
                         for a pull request description, or JSON
  rules                  List every rule with its metadata

Options for check:
  -f, --format FORMAT    text (default), json, sarif, or github (annotations
                         as GitHub Actions workflow commands)
  --fail-on LEVEL        Exit 1 when a finding is at or above LEVEL:
                         error (default, or failOn from the configuration
                         file), warning, info, never
  --kind KIND            Treat the files given explicitly as dockerfile, compose
                         or devcontainer
  -c, --config FILE      Use this configuration file instead of the nearest
                         .bulkhead.yaml above each file
  --fix                  Apply every safe fix in place, then report what is left
  --fix-dry-run          Print the safe fixes as a unified diff; change nothing
  --color, --no-color    Force or disable colours in text output
  --hints                List advice (hints) in text and github output too; they
                         are counted in the summary, and json and sarif list them

Options for checklist:
  -f, --format FORMAT    markdown (default) or json
  --kind KIND, -c/--config FILE   as for check

Options for rules:
  --format FORMAT        text (default) or json

Exit codes: 0 no finding at or above --fail-on (checklist: always 0); 1 findings;
2 usage error, or a file that could not be read or (with --fix) written; the
other files are still analysed.
`;
