import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { applyConfigFile, parsedConfigFile, resolveConfig, type ParsedConfigFile, type ResolvedConfig } from '../engine/config-resolve';
import type { FileConfig } from '../engine/config-file';
import { detectKind } from '../shared/file-kinds';
import { lintDetailed, type LintResult } from '../engine/lint';
import type { NotAnalysed } from '../engine/checklist';
import { kept } from '../core/kept';
import { DEFAULT_MAX_FILE_SIZE, type LintInput, type RelatedFiles, type Target } from '../core/types';
import { readTextFile, type TextRead } from '../node-fs/read-text';
import { listNames } from '../node-fs/directories';
import { Boundaries, discover, type FileTarget, type PathProblem } from './discover';
import type { FileReport } from './report';
import { safeText } from './terminal-text';

/**
 * What `check` and `checklist` share: discovery, configuration files, reading and linting, all
 * under the file-system policy of `node-fs/` (regular files only, never through a link out of the
 * repository, at most the size limit read). Problems (unreadable files, bad configuration) are
 * written to stderr as they are found.
 */

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

const slashed = (p: string) => p.replace(/\\/g, '/');

/** Reads configuration files once each and reports their problems (file:line:column) once. */
export class Configs {
  private readonly parsed = new Map<string, ParsedConfigFile>();
  private readonly reported = new Set<string>();
  private explicitFile: ParsedConfigFile | null | undefined;
  problems = 0;

  constructor(
    private readonly io: CliIo,
    private readonly explicit: string | null,
    private readonly boundaries: Boundaries,
    private readonly say: (line: string) => void,
  ) {}

  private readConfig(path: string, within: string | undefined): string | undefined {
    const r = readTextFile(path, { maxChars: DEFAULT_MAX_FILE_SIZE, within }, this.boundaries.realPaths);
    if ('problem' in r) {
      if (r.missing && !this.explicit) return undefined;
      this.report(path, `${r.problem}; no configuration is used for the files below it`);
      return '';
    }
    if (!r.complete) {
      this.report(path, `the configuration file is over ${DEFAULT_MAX_FILE_SIZE} characters: not read`);
      return '';
    }
    return r.text;
  }

  private report(path: string, message: string): void {
    if (this.reported.has(path)) return;
    this.reported.add(path);
    this.problems++;
    this.say(`${displayPath(this.io.cwd, path)}: ${message}`);
  }

  private reportProblems(file: ParsedConfigFile): void {
    if (this.reported.has(file.path)) return;
    this.reported.add(file.path);
    for (const p of file.problems) {
      this.problems++;
      this.say(`${displayPath(this.io.cwd, file.path)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`);
    }
  }

  /** The configuration that applies to a file (or, with `directory`, inside a folder): --config, else discovery. */
  for(path: string, root: string, directory = false): ResolvedConfig {
    if (this.explicit) {
      if (this.explicitFile === undefined) {
        const text = this.readConfig(this.explicit, undefined);
        this.explicitFile = text === undefined ? null : parsedConfigFile(slashed(this.explicit), text);
      }
      if (this.explicitFile) this.reportProblems(this.explicitFile);
      return applyConfigFile(slashed(path), this.explicitFile, undefined, directory);
    }
    const resolved = resolveConfig(
      slashed(resolve(path)),
      { read: (p) => this.readConfig(p, root), isBoundary: this.boundaries.isConfigBoundary },
      { directory, cache: this.parsed },
    );
    if (resolved.file) this.reportProblems(resolved.file);
    return resolved;
  }

  /** The configuration that applies inside a directory (or to a file) named on the command line. */
  forArgument(path: string): ResolvedConfig {
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      // a missing path is reported by discovery
    }
    return this.for(path, this.boundaries.rootOf(resolve(path), isDir), isDir);
  }
}

/** Related files (`.dockerignore`, the Dockerfile a Compose service builds), read once each per run, under the policy. */
function relatedReader(cache: Map<string, string | undefined>, within: string, maxChars: number, realPaths: Map<string, string | null>): RelatedFiles {
  return {
    read(path) {
      return kept(cache, `${maxChars}\0${within}\0${path}`, 10_000, () => {
        const r = readTextFile(path, { maxChars, within }, realPaths);
        return 'text' in r && r.complete ? r.text : undefined;
      });
    },
    list: (dir) => listNames(dir, within),
  };
}

export interface AnalysedFile extends FileReport {
  /** Absolute, `/`-separated. */
  abs: string;
  kind: Target;
  config: FileConfig;
  /** The configuration file it was linted with (null: none). */
  configPath: string | null;
  /** What the checklist reads besides the findings: suppressed findings, ignore comments, whether the rules ran. */
  lint: Pick<LintResult, 'suppressed' | 'directives'> & { notAnalysed: NotAnalysed | null };
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
  boundaries: Boundaries;
}

/** What `prepare` gets: the file as read, with what `--fix` needs to write it back safely. */
export interface ReadFile {
  input: LintInput;
  config: FileConfig;
  shown: string;
  file: FileTarget;
  read: Exclude<TextRead, { problem: string }>;
}

/**
 * Discovers, reads and lints. `prepare` may replace a file's text before it is linted (the fixes
 * of `check --fix`). `say` writes one line to stderr, escaped for the output format.
 */
export function analyse(options: AnalyseOptions, io: CliIo, say: (line: string) => void = (l) => io.stderr(`bulkhead: ${safeText(l)}\n`), prepare?: (file: ReadFile, problems: PathProblem[]) => string): Analysed {
  const boundaries = new Boundaries(resolve(io.cwd));
  const configs = new Configs(io, options.config ? resolve(io.cwd, options.config) : null, boundaries, say);
  const { files, problems } = discover(
    options.paths.map((p) => resolve(io.cwd, p)),
    boundaries,
  );
  const related = new Map<string, string | undefined>();
  const out: AnalysedFile[] = [];
  let internal = 0;
  for (const file of files) {
    const shown = displayPath(io.cwd, file.path);
    const resolved = configs.for(file.path, file.root);
    if (!file.explicit && resolved.ignored) continue;
    const config = resolved.config;
    const maxChars = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const read = readTextFile(file.path, { maxChars, within: file.root }, boundaries.realPaths);
    if ('problem' in read) {
      problems.push({ path: file.path, reason: read.problem });
      continue;
    }
    const kind = (file.explicit ? options.kind : null) ?? file.kind ?? detectKind(file.path, read.text);
    if (!kind) {
      problems.push({ path: file.path, reason: 'not recognised as a Dockerfile, Compose file or Dev Container configuration (use --kind dockerfile|compose|devcontainer)' });
      continue;
    }
    const abs = slashed(resolve(file.path));
    const input: LintInput = {
      text: read.text,
      kind,
      uri: abs,
      related: relatedReader(related, file.root, maxChars, boundaries.realPaths),
      ...(read.complete ? {} : { truncated: { bytes: read.bytes } }),
    };
    const current = prepare ? prepare({ input, config, shown, file, read }, problems) : read.text;
    const result = lintDetailed({ ...input, text: current }, config);
    for (const e of result.internalErrors) {
      internal++;
      say(`internal error in rule ${e.ruleId} on ${shown}: ${e.message}`);
    }
    const lint = { suppressed: result.suppressed, directives: result.directives, notAnalysed: result.notAnalysed };
    out.push({ path: shown, abs, kind, text: current, findings: result.findings, config, configPath: resolved.file?.path ?? null, lint });
  }
  for (const p of problems) say(`${displayPath(io.cwd, p.path)}: ${p.reason}`);
  return { files: out, problems, internal, configs, boundaries };
}
