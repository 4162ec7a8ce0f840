import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { dirnameOf, findConfig, isIgnored } from '../engine/config-discovery';
import { mergeConfigs, parseConfigFile, type ConfigProblem, type FileConfig } from '../engine/config-file';
import { kindFromLanguageId, kindFromName } from '../shared/file-kinds';
import { lintDetailed, type LintResult } from '../engine/lint';
import type { LintConfig, RelatedFiles, Target } from '../core/types';
import type { ClientFiles } from './client-files';
import type { ServerSettings } from './settings';

export interface AnalysisHost {
  uriToPath(uri: string): string;
  /** The text of an open document at this path, if one is open. */
  openText(path: string): string | undefined;
  /** Reads a file from the server's own disk; absent when there is none (the web worker). */
  readDisk?(path: string): string | undefined;
  /** Lists a directory of that disk (names, directories with a trailing `/`); absent when there is none. */
  listDisk?(dir: string): readonly string[] | undefined;
  /** Whether a path is on that disk (virtual-workspace paths are not). */
  onDisk(path: string): boolean;
  /** Files through the client, when it serves them. */
  clientFiles(): ClientFiles | undefined;
  log(message: string): void;
}

export interface LoadedConfig {
  path: string;
  text: string;
  config: FileConfig;
  problems: ConfigProblem[];
}

export interface RunResult extends LintResult {
  /** False when the run read a file through the client that was not fetched yet (a provisional round). */
  complete: boolean;
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
  private readonly configs = new Map<string, LoadedConfig>();
  private logSink: string[] | undefined;

  constructor(private readonly host: AnalysisHost) {}

  kindOf(doc: TextDocument): Target | null {
    const path = this.host.uriToPath(doc.uri);
    return kindFromLanguageId(doc.languageId, path, doc.getText()) ?? kindFromName(path);
  }

  /** Reads a file: an open document's text, the disk, or the client's cache. */
  read(path: string): string | undefined {
    const open = this.host.openText(path);
    if (open !== undefined) return open;
    if (this.host.readDisk && this.host.onDisk(path)) return this.host.readDisk(path);
    const client = this.host.clientFiles();
    return client?.available ? client.read(path) : undefined;
  }

  /** Whether files next to `path` can be read at all. Without a way to read them, rules get no `related` reader. */
  canRead(path: string): boolean {
    if (this.host.readDisk && this.host.onDisk(path)) return true;
    return this.host.clientFiles()?.available === true;
  }

  /** Fetches files through the client ahead of a `settle()` (a workspace scan's candidates). */
  async prefetch(paths: readonly string[]): Promise<void> {
    const client = this.host.clientFiles();
    if (!client) return;
    await client.fetch(paths.filter((p) => this.host.openText(p) === undefined && !(this.host.readDisk && this.host.onDisk(p))));
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

  /** Forgets cached configuration files (after a change on disk or in the editor). */
  forgetConfigs(): void {
    this.configs.clear();
  }

  /**
   * The configuration file that applies to a path, parsed (cached until forgotten). `memo`, keyed
   * by directory, saves the upward search when many files are looked up at once (a workspace scan).
   */
  configFile(path: string, memo?: Map<string, LoadedConfig | null>): LoadedConfig | null {
    if (memo) {
      const dir = dirnameOf(path);
      if (!memo.has(dir)) memo.set(dir, this.configFile(path));
      return memo.get(dir) ?? null;
    }
    const found = findConfig(path, (p) => this.read(p));
    if (!found) return null;
    let loaded = this.configs.get(found.path);
    if (!loaded || loaded.text !== found.text) {
      const { config, problems } = parseConfigFile(found.text);
      loaded = { path: found.path, text: found.text, config, problems };
      this.configs.set(found.path, loaded);
    }
    return loaded;
  }

  config(path: string, settings: ServerSettings, memo?: Map<string, LoadedConfig | null>): { config: LintConfig; ignored: boolean } {
    const file = this.configFile(path, memo);
    const fromSettings: FileConfig = {
      ...(Object.keys(settings.rules).length > 0 ? { rules: settings.rules } : {}),
      ...(settings.trustedRegistries ? { trustedRegistries: settings.trustedRegistries } : {}),
      ...(settings.profile ? { profile: settings.profile } : {}),
      maxFileSize: settings.maxFileSize,
    };
    const merged = mergeConfigs(file?.config, fromSettings);
    const ignored = !!file && !!merged.ignore && isIgnored(path, file.path, merged.ignore);
    return { config: merged, ignored };
  }

  run(doc: TextDocument, kind: Target, config: LintConfig): RunResult {
    const path = this.host.uriToPath(doc.uri);
    const listDisk = this.host.listDisk;
    const list = listDisk && this.host.onDisk(path) ? { list: (d: string) => listDisk(d) } : {};
    const related: RelatedFiles | undefined = this.canRead(path) ? { read: (p) => this.read(p), ...list } : undefined;
    const client = this.host.clientFiles();
    const before = client?.missCount ?? 0;
    const result = lintDetailed({ text: doc.getText(), kind, uri: path, related }, config);
    for (const e of result.internalErrors) {
      const message = `Rule ${e.ruleId} failed on ${doc.uri}: ${e.message}${e.stack ? `\n${e.stack}` : ''}`;
      if (this.logSink) this.logSink.push(message);
      else this.host.log(message);
    }
    return { ...result, complete: (client?.missCount ?? 0) === before };
  }
}

export function configProblemDiagnostics(problems: readonly ConfigProblem[]): Diagnostic[] {
  return problems.map((p) => ({ range: p.range, severity: 1, source: 'bulkhead', code: 'config', message: `Bulkhead configuration: ${p.message}` }));
}
