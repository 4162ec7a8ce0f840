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
import { renderChecklistMarkdown } from '../../server/src/shared/checklist-markdown';
import type { Ticks } from '../../server/src/shared/checklist-ticks';
import { COMPOSE_GLOBS, DOCKERFILE_GLOBS, kindFromLanguageId, kindFromName } from '../../server/src/shared/file-kinds';
import { CHECKLIST_REQUEST, type ChecklistParams, type ChecklistResult, type ChecklistStatus } from '../../server/src/shared/protocol';
import { TickStore } from './checklist-state';
import { buildTree, children, practiceStatusText, REVEAL_COMMAND, treeItem, type ChecklistNode, type PracticeNode } from './checklist-tree';

/**
 * The practice checklist view (`bulkhead.checklist`): asks the server for the statuses of the
 * active file or of the whole workspace, draws them, keeps the reviewer's ticks, and exports
 * the lot as Markdown. Refreshes (debounced) on diagnostics, saves, file events and editor focus.
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
  findings: number;
}

export class ChecklistView implements TreeDataProvider<ChecklistNode>, Disposable {
  private readonly changed = new EventEmitter<ChecklistNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: TreeView<ChecklistNode>;
  private readonly store: TickStore;
  private readonly disposables: Disposable[] = [];
  private scopeValue: Scope;
  private fileUri: string | undefined;
  private result: ChecklistResult | undefined;
  private nodes: ChecklistNode[] = [];
  private ticks: Ticks = {};
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
      watcher,
      watcher.onDidCreate(later),
      watcher.onDidDelete(later),
      watcher.onDidChange(later),
      this.view.onDidChangeCheckboxState((e) => void this.onTicked(e.items)),
      this.view.onDidChangeVisibility((e) => e.visible && this.dirty && this.schedule()),
      languages.onDidChangeDiagnostics((e) => e.uris.some((u) => this.concerns(u)) && this.schedule()),
      workspace.onDidSaveTextDocument((d) => this.concerns(d.uri) && this.schedule()),
      workspace.onDidChangeWorkspaceFolders(later),
      workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('bulkhead') && this.schedule()),
      window.onDidChangeActiveTextEditor((e) => this.trackEditor(e?.document) && this.scopeValue === 'file' && this.schedule()),
      commands.registerCommand('bulkhead.checklist.refresh', () => this.refresh()),
      commands.registerCommand('bulkhead.checklist.scopeFile', () => this.setScope('file')),
      commands.registerCommand('bulkhead.checklist.scopeWorkspace', () => this.setScope('workspace')),
      commands.registerCommand('bulkhead.exportChecklist', () => this.exportMarkdown()),
      commands.registerCommand(REVEAL_COMMAND, (uri: Uri, range: Range) => window.showTextDocument(uri, { selection: range, preview: false })),
    );
    void commands.executeCommand('setContext', 'bulkhead.checklistScope', this.scopeValue);
    this.updateTitle();
  }

  get scope(): Scope {
    return this.scopeValue;
  }

  getTreeItem(node: ChecklistNode): TreeItem {
    return treeItem(node, node.kind === 'practice' && this.isTicked(node.item.practice), this.scopeValue);
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

  /** The statuses as drawn, for tests and other extensions. */
  practices(): ChecklistPracticeState[] {
    return (this.result?.practices ?? []).map((p) => ({
      practice: p.practice,
      status: p.status,
      description: practiceStatusText(p),
      ticked: this.isTicked(p.practice),
      findings: p.findings.length,
    }));
  }

  /** Ticks or unticks a practice, as the check box does. */
  async setTicked(practice: number, ticked: boolean): Promise<void> {
    const p = this.result?.practices.find((x) => x.practice === practice);
    if (!p) return;
    await this.store.set(this.scopeKey(), practice, ticked ? p.fingerprint : null);
    this.ticks = this.store.get(this.scopeKey());
    this.redraw();
  }

  /** Opens the checklist as an untitled Markdown document, ticks included, and returns its text. */
  async exportMarkdown(): Promise<string | undefined> {
    const result = await this.refresh();
    if (!result) {
      void window.showInformationMessage('Bulkhead: nothing to export. Open a Dockerfile or Compose file, or switch the checklist to the whole workspace.');
      return undefined;
    }
    const practices = result.practices.map((p) => ({ ...p, findings: p.findings.map((f) => ({ ...f, path: workspace.asRelativePath(Uri.parse(f.uri), false) })) }));
    const ticks = result.practices.filter((p) => this.isTicked(p.practice)).map((p) => p.practice);
    const scope = result.scope === 'file' ? `Checked ${this.scopeText(result)}` : `Checked ${this.scopeText(result)} in the workspace`;
    const markdown = renderChecklistMarkdown(practices, { ticks, scope });
    const doc = await workspace.openTextDocument({ language: 'markdown', content: markdown });
    await window.showTextDocument(doc, { preview: false });
    return markdown;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }

  private async load(): Promise<ChecklistResult | undefined> {
    this.dirty = false;
    const params: ChecklistParams | null = this.scopeValue === 'workspace' ? { scope: 'workspace' } : this.fileUri ? { scope: 'file', uri: this.fileUri } : null;
    const client = params ? await this.client() : undefined;
    let result: ChecklistResult | undefined;
    let problem: string | undefined;
    if (params && client?.isRunning()) {
      try {
        result = await client.sendRequest<ChecklistResult>(CHECKLIST_REQUEST, params);
      } catch (e) {
        problem = `The checklist could not be computed: ${e instanceof Error ? e.message : String(e)}`;
      }
    } else if (params) {
      problem = 'The Bulkhead language server is not running (see the "Bulkhead" output channel).';
    }
    this.result = result;
    this.ticks = result ? await this.store.reconcile(this.scopeKey(), result.practices) : {};
    this.nodes = result ? buildTree(result) : [];
    this.problem = problem;
    this.redraw();
    return result;
  }

  private redraw(): void {
    this.updateTitle();
    this.changed.fire(undefined);
  }

  /** The score in the title; the score and the scope again above the tree (a narrow side bar cuts the title). */
  private updateTitle(): void {
    if (!this.view) return;
    const r = this.result;
    const done = r ? r.practices.filter((p) => this.isTicked(p.practice)).length : 0;
    const score = `${done}/${r?.practices.length ?? 20} done`;
    this.view.description = score;
    const scope = r ? `${score} · ${r.scope === 'file' ? 'Active file' : 'Whole workspace'}: ${this.scopeText(r)}` : undefined;
    this.view.message = this.problem ?? (r?.truncated ? `${scope}. The workspace has more files than Bulkhead scans; some were left out.` : scope);
  }

  private scopeText(result: ChecklistResult): string {
    if (result.scope === 'file' && result.uri) return workspace.asRelativePath(Uri.parse(result.uri), false);
    return `${result.files} file${result.files === 1 ? '' : 's'}`;
  }

  private isTicked(practice: number): boolean {
    return this.ticks[practice] !== undefined;
  }

  private scopeKey(): string {
    return this.scopeValue === 'workspace' ? 'workspace' : `file:${this.fileUri ?? ''}`;
  }

  private async onTicked(items: readonly (readonly [ChecklistNode, TreeItemCheckboxState])[]): Promise<void> {
    for (const [node, state] of items) {
      if (node.kind !== 'practice') continue;
      await this.store.set(this.scopeKey(), node.item.practice, state === TreeItemCheckboxState.Checked ? (node as PracticeNode).item.fingerprint : null);
    }
    this.ticks = this.store.get(this.scopeKey());
    this.redraw();
  }

  /** Follows the active editor when it shows a Dockerfile or Compose file; true when it changed. */
  private trackEditor(doc: TextDocument | undefined): boolean {
    if (!doc || doc.uri.scheme === 'output') return false;
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
