import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { renderRuleMarkdown } from '../engine/docs';
import { detectKind } from '../engine/file-kinds';
import { lintDetailed } from '../engine/lint';
import type { RelatedFiles, Severity } from '../engine/types';
import { RULES } from '../rules';
import { HELP, parseArgs, UsageError, type CheckArgs, type FailOn } from './args';
import { describeFsError, discover } from './discover';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { formatJson, type FileReport } from './report';

export const VERSION = '0.1.0';
/** Files above this many bytes are skipped with a message rather than analysed. */
export const MAX_FILE_BYTES = 5_000_000;

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };
const THRESHOLD: Record<FailOn, number> = { error: 3, warning: 2, info: 1, never: Infinity };

function displayPath(cwd: string, p: string): string {
  const rel = relative(cwd, resolve(cwd, p));
  return (rel === '' ? p : rel.startsWith('..') ? resolve(cwd, p) : rel).replace(/\\/g, '/');
}

function readText(path: string): { text?: string; problem?: string } {
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) return { problem: `skipped: ${size} bytes is over the ${MAX_FILE_BYTES}-byte limit` };
    const buf = readFileSync(path);
    if (buf.subarray(0, 8000).includes(0)) return { problem: 'binary file (contains NUL bytes), not a Dockerfile or Compose file' };
    return { text: buf.toString('utf8') };
  } catch (e) {
    return { problem: describeFsError(e) };
  }
}

const relatedFiles: RelatedFiles = {
  read(path) {
    const r = readText(path);
    return r.text;
  },
};

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
  }
}

function check(args: CheckArgs, io: CliIo): number {
  const { files, problems } = discover(args.paths.map((p) => resolve(io.cwd, p)));
  const reports: FileReport[] = [];
  let internal = 0;
  for (const file of files) {
    const shown = displayPath(io.cwd, file.path);
    const { text, problem } = readText(file.path);
    if (text === undefined) {
      problems.push({ path: file.path, reason: problem ?? 'unreadable' });
      continue;
    }
    const kind = (file.explicit ? args.kind : null) ?? file.kind ?? detectKind(file.path, text);
    if (!kind) {
      problems.push({ path: file.path, reason: 'not recognised as a Dockerfile or Compose file (use --kind dockerfile|compose)' });
      continue;
    }
    const result = lintDetailed({ text, kind, uri: resolve(file.path).replace(/\\/g, '/'), related: relatedFiles }, {});
    for (const e of result.internalErrors) {
      internal++;
      io.stderr(`bulkhead: internal error in rule ${e.ruleId} on ${shown}: ${e.message}\n`);
    }
    reports.push({ path: shown, text, findings: result.findings });
  }
  for (const p of problems) io.stderr(`bulkhead: ${displayPath(io.cwd, p.path)}: ${p.reason}\n`);

  const color = args.color ?? (io.isTTY && !io.env.NO_COLOR);
  if (args.format === 'json') io.stdout(formatJson(reports));
  else if (args.format === 'sarif') io.stdout(formatSarif(reports, RULES.map((r) => r.meta), VERSION));
  else io.stdout(formatText(reports, color));

  if (problems.length > 0 || internal > 0) return 2;
  const threshold = THRESHOLD[args.failOn];
  const failing = reports.some((r) => r.findings.some((f) => RANK[f.severity] >= threshold));
  return failing ? 1 : 0;
}
