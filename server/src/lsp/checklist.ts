import type { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { computeChecklist, type ChecklistFile } from '../engine/checklist';
import { detectKind, kindFromName } from '../engine/file-kinds';
import type { Finding, LintConfig, Target } from '../engine/types';
import { PRACTICE_GROUPS, practice } from '../practices';
import type { ChecklistParams, ChecklistResult } from '../shared/protocol';
import type { Analysis, LoadedConfig } from './analysis';
import type { ServerSettings, SettingsCache } from './settings';
import type { ServerHost } from './start';

/**
 * The `bulkhead/checklist` request: lints one file, or scans the workspace folders for
 * Dockerfiles and Compose files (by name, plus open documents recognised by content), and hands
 * the results to the engine's checklist. Open documents' current text wins over the disk.
 */

export const MAX_SCAN_FILES = 3000;
/** Directory entries looked at before a scan gives up (a workspace can be a home directory). */
export const MAX_SCAN_ENTRIES = 200_000;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface DirectoryEntry {
  name: string;
  type: 'file' | 'directory';
}

/** Paths of the files named like Dockerfiles or Compose files under `root`, depth first, capped. */
export function listCandidateFiles(
  root: string,
  readDirectory: (dir: string) => DirectoryEntry[] | undefined,
  limits = { files: MAX_SCAN_FILES, entries: MAX_SCAN_ENTRIES },
): { paths: string[]; truncated: boolean } {
  const paths: string[] = [];
  const stack = [root];
  let seen = 0;
  while (stack.length > 0) {
    const dir = stack.pop()!;
    const entries = [...(readDirectory(dir) ?? [])].sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const e of entries) {
      if (++seen > limits.entries) return { paths, truncated: true };
      const p = dir.endsWith('/') ? `${dir}${e.name}` : `${dir}/${e.name}`;
      if (e.type === 'directory') {
        if (!SKIP_DIRS.has(e.name)) stack.push(p);
      } else if (kindFromName(e.name)) {
        if (paths.length >= limits.files) return { paths, truncated: true };
        paths.push(p);
      }
    }
  }
  return { paths, truncated: false };
}

interface Deps {
  host: ServerHost;
  analysis: Analysis;
  settings: SettingsCache;
  documents: TextDocuments<TextDocument>;
}

interface Scanned extends ChecklistFile {
  uri: string;
}

export class ChecklistService {
  private folders: string[] = [];
  /** Findings by path, reused while the text and the configuration are the same. */
  private readonly lintCache = new Map<string, { text: string; configKey: string; findings: Finding[] }>();

  constructor(private readonly deps: Deps) {}

  setFolders(uris: readonly string[]): void {
    this.folders = [...uris];
  }

  changeFolders(added: readonly string[], removed: readonly string[]): void {
    this.folders = [...this.folders.filter((f) => !removed.includes(f)), ...added.filter((f) => !this.folders.includes(f))];
  }

  /** Forgets cached findings (configuration or related files changed). */
  forget(): void {
    this.lintCache.clear();
  }

  async compute(raw: ChecklistParams | null | undefined): Promise<ChecklistResult> {
    const params: ChecklistParams = raw?.scope === 'file' && typeof raw.uri === 'string' ? raw : { scope: 'workspace' };
    const { files, base, truncated } = params.scope === 'file' ? await this.fileScope(params.uri) : await this.workspaceScope();
    const checks = computeChecklist(files, base);
    const uriOf = new Map(files.map((f) => [f.path, f.uri]));
    return {
      scope: params.scope,
      ...(params.scope === 'file' ? { uri: params.uri } : {}),
      groups: Object.entries(PRACTICE_GROUPS).map(([id, title]) => ({ id, title })),
      practices: checks.map((c) => {
        const p = practice(c.practice)!;
        return {
          practice: c.practice,
          group: p.group,
          title: p.title,
          summary: p.summary,
          review: c.review,
          status: c.status,
          fingerprint: c.fingerprint,
          findings: c.findings.map((f) => ({ uri: uriOf.get(f.path) ?? f.path, range: f.range, ruleId: f.ruleId, severity: f.severity, message: f.message })),
        };
      }),
      files: files.length,
      truncated,
    };
  }

  private async fileScope(uri: string): Promise<{ files: Scanned[]; base: LintConfig; truncated: boolean }> {
    const { host, analysis, settings, documents } = this.deps;
    const s = await settings.get(uri);
    const path = host.uriToPath(uri);
    const { config, ignored } = analysis.config(path, s);
    const doc = documents.get(uri);
    const text = doc ? doc.getText() : host.readFile(path);
    const kind = doc ? analysis.kindOf(doc) : text !== undefined ? detectKind(path, text) : null;
    const file = s.enable && !ignored && kind && text !== undefined ? this.lint(uri, path, kind, text, config, s) : null;
    return { files: file ? [file] : [], base: config, truncated: false };
  }

  private async workspaceScope(): Promise<{ files: Scanned[]; base: LintConfig; truncated: boolean }> {
    const { host, analysis, settings, documents } = this.deps;
    const open = documents.all();
    const byPath = new Map<string, Scanned>();
    const memo = new Map<string, LoadedConfig | null>();
    let truncated = false;
    let base: LintConfig | null = null;

    const add = (uri: string, path: string, kind: Target | null, text: string | undefined, s: ServerSettings) => {
      if (byPath.has(path) || !kind || text === undefined) return;
      const { config, ignored } = analysis.config(path, s, memo);
      const file = ignored ? null : this.lint(uri, path, kind, text, config, s);
      if (file) byPath.set(path, file);
    };

    for (const folder of this.folders) {
      const s = await settings.get(folder);
      const root = host.uriToPath(folder).replace(/\/$/, '') || '/';
      base ??= analysis.config(`${root === '/' ? '' : root}/.bulkhead`, s, memo).config;
      if (!s.enable) continue;
      const prefix = root === '/' ? '/' : `${root}/`;
      for (const doc of open) {
        const path = host.uriToPath(doc.uri);
        if (path.startsWith(prefix)) add(doc.uri, path, analysis.kindOf(doc), doc.getText(), s);
      }
      const listed = host.readDirectory ? listCandidateFiles(root, host.readDirectory, { files: MAX_SCAN_FILES - byPath.size, entries: MAX_SCAN_ENTRIES }) : { paths: [], truncated: false };
      truncated ||= listed.truncated;
      for (const path of listed.paths) {
        if (byPath.has(path)) continue;
        add(host.pathToUri(path), path, kindFromName(path), host.readFile(path), s);
      }
    }
    // A window without folders: the open documents are the workspace.
    if (this.folders.length === 0) {
      for (const doc of open) add(doc.uri, host.uriToPath(doc.uri), analysis.kindOf(doc), doc.getText(), await settings.get(doc.uri));
    }
    for (const path of this.lintCache.keys()) if (!byPath.has(path)) this.lintCache.delete(path);
    return { files: [...byPath.values()], base: base ?? {}, truncated };
  }

  private lint(uri: string, path: string, kind: Target, text: string, config: LintConfig, s: ServerSettings): Scanned | null {
    if (!s.enable || text.length > s.maxFileSize) return null;
    const configKey = JSON.stringify(config);
    let cached = this.lintCache.get(path);
    if (!cached || cached.text !== text || cached.configKey !== configKey) {
      const findings = this.deps.analysis.run(TextDocument.create(uri, kind, 0, text), kind, config).findings;
      cached = { text, configKey, findings };
      this.lintCache.set(path, cached);
    }
    return { uri, path, kind, text, findings: cached.findings, config };
  }
}
