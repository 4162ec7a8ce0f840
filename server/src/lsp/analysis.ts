import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyConfigFile, dirnameOf, type ParsedConfigFile } from '../engine/config-resolve';
import type { ConfigProblem } from '../engine/config-file';
import { kindFromLanguageId, kindFromName } from '../shared/file-kinds';
import { lintDetailed, type LintResult, type RunOptions } from '../engine/lint';
import { DEFAULT_MAX_FILE_SIZE, type LintConfig, type RelatedFiles, type Target } from '../core/types';
import type { ClientFiles } from './client-files';
import type { FileText } from './host';
import { settingsOverrides, type ServerSettings } from './settings';
import type { WorkspaceFiles } from './workspace-files';

export interface AnalysisHost {
  uriToPath(uri: string): string;
  /** The text of an open document at this path, if one is open. */
  openText(path: string): string | undefined;
  /** Files that are not open, under the file-system policy (workspace-files.ts). */
  files: WorkspaceFiles;
  /** Whether a path is on the server's disk (virtual-workspace paths are not; none are in the web worker). */
  onDisk(path: string): boolean;
  /** Files through the client, when it serves them. */
  clientFiles(): ClientFiles | undefined;
  log(message: string): void;
}

export type LoadedConfig = ParsedConfigFile;

/** How a document is run: the engine's options, and how many bytes a file read from a disk had when the read stopped at the size limit. */
export interface AnalysisRunOptions extends RunOptions {
  truncated?: { bytes: number };
}

export interface RunResult extends LintResult {
  /** False when the run read a file through the client that was not fetched yet (a provisional round). */
  complete: boolean;
  /** The reader the rules were given for files next to this one. */
  related: RelatedFiles | undefined;
}

/**
 * Everything the server needs to analyse one document: its kind, the configuration that applies
 * (nearest `.bulkhead.yaml`, overridden by the editor's `bulkhead.*` settings), and the lint run.
 *
 * Files are read from open documents first, then from the server's disk, then through the client
 * (see client-files.ts). Work that reads files goes through `settle()`, which repeats it until every
 * file it read through the client was fetched; on a disk it runs once.
 */
export class Analysis {
  private logSink: string[] | undefined;

  constructor(private readonly host: AnalysisHost) {}

  kindOf(doc: TextDocument): Target | null {
    const path = this.host.uriToPath(doc.uri);
    return kindFromLanguageId(doc.languageId, path, doc.getText()) ?? kindFromName(path);
  }

  /** Reads a file (an open document's text, the disk, or the client's cache) under the file-system policy; too large: undefined. */
  read(path: string, maxChars = DEFAULT_MAX_FILE_SIZE): string | undefined {
    return this.host.files.readText(path, maxChars);
  }

  /** Reads a git metadata file for forge links (see WorkspaceFiles.readGitMetadata). */
  readGitMetadata(path: string): string | undefined {
    return this.host.files.readGitMetadata(path);
  }

  /** Reads a file to lint it: the whole text, or the beginning of a file over the size limit (the engine then reports `file-too-large`). */
  readForLint(path: string, maxChars = DEFAULT_MAX_FILE_SIZE): FileText | undefined {
    return this.host.files.read(path, maxChars);
  }

  /** Whether files next to `path` can be read at all. Without a way to read them, rules get no `related` reader. */
  canRead(path: string): boolean {
    if (this.host.onDisk(path)) return true;
    return this.host.clientFiles()?.available === true;
  }

  /** Fetches files through the client ahead of a `settle()` (a workspace scan's candidates). */
  async prefetch(paths: readonly string[]): Promise<void> {
    const client = this.host.clientFiles();
    if (!client) return;
    await client.fetch(paths.filter((p) => this.host.openText(p) === undefined && !this.host.onDisk(p)));
  }

  /**
   * Runs `compute` (which reads files through `read`) until it read only files that are there to
   * read; logs only the final run's rule errors. Synchronous work on a disk runs once.
   */
  async settle<T>(compute: () => T): Promise<T> {
    const client = this.host.clientFiles();
    if (!client?.available) return compute();
    let logs: string[] = [];
    const value = await client.settle(() => {
      logs = [];
      this.logSink = logs;
      try {
        return compute();
      } finally {
        this.logSink = undefined;
      }
    });
    for (const m of logs) this.host.log(m);
    return value;
  }

  /** Forgets cached configuration and files read from a disk (after a change on disk or in the editor). */
  forgetConfigs(): void {
    this.host.files.forget();
  }

  /** The configuration file that applies to a path, parsed (kept while its text is unchanged). */
  configFile(path: string, memo?: Map<string, LoadedConfig | null>): LoadedConfig | null {
    if (memo) {
      const dir = dirnameOf(path);
      if (!memo.has(dir)) memo.set(dir, this.configFile(path));
      return memo.get(dir) ?? null;
    }
    return this.host.files.config(path, {}).file;
  }

  /**
   * The configuration of a path: the nearest `.bulkhead.yaml` inside the workspace folder or the
   * repository, with the settings the user set on top (engine/config-resolve.ts). `directory`: the
   * configuration that applies inside a folder (the checklist's base).
   */
  config(path: string, settings: ServerSettings, memo?: Map<string, LoadedConfig | null>, directory = false): { config: LintConfig; ignored: boolean } {
    // `memo`, keyed by folder, saves the upward search when many files are looked up at once (a workspace scan).
    const { config, ignored } =
      memo && !directory ? applyConfigFile(path, this.configFile(path, memo), settingsOverrides(settings)) : this.host.files.config(path, settingsOverrides(settings), directory);
    return { config, ignored };
  }

  run(doc: { uri: string; getText(): string }, kind: Target, config: LintConfig, options: AnalysisRunOptions = {}): RunResult {
    const path = this.host.uriToPath(doc.uri);
    const maxChars = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const files = this.host.files;
    const related: RelatedFiles | undefined = this.canRead(path) ? { read: (p) => this.read(p, maxChars), list: (d) => files.list(d) } : undefined;
    const client = this.host.clientFiles();
    const before = client?.missCount ?? 0;
    const { truncated, ...runOptions } = options;
    const result = lintDetailed({ text: doc.getText(), kind, uri: path, related, ...(truncated ? { truncated } : {}) }, config, undefined, runOptions);
    for (const e of result.internalErrors) {
      const message = `Rule ${e.ruleId} failed on ${doc.uri}: ${e.message}${e.stack ? `\n${e.stack}` : ''}`;
      if (this.logSink) this.logSink.push(message);
      else this.host.log(message);
    }
    return { ...result, complete: (client?.missCount ?? 0) === before, related };
  }
}

export function configProblemDiagnostics(problems: readonly ConfigProblem[]): Diagnostic[] {
  return problems.map((p) => ({ range: p.range, severity: 1, source: 'bulkhead', code: 'config', message: `Bulkhead configuration: ${p.message}` }));
}
