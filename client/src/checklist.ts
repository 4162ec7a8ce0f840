import {
  commands,
  EventEmitter,
  languages,
  TreeItemCheckboxState,
  Uri,
  window,
  workspace,
  type Disposable,
  type ExtensionContext,
  type Range,
  type TextDocument,
  type TreeDataProvider,
  type TreeItem,
  type TreeView,
} from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { countStatuses, statusText, type ChecklistStatus } from '../../server/src/shared/checklist-report';
import { tickStates, type TickState, type Ticks } from '../../server/src/shared/checklist-ticks';
import { COMPOSE_GLOBS, DOCKERFILE_GLOBS, kindFromLanguageId, kindFromName } from '../../server/src/shared/file-kinds';
import { CHECKLIST_REQUEST, type ChecklistParams, type ChecklistResult } from '../../server/src/shared/protocol';
import { ExportDocuments, exportMarkdown } from './checklist-export';
import { dirtyBuffers, settingsOrigins } from './checklist-request';
import { TickStore } from './checklist-state';
import { buildTree, children, REVEAL_COMMAND, rowText, treeItem, type ChecklistNode } from './checklist-tree';

/**
 * The practice checklist view (`bulkhead.checklist`): asks the server for the statuses of the
 * active file or of the whole workspace, draws them, keeps the reviewer's ticks (and says when one
 * no longer holds, and why), and exports the lot as Markdown. Refreshes (debounced) on edits,
 * diagnostics, saves, file events, settings and editor focus.
 */

export const VIEW_ID = 'bulkhead.checklist';
const SCOPE_KEY = 'bulkhead.checklist.scope';
const DEBOUNCE_MS = 300;
type Scope = 'file' | 'workspace';

/** What the e2e suite (and other extensions) can read through the extension's API. */
export interface ChecklistPracticeState {
  practice: number;
  status: ChecklistStatus;
  description: string;
  ticked: boolean;
  /** Why a tick no longer holds (absent: no tick, or it holds). */
  cleared?: string;
  findings: number;
  suppressed: number;
  /** The child rows as drawn: "label — description". */
  rows: string[];
}

/** A command's URI argument: a Uri (the Explorer passes one), a URI string, or a Uri-shaped object from another extension. */
function asUri(arg: unknown): Uri | undefined {
  if (arg instanceof Uri) return arg;
  if (typeof arg === 'string') return Uri.parse(arg);
  if (typeof arg === 'object' && arg !== null && typeof (arg as Uri).scheme === 'string' && typeof (arg as Uri).path === 'string') return Uri.from(arg as Uri);
  return undefined;
}

export class ChecklistView implements TreeDataProvider<ChecklistNode>, Disposable {
  private readonly changed = new EventEmitter<ChecklistNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: TreeView<ChecklistNode>;
  private readonly store: TickStore;
  private readonly exports = new ExportDocuments();
  private readonly disposables: Disposable[] = [];
  private scopeValue: Scope;
  private fileUri: string | undefined;
  private result: ChecklistResult | undefined;
  private nodes: ChecklistNode[] = [];
  private states = new Map<number, TickState>();
  /** The scope the states were computed for (a change of scope is not a change of the files). */
  private statesKey = '';
  private chain: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = true;
  private problem: string | undefined;

