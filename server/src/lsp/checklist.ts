import type { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildChecklist, type ChecklistFile } from '../engine/checklist';
import { findForge } from '../engine/checklist-forge';
import { withDevcontainerReferences, type ReferencedFile } from '../engine/devcontainer-references';
import { detectKind, kindFromName } from '../shared/file-kinds';
import type { LintConfig, Target } from '../core/types';
import type { ChecklistBuffer, ChecklistResult, SettingsOrigin } from '../shared/protocol';
import type { Forge } from '../shared/checklist-report';
import { trimSlashes } from '../shared/checklist-links';
import type { Analysis, LoadedConfig, RunResult } from './analysis';
import type { ClientFiles } from './client-files';
import type { DocumentAnalyses } from './document-analyses';
import type { ServerSettings, SettingsCache } from './settings';
import type { FileText, ServerHost } from './host';
import { DEFAULT_MAX_FILE_SIZE } from '../core/types';
import { checkParams, configLayers, displayPath, rootOf, toResult, type Root } from './checklist-projection';
import { listCandidateFiles, MAX_SCAN_ENTRIES, MAX_SCAN_FILES, type ScanResult } from '../shared/scan';

/**
 * The `bulkhead/checklist` request: lints one file, or scans the workspace folders (or one folder
 * under them) for Dockerfiles and Compose files (by name, plus open documents recognised by
 * content), and hands the results to the engine's `buildChecklist`, the projection the CLI uses
 * too. Open documents' current text wins over the disk, and so do the unsaved buffers the client
 * sends. Folders on the server's disk are walked there; other folders (virtual workspaces, the web
 * worker) are listed and read through the client.
 */

export { listCandidateFiles, MAX_SCAN_ENTRIES, MAX_SCAN_FILES, type DirectoryEntry } from '../shared/scan';

interface Deps {
  host: ServerHost;
  analysis: Analysis;
  settings: SettingsCache;
  documents: TextDocuments<TextDocument>;
  /** The editor's analyses of open documents: an open file analysed under the same configuration is not linted again. */
  analyses: DocumentAnalyses;
  clientFiles: () => ClientFiles | undefined;
}

interface Scanned extends ChecklistFile {
  uri: string;
  /** Absolute path. */
  abs: string;
}

type Lint = Pick<RunResult, 'findings' | 'suppressed' | 'directives' | 'notAnalysed'>;

interface Gathered {
  files: Scanned[];
  base: LintConfig;
  truncated: boolean;
  roots: Root[];
  /** Where the display paths are relative to, for forge links (null: several roots, no links). */
  linkRoot: string | null;
}

const trimRoot = (p: string) => trimSlashes(p) || '/';
const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1) || p;

export class ChecklistService {
  private folders: string[] = [];
  /** Lint results by path, reused while the text and the configuration are the same. */
  private readonly lintCache = new Map<string, { text: string; configKey: string; lint: Lint }>();

  constructor(private readonly deps: Deps) {}

  setFolders(uris: readonly string[]): void {
    this.folders = [...uris];
  }

  folderUris(): readonly string[] {
    return this.folders;
  }

  changeFolders(added: readonly string[], removed: readonly string[]): void {
    this.folders = [...this.folders.filter((f) => !removed.includes(f)), ...added.filter((f) => !this.folders.includes(f))];
  }

  /** Forgets cached findings (configuration or related files changed). */
  forget(): void {
    this.lintCache.clear();
  }

  async compute(raw: unknown): Promise<ChecklistResult> {
    const params = checkParams(raw);
    const buffers = new Map((params.buffers ?? []).map((b) => [b.uri, b]));
    const g = params.scope === 'file' ? await this.fileScope(params.uri, buffers, params.settingsOrigins) : await this.workspaceScope(params.under, buffers, params.settingsOrigins);
    const forge = await this.forge(g.linkRoot);
    const report = buildChecklist(g.files, { config: g.base, ...(forge ? { forge } : {}) });
    const uris = new Map(g.files.map((f) => [f.path, f.uri]));
    const uri = params.scope === 'file' ? params.uri : params.under;
    return toResult(report, (display) => uris.get(display) ?? display, { scope: params.scope, ...(uri !== undefined ? { uri } : {}), truncated: g.truncated });
  }

  private roots(): Root[] {
    return this.folders.map((f) => {
      const path = trimRoot(this.deps.host.uriToPath(f));
      return { path, name: baseName(path) };
    });
  }

  /** The client's unsaved buffer of a URI (the text the user sees when the request was made), else the document the server was sent. */
  private docOf(uri: string, buffers: Map<string, ChecklistBuffer>): TextDocument | undefined {
    const b = buffers.get(uri);
    return b ? TextDocument.create(uri, b.languageId, 0, b.text) : this.deps.documents.get(uri);
  }

