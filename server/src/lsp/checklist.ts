import type { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { computeChecklist, type ChecklistFile } from '../engine/checklist';
import { withDevcontainerReferences, type ReferencedFile } from '../engine/devcontainer-references';
import { detectKind, kindFromName } from '../shared/file-kinds';
import type { Finding, LintConfig, Target } from '../core/types';
import { PRACTICE_GROUPS, practice } from '../shared/practices';
import type { ChecklistParams, ChecklistResult } from '../shared/protocol';
import type { Analysis, LoadedConfig } from './analysis';
import type { ClientFiles } from './client-files';
import type { ServerSettings, SettingsCache } from './settings';
import type { ServerHost } from './host';
import { listCandidateFiles, MAX_SCAN_ENTRIES, MAX_SCAN_FILES, type ScanResult } from '../shared/scan';

/**
 * The `bulkhead/checklist` request: lints one file, or scans the workspace folders for
 * Dockerfiles and Compose files (by name, plus open documents recognised by content), and hands
 * the results to the engine's checklist. Open documents' current text wins over the disk.
 * Folders on the server's disk are walked there; other folders (virtual workspaces, the web
 * worker) are listed and read through the client.
 */

export { listCandidateFiles, MAX_SCAN_ENTRIES, MAX_SCAN_FILES, type DirectoryEntry } from '../shared/scan';

interface Deps {
  host: ServerHost;
  analysis: Analysis;
  settings: SettingsCache;
  documents: TextDocuments<TextDocument>;
  clientFiles: () => ClientFiles | undefined;
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
    const doc = documents.get(uri);
    if (!doc) await analysis.prefetch([path]);
    return analysis.settle(() => {
      const { config, ignored } = analysis.config(path, s);
      const text = doc ? doc.getText() : analysis.read(path);
      const kind = doc ? analysis.kindOf(doc) : text !== undefined ? detectKind(path, text) : null;
      const file = s.enable && !ignored && kind && text !== undefined ? this.lint(uri, path, kind, text, config, s) : null;
      // A dev container's checklist includes the Dockerfile and Compose files behind it.
      return { files: file ? this.withReferences([file], s) : [], base: config, truncated: false };
    });
  }

  /** The candidate files of one workspace folder: from the server's disk, else through the client, else none. */
  private async listFolder(folder: string, root: string, limits: { files: number; entries: number }): Promise<ScanResult & { uris: Map<string, string> }> {
    const { host, analysis } = this.deps;
    const uris = new Map<string, string>();
    let listed: ScanResult = { paths: [], truncated: false };
    if (host.readDirectory && (host.onDisk?.(root) ?? true)) listed = listCandidateFiles(root, host.readDirectory, limits);
    else {
      const viaClient = await this.deps.clientFiles()?.list(folder, limits);
      if (viaClient) listed = viaClient;
    }
    for (const p of listed.paths) uris.set(p, host.pathToUri(p));
    await analysis.prefetch(listed.paths);
    return { ...listed, uris };
  }

  private async workspaceScope(): Promise<{ files: Scanned[]; base: LintConfig; truncated: boolean }> {
    const { host, analysis, settings, documents } = this.deps;
    const open = documents.all();
    let truncated = false;

    // Settings and listings first (asynchronous); then one settled pass over every file.
    const folders: { folder: string; root: string; s: ServerSettings; listed: ScanResult & { uris: Map<string, string> } }[] = [];
    let budget = MAX_SCAN_FILES;
    for (const folder of this.folders) {
      const s = await settings.get(folder);
      const root = host.uriToPath(folder).replace(/\/$/, '') || '/';
      const listed = s.enable ? await this.listFolder(folder, root, { files: budget, entries: MAX_SCAN_ENTRIES }) : { paths: [], truncated: false, uris: new Map<string, string>() };
      budget = Math.max(0, budget - listed.paths.length);
      truncated ||= listed.truncated;
      folders.push({ folder, root, s, listed });
    }
    const noFolderSettings = this.folders.length === 0 ? await Promise.all(open.map((d) => settings.get(d.uri))) : [];

    const scanned = await analysis.settle(() => {
      const byPath = new Map<string, Scanned>();
      const memo = new Map<string, LoadedConfig | null>();
      let base: LintConfig | null = null;
      const add = (uri: string, path: string, kind: Target | null, text: string | undefined, s: ServerSettings) => {
        if (byPath.has(path) || !kind || text === undefined || byPath.size >= MAX_SCAN_FILES) return;
        const { config, ignored } = analysis.config(path, s, memo);
        const file = ignored ? null : this.lint(uri, path, kind, text, config, s);
        if (file) byPath.set(path, file);
      };
      for (const { root, s, listed } of folders) {
        base ??= analysis.config(`${root === '/' ? '' : root}/.bulkhead`, s, memo).config;
        if (!s.enable) continue;
        const prefix = root === '/' ? '/' : `${root}/`;
        for (const doc of open) {
          const path = host.uriToPath(doc.uri);
          if (path.startsWith(prefix)) add(doc.uri, path, analysis.kindOf(doc), doc.getText(), s);
        }
        for (const path of listed.paths) {
          if (!byPath.has(path)) add(listed.uris.get(path) ?? host.pathToUri(path), path, kindFromName(path), analysis.read(path), s);
        }
      }
      // A window without folders: the open documents are the workspace.
      open.forEach((doc, i) => noFolderSettings[i] && add(doc.uri, host.uriToPath(doc.uri), analysis.kindOf(doc), doc.getText(), noFolderSettings[i]));
      return { byPath, base };
    });
    for (const path of this.lintCache.keys()) if (!scanned.byPath.has(path)) this.lintCache.delete(path);
    const files = await analysis.settle(() => this.withReferences([...scanned.byPath.values()], folders[0]?.s));
    return { files, base: scanned.base ?? {}, truncated };
  }

  /** Adds the files the dev containers among `files` refer to (read like any related file). */
  private withReferences(files: Scanned[], s: ServerSettings | undefined): Scanned[] {
    if (!s || !files.some((f) => f.kind === 'devcontainer')) return files;
    const { host, analysis } = this.deps;
    return withDevcontainerReferences(files, (f) => f.path, (ref: ReferencedFile) => {
      const text = analysis.read(ref.path);
      if (text === undefined) return undefined;
      const { config, ignored } = analysis.config(ref.path, s);
      return ignored ? undefined : (this.lint(host.pathToUri(ref.path), ref.path, ref.kind, text, config, s) ?? undefined);
    });
  }

  private lint(uri: string, path: string, kind: Target, text: string, config: LintConfig, s: ServerSettings): Scanned | null {
    if (!s.enable || text.length > s.maxFileSize) return null;
    const configKey = JSON.stringify(config);
    let cached = this.lintCache.get(path);
    if (!cached || cached.text !== text || cached.configKey !== configKey) {
      const run = this.deps.analysis.run(TextDocument.create(uri, kind, 0, text), kind, config);
      const fresh = { text, configKey, findings: run.findings };
      // A provisional run (a related file not fetched yet) is used for this round only.
      if (run.complete) this.lintCache.set(path, fresh);
      cached = fresh;
    }
    return { uri, path, kind, text, findings: cached.findings, config };
  }
}