  constructor(
    private readonly context: ExtensionContext,
    private readonly client: () => Promise<LanguageClient | undefined>,
  ) {
    this.store = new TickStore(context.workspaceState);
    this.scopeValue = context.workspaceState.get<Scope>(SCOPE_KEY) ?? (workspace.workspaceFolders?.length ? 'workspace' : 'file');
    this.trackEditor(window.activeTextEditor?.document);
    this.view = window.createTreeView(VIEW_ID, { treeDataProvider: this, manageCheckboxStateManually: true, showCollapseAll: true });
    const watcher = workspace.createFileSystemWatcher(`**/{${[...DOCKERFILE_GLOBS, ...COMPOSE_GLOBS, '.bulkhead.yaml', '.bulkhead.yml'].join(',')}}`);
    const later = () => this.schedule();
    this.disposables.push(
      this.view,
      this.exports,
      watcher,
      watcher.onDidCreate(later),
      watcher.onDidDelete(later),
      watcher.onDidChange(later),
      this.view.onDidChangeCheckboxState((e) => void this.onTicked(e.items)),
      this.view.onDidChangeVisibility((e) => e.visible && this.dirty && this.schedule()),
      languages.onDidChangeDiagnostics((e) => e.uris.some((u) => this.concerns(u)) && this.schedule()),
      // Unsaved text counts too, also of editors the server is not sent (another language mode).
      workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.concerns(e.document.uri) && this.schedule()),
      workspace.onDidSaveTextDocument((d) => this.concerns(d.uri) && this.schedule()),
      workspace.onDidChangeWorkspaceFolders(later),
      workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('bulkhead') && this.schedule()),
      window.onDidChangeActiveTextEditor((e) => this.trackEditor(e?.document) && this.scopeValue === 'file' && this.schedule()),
      commands.registerCommand('bulkhead.checklist.refresh', () => this.refresh()),
      commands.registerCommand('bulkhead.checklist.scopeFile', () => this.setScope('file')),
      commands.registerCommand('bulkhead.checklist.scopeWorkspace', () => this.setScope('workspace')),
      commands.registerCommand('bulkhead.exportChecklist', (folder?: unknown) => this.exportMarkdown(asUri(folder))),
      commands.registerCommand('bulkhead.exportChecklistForFolder', (folder?: unknown) => this.exportMarkdown(asUri(folder))),
      commands.registerCommand(REVEAL_COMMAND, (uri: Uri, range: Range) => window.showTextDocument(uri, { selection: range, preview: false })),
    );
    void commands.executeCommand('setContext', 'bulkhead.checklistScope', this.scopeValue);
    this.updateTitle();
  }

  get scope(): Scope {
    return this.scopeValue;
  }

  getTreeItem(node: ChecklistNode): TreeItem {
    return treeItem(node, node.kind === 'practice' && this.isTicked(node.item.practice), new Map((this.result?.groups ?? []).map((g) => [g.id, g.title])));
  }

  getChildren(node?: ChecklistNode): ChecklistNode[] {
    if (!node && this.dirty) this.schedule(0);
    return node ? children(node) : this.nodes;
  }

  /** Asks the server again now; resolves with the new result (undefined: nothing to show). */
  refresh(): Promise<ChecklistResult | undefined> {
    const run = this.chain.then(() => this.load());
    this.chain = run.catch(() => undefined);
    return run;
  }

  async setScope(scope: Scope): Promise<ChecklistResult | undefined> {
    this.scopeValue = scope;
    await this.context.workspaceState.update(SCOPE_KEY, scope);
    await commands.executeCommand('setContext', 'bulkhead.checklistScope', scope);
    return this.refresh();
  }

  /** The statuses and rows as drawn, for tests and other extensions. */
  practices(): ChecklistPracticeState[] {
    const nodes = this.nodes;
    return (this.result?.practices ?? []).map((p) => {
      const node = nodes.find((n) => n.kind === 'practice' && n.item.practice === p.practice);
      const state = this.states.get(p.practice);
      return {
        practice: p.practice,
        status: p.status,
        description: statusText(p),
        ticked: this.isTicked(p.practice),
        ...(state?.cleared ? { cleared: state.cleared } : {}),
        findings: p.findings.length,
        suppressed: p.suppressed.length,
        rows: node ? children(node).map((c) => rowText(treeItem(c, false))) : [],
      };
    });
  }

  /** Ticks or unticks a practice, as the check box does. */
  async setTicked(practice: number, ticked: boolean): Promise<void> {
    const p = this.result?.practices.find((x) => x.practice === practice);
    if (!p) return;
    await this.store.set(this.scopeKey(), practice, ticked ? { fingerprint: p.fingerprint, basis: p.basis } : null);
    this.applyTicks(false);
  }

  /**
   * Exports the checklist as Markdown in a read-only tab and returns the text: the view's scope with
   * its ticks, or (from the Explorer's context menu) one folder, without ticks, as the CLI prints it.
   */
  async exportMarkdown(folder?: Uri): Promise<string | undefined> {
    const result = folder ? await this.request({ scope: 'workspace', under: folder.toString() }) : await this.refresh();
    if (!result) {
      void window.showInformationMessage('Bulkhead: nothing to export. Open a Dockerfile or Compose file, or switch the checklist to the whole workspace.');
      return undefined;
    }
    const ticks = folder ? [] : result.practices.filter((p) => this.isTicked(p.practice)).map((p) => p.practice);
    const markdown = exportMarkdown(result, ticks);
    await this.exports.show(markdown);
    return markdown;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }

  /** One request with the client's unsaved buffers and settings origins; undefined (and `problem` set) when it failed. */
  private async request(base: ChecklistParams): Promise<ChecklistResult | undefined> {
    const client = await this.client();
    if (!client?.isRunning()) {
      this.problem = 'The Bulkhead language server is not running (see the "Bulkhead" output channel).';
      return undefined;
    }
    const params: ChecklistParams = { ...base, buffers: await dirtyBuffers(), settingsOrigins: settingsOrigins(base.scope === 'file' ? Uri.parse(base.uri) : undefined) };
    try {
      return await client.sendRequest<ChecklistResult>(CHECKLIST_REQUEST, params);
    } catch (e) {
      this.problem = `The checklist could not be computed: ${e instanceof Error ? e.message : String(e)}`;
      return undefined;
    }
  }

  private async load(): Promise<ChecklistResult | undefined> {
    this.dirty = false;
    this.problem = undefined;
    const params: ChecklistParams | null = this.scopeValue === 'workspace' ? { scope: 'workspace' } : this.fileUri ? { scope: 'file', uri: this.fileUri } : null;
    this.result = params ? await this.request(params) : undefined;
    this.applyTicks(true);
    return this.result;
  }

  /** Recomputes the tick states and the tree; says so when a tick stopped holding since the last look. */
  private applyTicks(announce: boolean): void {
    const before = this.statesKey === this.scopeKey() ? this.states : new Map<number, TickState>();
    const stored: Ticks = this.store.get(this.scopeKey());
    this.states = this.result ? tickStates(stored, this.result.practices) : new Map();
    this.statesKey = this.scopeKey();
    this.nodes = this.result ? buildTree(this.result, this.states) : [];
    if (announce && this.result) {
      for (const p of this.result.practices) {
        const now = this.states.get(p.practice);
        if (now?.cleared && before.get(p.practice)?.ticked) void window.showInformationMessage(`Bulkhead: tick cleared on ${p.practice}. ${p.short}: ${now.cleared}.`);
      }
    }
    this.updateTitle();
    this.changed.fire(undefined);
  }

  /** The score in the title, the scope above the tree (a narrow side bar cuts the title). */
  private updateTitle(): void {
    if (!this.view) return;
    const r = this.result;
    const passed = r ? countStatuses(r.practices).passed : 0;
    const reviewed = r ? r.practices.filter((p) => this.isTicked(p.practice)).length : 0;
    const score = `${passed}/${r?.practices.length ?? 20} passed · ${reviewed} reviewed`;
    this.view.description = score;
    // Again above the tree: at the default width the title leaves no room for the description.
    const scope = r ? `${score} · ${r.scope === 'file' ? 'Active file' : 'Whole workspace'}: ${this.scopeText(r)}` : undefined;
    this.view.message = this.problem ?? (r?.truncated ? `${scope}. The workspace has more files than Bulkhead scans; some were left out.` : scope);
  }

  private scopeText(result: ChecklistResult): string {
    if (result.scope === 'file' && result.uri) return workspace.asRelativePath(Uri.parse(result.uri), false);
    return `${result.files} file${result.files === 1 ? '' : 's'}`;
  }

  private isTicked(practice: number): boolean {
    return this.states.get(practice)?.ticked === true;
  }

  private scopeKey(): string {
    return this.scopeValue === 'workspace' ? 'workspace' : `file:${this.fileUri ?? ''}`;
  }

  private async onTicked(items: readonly (readonly [ChecklistNode, TreeItemCheckboxState])[]): Promise<void> {
    for (const [node, state] of items) {
      if (node.kind !== 'practice') continue;
      const p = node.item;
      await this.store.set(this.scopeKey(), p.practice, state === TreeItemCheckboxState.Checked ? { fingerprint: p.fingerprint, basis: p.basis } : null);
    }
    this.applyTicks(false);
  }

  /** Follows the active editor when it shows a Dockerfile or Compose file; true when it changed. */
  private trackEditor(doc: TextDocument | undefined): boolean {
    if (!doc || doc.uri.scheme === 'output' || doc.uri.scheme === 'bulkhead-export') return false;
    const path = doc.uri.path;
    const kind = kindFromLanguageId(doc.languageId, path, doc.getText()) ?? kindFromName(path);
    if (!kind || doc.uri.toString() === this.fileUri) return false;
    this.fileUri = doc.uri.toString();
    return true;
  }

  private concerns(uri: Uri): boolean {
    if (this.scopeValue === 'file') return uri.toString() === this.fileUri;
    return kindFromName(uri.path) !== null || workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.languageId === 'yaml');
  }

  private schedule(delay = DEBOUNCE_MS): void {
    this.dirty = true;
    if (!this.view.visible) return; // refreshed when it becomes visible
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delay);
  }
}
