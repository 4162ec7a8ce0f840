import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { findConfig, isIgnored } from '../engine/config-discovery';
import { parseConfigFile, type FileConfig } from '../engine/config-file';
import { renderRuleMarkdown } from '../engine/docs';
import { detectKind } from '../engine/file-kinds';
import { fixAll } from '../engine/fix-all';
import { lintDetailed } from '../engine/lint';
import type { RelatedFiles, Severity } from '../engine/types';
import { RULES } from '../rules';
import { HELP, parseArgs, UsageError, type CheckArgs, type FailOn } from './args';
import { unifiedDiff } from './diff';
import { describeFsError, discover } from './discover';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { formatJson, type FileReport } from './report';
import { writeFileAtomic } from './write-file';

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

interface LoadedConfig {
  path: string | null;
  config: FileConfig;
}

/** Reads configuration files once each and reports their problems (file:line:column) once. */
class Configs {
  private readonly byPath = new Map<string, LoadedConfig>();
  problems = 0;

  constructor(
    private readonly io: CliIo,
    private readonly explicit: string | null,
  ) {}

  load(path: string): LoadedConfig {
    let loaded = this.byPath.get(path);
    if (loaded) return loaded;
    const { text, problem } = readText(path);
    if (text === undefined) {
      this.io.stderr(`bulkhead: ${displayPath(this.io.cwd, path)}: ${problem}\n`);
      this.problems++;
      loaded = { path, config: {} };
    } else {
      const parsed = parseConfigFile(text);
      for (const p of parsed.problems) {
        this.problems++;
        this.io.stderr(`bulkhead: ${displayPath(this.io.cwd, path)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}\n`);
      }
      loaded = { path, config: parsed.config };
    }
    this.byPath.set(path, loaded);
    return loaded;
  }

  /** The configuration that applies to a file: --config, else the nearest .bulkhead.yaml above it. */
  for(file: string): LoadedConfig {
    if (this.explicit) return this.load(this.explicit);
    const found = findConfig(resolve(file).replace(/\\/g, '/'), (p) => (existsFile(p) ? '' : undefined));
    return found ? this.load(found.path) : { path: null, config: {} };
  }
}

function existsFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function check(args: CheckArgs, io: CliIo): number {
  const configs = new Configs(io, args.config ? resolve(io.cwd, args.config) : null);
  const { files, problems } = discover(args.paths.map((p) => resolve(io.cwd, p)));
  const reports: FileReport[] = [];
  const thresholds = new Map<FileReport, number>();
  let internal = 0;
  let diff = '';
  for (const file of files) {
    const shown = displayPath(io.cwd, file.path);
    const loaded = configs.for(file.path);
    const abs = resolve(file.path).replace(/\\/g, '/');
    if (!file.explicit && loaded.path && loaded.config.ignore && isIgnored(abs, loaded.path.replace(/\\/g, '/'), loaded.config.ignore)) continue;
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
    const input = { text, kind, uri: abs, related: relatedFiles };
    let current = text;
    if (args.fix || args.fixDryRun) {
      const fixed = fixAll(input, loaded.config);
      if (fixed.refused) {
        io.stderr(`bulkhead: ${shown}: not fixed: ${fixed.refused}\n`);
      } else if (fixed.text !== text) {
        if (args.fixDryRun) {
          diff += unifiedDiff(shown, text, fixed.text);
        } else {
          try {
            writeFileAtomic(file.path, fixed.text);
            current = fixed.text;
            io.stderr(`bulkhead: ${shown}: applied ${fixed.applied} fix${fixed.applied === 1 ? '' : 'es'}\n`);
          } catch (e) {
            problems.push({ path: file.path, reason: `could not write the fixed file: ${describeFsError(e)}` });
          }
        }
      }
    }
    const result = lintDetailed({ ...input, text: current }, loaded.config);
    for (const e of result.internalErrors) {
      internal++;
      io.stderr(`bulkhead: internal error in rule ${e.ruleId} on ${shown}: ${e.message}\n`);
    }
    const report = { path: shown, text: current, findings: result.findings };
    reports.push(report);
    thresholds.set(report, THRESHOLD[args.failOnGiven ? args.failOn : (loaded.config.failOn ?? args.failOn)]);
  }
  for (const p of problems) io.stderr(`bulkhead: ${displayPath(io.cwd, p.path)}: ${p.reason}\n`);

  if (args.fixDryRun) {
    io.stdout(diff);
    return problems.length > 0 || internal > 0 || configs.problems > 0 ? 2 : 0;
  }
  const color = args.color ?? (io.isTTY && !io.env.NO_COLOR);
  if (args.format === 'json') io.stdout(formatJson(reports));
  else if (args.format === 'sarif') io.stdout(formatSarif(reports, RULES.map((r) => r.meta), VERSION));
  else io.stdout(formatText(reports, color));

  if (problems.length > 0 || internal > 0 || configs.problems > 0) return 2;
  const failing = reports.some((r) => r.findings.some((f) => RANK[f.severity] >= thresholds.get(r)!));
  return failing ? 1 : 0;
}