  /** The git checkout around the root the display paths are relative to, when its remote is a known forge. */
  private async forge(root: string | null): Promise<Forge | undefined> {
    if (root === null) return undefined;
    const { analysis } = this.deps;
    return analysis.settle(() => findForge(root, (p) => analysis.readGitMetadata(p))?.forge);
  }

  private async fileScope(uri: string, buffers: Map<string, ChecklistBuffer>, origins: SettingsOrigin[] | undefined): Promise<Gathered> {
    const { host, analysis, settings } = this.deps;
    const s = await settings.get(uri);
    const path = host.uriToPath(uri);
    const doc = this.docOf(uri, buffers);
    const roots = this.roots();
    if (!doc) await analysis.prefetch([path]);
    return analysis.settle(() => {
      const { config, ignored } = analysis.config(path, s);
      const read = doc ? { text: doc.getText() } : analysis.readForLint(path, config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
      const kind = doc ? analysis.kindOf(doc) : read !== undefined ? detectKind(path, read.text) : null;
      const file = s.enable && !ignored && kind && read !== undefined ? this.lint(uri, path, kind, read, config, s, roots, origins) : null;
      const root = roots.length === 1 ? rootOf(path, roots)?.path : undefined;
      // A dev container's checklist includes the Dockerfile and Compose files behind it.
      return { files: file ? this.withReferences([file], s, roots, origins) : [], base: config, truncated: false, roots, linkRoot: root ?? null };
    });
  }

  /** The candidate files of one folder: from the server's disk, else through the client, else none. */
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

  private async workspaceScope(underUri: string | undefined, buffers: Map<string, ChecklistBuffer>, origins: SettingsOrigin[] | undefined): Promise<Gathered> {
    const { host, analysis, settings, documents } = this.deps;
    const roots = this.roots();
    const open = [...documents.all().filter((d) => !buffers.has(d.uri)), ...[...buffers.values()].map((b) => TextDocument.create(b.uri, b.languageId, 0, b.text))];
    let truncated = false;

    // What to walk: the workspace folders, or the one folder asked for, only inside a workspace
    // folder (settings from that folder); a folder outside them is not scanned at all.
    const underPath = underUri !== undefined ? trimRoot(host.uriToPath(underUri)) : undefined;
    const holder = underPath !== undefined ? this.folders.find((f) => rootOf(underPath, [{ path: trimRoot(host.uriToPath(f)), name: '' }])) : undefined;
    if (underUri !== undefined && !holder) return { files: [], base: {}, truncated: false, roots, linkRoot: null };
    const walks =
      underUri !== undefined && underPath !== undefined && holder
        ? [{ uri: underUri, root: underPath, settingsUri: holder }]
        : this.folders.map((f) => ({ uri: f, root: trimRoot(host.uriToPath(f)), settingsUri: f }));

    // Settings and listings first (asynchronous); then one settled pass over every file.
    const folders: { root: string; s: ServerSettings; listed: ScanResult & { uris: Map<string, string> } }[] = [];
    let budget = MAX_SCAN_FILES;
    for (const w of walks) {
      const s = await settings.get(w.settingsUri);
      const listed = s.enable ? await this.listFolder(w.uri, w.root, { files: budget, entries: MAX_SCAN_ENTRIES }) : { paths: [], truncated: false, uris: new Map<string, string>() };
      budget = Math.max(0, budget - listed.paths.length);
      truncated ||= listed.truncated;
      folders.push({ root: w.root, s, listed });
    }
    const noFolderSettings = walks.length === 0 ? await Promise.all(open.map((d) => settings.get(d.uri))) : [];

    const scanned = await analysis.settle(() => {
      const byPath = new Map<string, Scanned>();
      const memo = new Map<string, LoadedConfig | null>();
      let base: LintConfig | null = null;
      const add = (uri: string, path: string, kind: Target | null, text: FileText | ((config: LintConfig) => FileText | undefined) | undefined, s: ServerSettings) => {
        if (byPath.has(path) || !kind || text === undefined || byPath.size >= MAX_SCAN_FILES) return;
        const { config, ignored } = analysis.config(path, s, memo);
        const read = typeof text === 'function' ? text(config) : text;
        const file = ignored || !read ? null : this.lint(uri, path, kind, read, config, s, roots, origins, memo);
        if (file) byPath.set(path, file);
      };
      for (const { root, s, listed } of folders) {
        base ??= analysis.config(root, s, undefined, true).config;
        if (!s.enable) continue;
        const prefix = root === '/' ? '/' : `${root}/`;
        for (const doc of open) {
          const path = host.uriToPath(doc.uri);
          if (path.startsWith(prefix)) add(doc.uri, path, analysis.kindOf(doc), { text: doc.getText() }, s);
        }
        for (const path of listed.paths) {
          if (!byPath.has(path)) add(listed.uris.get(path) ?? host.pathToUri(path), path, kindFromName(path), (config) => analysis.readForLint(path, config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE), s);
        }
      }
      // A window without folders: the open documents are the workspace.
      open.forEach((doc, i) => noFolderSettings[i] && add(doc.uri, host.uriToPath(doc.uri), analysis.kindOf(doc), { text: doc.getText() }, noFolderSettings[i]));
      return { byPath, base };
    });
    if (underUri === undefined) for (const path of this.lintCache.keys()) if (!scanned.byPath.has(path)) this.lintCache.delete(path);
    const files = await analysis.settle(() => this.withReferences([...scanned.byPath.values()], folders[0]?.s, roots, origins));
    return { files, base: scanned.base ?? {}, truncated, roots, linkRoot: roots.length === 1 ? roots[0].path : null };
  }

  /** Adds the files the dev containers among `files` refer to (read like any related file, inside the workspace folder). */
  private withReferences(files: Scanned[], s: ServerSettings | undefined, roots: readonly Root[], origins: SettingsOrigin[] | undefined): Scanned[] {
    if (!s || !files.some((f) => f.kind === 'devcontainer')) return files;
    const { host, analysis } = this.deps;
    return withDevcontainerReferences(files, (f) => f.abs, (ref: ReferencedFile) => {
      const { config, ignored } = analysis.config(ref.path, s);
      if (ignored) return undefined;
      const uri = host.pathToUri(ref.path);
      const read = analysis.readForLint(ref.path, config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
      // Listed as not analysed, so that no practice reads "passed" for a file nobody saw; one over the size limit gets `file-too-large` in lint().
      if (read === undefined) return { uri, abs: ref.path, path: displayPath(ref.path, roots), kind: ref.kind, text: '', findings: [], notAnalysed: 'notRead', config };
      return this.lint(uri, ref.path, ref.kind, read, config, s, roots, origins) ?? undefined;
    });
  }

  /** The editor's analysis of this open document, when it is of this text, kind and configuration (its findings are what the checklist would compute). */
  private fromEditor(uri: string, kind: Target, text: string, configKey: string, read: FileText): { text: string; configKey: string; lint: Lint } | undefined {
    const a = read.truncated ? undefined : this.deps.analyses.peek(uri);
    if (!a || !a.analysed || a.kind !== kind || a.text !== text || JSON.stringify(a.config) !== configKey) return undefined;
    return { text, configKey, lint: { findings: [...a.findings], suppressed: a.suppressed, directives: a.directives, notAnalysed: a.notAnalysed } };
  }

  /** Lints one file; a file over the size limit gets the engine's `file-too-large` finding, as in the editor and the CLI. */
  private lint(
    uri: string,
    path: string,
    kind: Target,
    read: FileText,
    config: LintConfig,
    s: ServerSettings,
    roots: readonly Root[],
    origins: SettingsOrigin[] | undefined,
    memo?: Map<string, LoadedConfig | null>,
  ): Scanned | null {
    if (!s.enable) return null;
    const text = read.text;
    const configKey = JSON.stringify(config) + (read.truncated ? `\0${read.truncated.bytes}` : '');
    let cached = this.lintCache.get(path);
    if (!cached || cached.text !== text || cached.configKey !== configKey) {
      cached = this.fromEditor(uri, kind, text, configKey, read);
      if (cached) this.lintCache.set(path, cached);
    }
    if (!cached) {
      const run = this.deps.analysis.run(TextDocument.create(uri, kind, 0, text), kind, config, { truncated: read.truncated });
      const fresh = { text, configKey, lint: { findings: run.findings, suppressed: run.suppressed, directives: run.directives, notAnalysed: run.notAnalysed } };
      // A provisional run (a related file not fetched yet) is used for this round only.
      if (run.complete) this.lintCache.set(path, fresh);
      cached = fresh;
    }
    const file = this.deps.analysis.configFile(path, memo);
    const layers = configLayers(uri, file ? { display: displayPath(file.path, roots), rules: file.config.rules } : null, origins, s.rules);
    const { findings, suppressed, directives, notAnalysed } = cached.lint;
    return { uri, abs: path, path: displayPath(path, roots), kind, text, findings, suppressed, directives, notAnalysed, config, layers };
  }
}
