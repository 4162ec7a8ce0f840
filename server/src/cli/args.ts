import type { Target } from '../core/types';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';
export type FailOn = 'error' | 'warning' | 'info' | 'never';

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
  /** Null: --fail-on not given (the config file's failOn, else DEFAULT_FAIL_ON). */
  failOnGiven: boolean;
  config: string | null;
  fix: boolean;
  fixDryRun: boolean;
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

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined) throw new UsageError(`${flag} needs a value: ${allowed.join(', ')}`);
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

/** Parses `bulkhead <command> [options] [paths]`. Accepts `--flag value` and `--flag=value`. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args = argv.flatMap((a) => (a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));
  if (args.length === 0 || args[0] === 'help' || args.includes('--help') || args.includes('-h')) return { command: 'help' };
  if (args[0] === '--version' || args[0] === '-v' || args[0] === 'version') return { command: 'version' };
  const [command, ...rest] = args;
  if (command === 'rules') {
    let format: 'text' | 'json' = 'text';
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '--format') format = oneOf('--format', rest[++i], ['text', 'json'] as const);
      else throw new UsageError(`unknown option for "rules": ${rest[i]}`);
    }
    return { command: 'rules', format };
  }
  if (command === 'checklist') return parseChecklist(rest);
  if (command !== 'check') throw new UsageError(`unknown command "${command}" (expected check, checklist or rules)`);
  const out: CheckArgs = { command: 'check', paths: [], format: 'text', failOn: DEFAULT_FAIL_ON, kind: null, color: null, failOnGiven: false, config: null, fix: false, fixDryRun: false };
  let onlyPaths = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (onlyPaths || !a.startsWith('-') || a === '-') {
      out.paths.push(a);
    } else if (a === '--') {
      onlyPaths = true;
    } else if (a === '--format' || a === '-f') {
      out.format = oneOf('--format', rest[++i], ['text', 'json', 'sarif', 'github'] as const);
    } else if (a === '--fail-on') {
      out.failOn = oneOf('--fail-on', rest[++i], ['error', 'warning', 'info', 'never'] as const);
      out.failOnGiven = true;
    } else if (a === '--config' || a === '-c') {
      const v = rest[++i];
      if (v === undefined || v === '') throw new UsageError('--config needs a file path');
      out.config = v;
    } else if (a === '--fix') {
      out.fix = true;
    } else if (a === '--fix-dry-run') {
      out.fixDryRun = true;
    } else if (a === '--kind') {
      out.kind = oneOf('--kind', rest[++i], ['dockerfile', 'compose'] as const);
    } else if (a === '--color') {
      out.color = true;
    } else if (a === '--no-color') {
      out.color = false;
    } else {
      throw new UsageError(`unknown option: ${a}`);
    }
  }
  if (out.paths.length === 0) out.paths.push('.');
  if (out.fix && out.fixDryRun) throw new UsageError('use either --fix or --fix-dry-run, not both');
  return out;
}

function parseChecklist(rest: readonly string[]): ChecklistArgs {
  const out: ChecklistArgs = { command: 'checklist', paths: [], format: 'markdown', kind: null, config: null };
  let onlyPaths = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (onlyPaths || !a.startsWith('-') || a === '-') out.paths.push(a);
    else if (a === '--') onlyPaths = true;
    else if (a === '--format' || a === '-f') out.format = oneOf('--format', rest[++i], ['markdown', 'json'] as const);
    else if (a === '--kind') out.kind = oneOf('--kind', rest[++i], ['dockerfile', 'compose'] as const);
    else if (a === '--config' || a === '-c') {
      const v = rest[++i];
      if (v === undefined || v === '') throw new UsageError('--config needs a file path');
      out.config = v;
    } else throw new UsageError(`unknown option for "checklist": ${a}`);
  }
  if (out.paths.length === 0) out.paths.push('.');
  return out;
}

export const HELP = `Usage: bulkhead <command> [options]

Commands:
  check [PATH...]        Analyse Dockerfiles and Compose files (default PATH: .)
  checklist [PATH...]    The 20-practice checklist for those files, as Markdown
                         for a pull request description, or JSON
  rules                  List every rule with its metadata

Options for check:
  -f, --format FORMAT    text (default), json, sarif, or github (annotations
                         as GitHub Actions workflow commands)
  --fail-on LEVEL        Exit 1 when a finding is at or above LEVEL:
                         error (default, or failOn from the configuration
                         file), warning, info, never
  --kind KIND            Treat the files given explicitly as dockerfile or compose
  -c, --config FILE      Use this configuration file instead of the nearest
                         .bulkhead.yaml above each file
  --fix                  Apply every safe fix in place, then report what is left
  --fix-dry-run          Print the safe fixes as a unified diff; change nothing
  --color, --no-color    Force or disable colours in text output

Options for checklist:
  -f, --format FORMAT    markdown (default) or json
  --kind KIND, -c/--config FILE   as for check

Options for rules:
  --format FORMAT        text (default) or json

Exit codes: 0 no finding at or above --fail-on (checklist: always 0); 1 findings;
2 usage error or a file that could not be read (the other files are still analysed).
`;
