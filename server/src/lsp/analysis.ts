import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { dirnameOf, findConfig, isIgnored } from '../engine/config-discovery';
import { mergeConfigs, parseConfigFile, type ConfigProblem, type FileConfig } from '../engine/config-file';
import { kindFromLanguageId, kindFromName } from '../engine/file-kinds';
import { lintDetailed, type LintResult } from '../engine/lint';
import type { LintConfig, RelatedFiles, Target } from '../engine/types';
import type { ServerSettings } from './settings';

export interface AnalysisHost {
  uriToPath(uri: string): string;
  /** Reads a file: an open document's text first, then the file system (if the host has one). */
  read(path: string): string | undefined;
  log(message: string): void;
}

export interface LoadedConfig {
  path: string;
  text: string;
  config: FileConfig;
  problems: ConfigProblem[];
}

/**
 * Everything the server needs to analyse one document: its kind, the configuration that applies
 * (nearest `.bulkhead.yaml`, overridden by the editor's `bulkhead.*` settings), and the lint run.
 */
export class Analysis {
  private readonly configs = new Map<string, LoadedConfig>();

  constructor(private readonly host: AnalysisHost) {}

  kindOf(doc: TextDocument): Target | null {
    const path = this.host.uriToPath(doc.uri);
    return kindFromLanguageId(doc.languageId, path, doc.getText()) ?? kindFromName(path);
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
    const found = findConfig(path, (p) => this.host.read(p));
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
    };
    const merged = mergeConfigs(file?.config, fromSettings);
    const ignored = !!file && !!merged.ignore && isIgnored(path, file.path, merged.ignore);
    return { config: merged, ignored };
  }

  run(doc: TextDocument, kind: Target, config: LintConfig): LintResult {
    const path = this.host.uriToPath(doc.uri);
    const related: RelatedFiles = { read: (p) => this.host.read(p) };
    const result = lintDetailed({ text: doc.getText(), kind, uri: path, related }, config);
    for (const e of result.internalErrors) this.host.log(`Rule ${e.ruleId} failed on ${doc.uri}: ${e.message}${e.stack ? `\n${e.stack}` : ''}`);
    return result;
  }
}

export function configProblemDiagnostics(problems: readonly ConfigProblem[]): Diagnostic[] {
  return problems.map((p) => ({ range: p.range, severity: 1, source: 'bulkhead', code: 'config', message: `Bulkhead configuration: ${p.message}` }));
}
