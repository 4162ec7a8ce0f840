import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { findConfig, isIgnored } from '../engine/config-discovery';
import { parseConfigFile, type FileConfig } from '../engine/config-file';
import { detectKind } from '../shared/file-kinds';
import { lintDetailed } from '../engine/lint';
import type { LintInput, RelatedFiles, Target } from '../core/types';
import { describeFsError, discover, type FileTarget, type PathProblem } from './discover';
import type { FileReport } from './report';

/**
 * What `check` and `checklist` share: discovery, configuration files, reading and linting.
 * Problems (unreadable files, bad configuration) are written to stderr as they are found.
 */

/**
 * Files above this many bytes are not even read (a memory bound), and are reported as a problem.
 * Smaller files over the engine's size limit (2,000,000 characters) get its `file-too-large` finding,
 * as in the editor.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

export function displayPath(cwd: string, p: string): string {
  const rel = relative(cwd, resolve(cwd, p));
  return (rel === '' ? p : rel.startsWith('..') ? resolve(cwd, p) : rel).replace(/\\/g, '/');
}

export function readText(path: string): { text?: string; problem?: string } {
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

/** The most names one directory listing hands to a rule (a build context may be huge). */
const MAX_LISTED_NAMES = 5000;

const relatedFiles: RelatedFiles = {
  read(path) {
    const r = readText(path);
    return r.text;
  },
  // Names only, directories with a trailing "/"; symbolic links are left out, so no walk can loop.
  // Kept next to `read`; both belong in the file-system policy module once there is one.
  list(dir) {
    try {
      const out: string[] = [];
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (out.length >= MAX_LISTED_NAMES) break;
        if (e.isDirectory()) out.push(`${e.name}/`);
        else if (e.isFile()) out.push(e.name);
      }
      return out;
    } catch {
      return undefined;
    }
  },
};

export interface LoadedConfig {
  path: string | null;
  config: FileConfig;
}

/** Reads configuration files once each and reports their problems (file:line:column) once. */
export class Configs {
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

  /** The configuration that applies inside a directory (or to a file) named on the command line. */
  forArgument(path: string): LoadedConfig {
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      // a missing path is reported by discovery
    }
    return this.for(isDir ? join(path, '.bulkhead') : path);
  }
}

function existsFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export interface AnalysedFile extends FileReport {
  /** Absolute, `/`-separated. */
  abs: string;
  kind: Target;
  config: FileConfig;
}

export interface AnalyseOptions {
  paths: readonly string[];
  kind: Target | null;
  config: string | null;
}

export interface Analysed {
  files: AnalysedFile[];
  problems: PathProblem[];
  internal: number;
  configs: Configs;
}

/**
 * Discovers, reads and lints. `prepare` may replace a file's text before it is linted (the
 * fixes of `check --fix`); it receives the shown path for its messages.
 */
export function analyse(
  options: AnalyseOptions,
  io: CliIo,
  prepare?: (input: LintInput, config: FileConfig, shown: string, file: FileTarget, problems: PathProblem[]) => string,
): Analysed {
  const configs = new Configs(io, options.config ? resolve(io.cwd, options.config) : null);
  const { files, problems } = discover(options.paths.map((p) => resolve(io.cwd, p)));
  const out: AnalysedFile[] = [];
  let internal = 0;
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
    const kind = (file.explicit ? options.kind : null) ?? file.kind ?? detectKind(file.path, text);
    if (!kind) {
      problems.push({ path: file.path, reason: 'not recognised as a Dockerfile or Compose file (use --kind dockerfile|compose)' });
      continue;
    }
    const input: LintInput = { text, kind, uri: abs, related: relatedFiles };
    const current = prepare ? prepare(input, loaded.config, shown, file, problems) : text;
    const result = lintDetailed({ ...input, text: current }, loaded.config);
    for (const e of result.internalErrors) {
      internal++;
      io.stderr(`bulkhead: internal error in rule ${e.ruleId} on ${shown}: ${e.message}\n`);
    }
    out.push({ path: shown, abs, kind, text: current, findings: result.findings, config: loaded.config });
  }
  for (const p of problems) io.stderr(`bulkhead: ${displayPath(io.cwd, p.path)}: ${p.reason}\n`);
  return { files: out, problems, internal, configs };
}
