import { DiagnosticSeverity, languages, StatusBarAlignment, ThemeColor, window, type Disposable, type StatusBarItem, type TextDocument, type Uri } from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import { kindFromLanguageId, kindFromName } from '../../server/src/shared/file-kinds';

/**
 * The status-bar item, like ESLint's: the language server's state (a spinner while it starts, which
 * can take seconds on a cold machine; an error when it failed or stopped on its own) and, once it is
 * ready, the counts of Bulkhead's errors and warnings in the active file. Clicking it opens a menu:
 * the practice checklist, the output, a restart (see STATUS_MENU_COMMAND in activate.ts).
 */

export type ServerState = 'starting' | 'ready' | 'error' | 'stopped';

export interface FileCounts {
  /** The file's path relative to the workspace, as the tooltip names it. */
  file: string;
  errors: number;
  warnings: number;
  /** Information and hint diagnostics (in the tooltip only). */
  others: number;
}

/** What the item shows, for the e2e suite (through the extension's API) and other extensions. */
export interface StatusSnapshot {
  state: ServerState;
  text: string;
  tooltip: string;
  visible: boolean;
  /** The active file's counts while the server is ready and the file is one Bulkhead checks. */
  counts: FileCounts | undefined;
  /** Each state the item has shown since activation, oldest first, with its text at the time. */
  history: { state: ServerState; text: string }[];
}

export const STATUS_ITEM_ID = 'bulkhead.status';
export const STATUS_MENU_COMMAND = 'bulkhead.showStatusMenu';
const SOURCE = 'bulkhead';
const CONFIG_FILES = ['.bulkhead.yaml', '.bulkhead.yml'];

/** Whether Bulkhead analyses this document: a Dockerfile, a Compose file or a `.bulkhead.yaml`. */
export function isChecked(doc: TextDocument): boolean {
  const path = doc.uri.path;
  if (CONFIG_FILES.includes(path.slice(path.lastIndexOf('/') + 1))) return true;
  return (kindFromLanguageId(doc.languageId, path, doc.getText()) ?? kindFromName(path)) !== null;
}

export function countDiagnostics(uri: Uri, file: string): FileCounts {
  const counts: FileCounts = { file, errors: 0, warnings: 0, others: 0 };
  for (const d of languages.getDiagnostics(uri)) {
    if (d.source !== SOURCE) continue;
    if (d.severity === DiagnosticSeverity.Error) counts.errors++;
    else if (d.severity === DiagnosticSeverity.Warning) counts.warnings++;
    else counts.others++;
  }
  return counts;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export class ServerStatus implements Disposable {
  private readonly item: StatusBarItem;
  private readonly disposables: Disposable[] = [];
  private state: ServerState = 'starting';
  private reason: string | undefined;
  private stopExpected = false;
  private counts: FileCounts | undefined;
  private readonly history: { state: ServerState; text: string }[] = [];
  private visible = false;

  constructor(private readonly asRelativePath: (uri: Uri) => string) {
    this.item = window.createStatusBarItem(STATUS_ITEM_ID, StatusBarAlignment.Right, 100);
    this.item.name = 'Bulkhead';
    this.item.command = STATUS_MENU_COMMAND;
    this.disposables.push(
      this.item,
      window.onDidChangeActiveTextEditor(() => this.render()),
      languages.onDidChangeDiagnostics((e) => {
        const active = window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.render();
      }),
    );
    this.render();
  }

  /** Follows the client's state: Starting, Running (ready), Stopped (an error unless a stop was asked for). */
  watch(client: BaseLanguageClient): void {
    this.disposables.push(
      client.onDidChangeState((e) => {
        if (e.newState === State.Starting) this.set('starting');
        else if (e.newState === State.Running) this.set('ready');
        else this.set(this.stopExpected ? 'stopped' : 'error', this.stopExpected ? undefined : 'the language server stopped');
      }),
    );
  }

  /** Runs `stop` (a restart or deactivation) without the Stopped state counting as an error. */
  async expectStop(stop: () => Promise<void>): Promise<void> {
    this.stopExpected = true;
    try {
      await stop();
    } finally {
      this.stopExpected = false;
    }
  }

  get current(): ServerState {
    return this.state;
  }

  set(state: ServerState, reason?: string): void {
    this.state = state;
    this.reason = reason;
    this.render();
  }

  snapshot(): StatusSnapshot {
    return {
      state: this.state,
      text: this.item.text,
      tooltip: typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? ''),
      visible: this.visible,
      counts: this.counts ? { ...this.counts } : undefined,
      history: this.history.map((h) => ({ ...h })),
    };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private render(): void {
    const doc = window.activeTextEditor?.document;
    const checked = doc !== undefined && doc.uri.scheme !== 'output' && isChecked(doc);
    this.counts = this.state === 'ready' && doc && checked ? countDiagnostics(doc.uri, this.asRelativePath(doc.uri)) : undefined;
    const item = this.item;
    item.backgroundColor = undefined;
    switch (this.state) {
      case 'starting':
        item.text = '$(loading~spin) Bulkhead';
        item.tooltip = 'Bulkhead: the language server is starting. Diagnostics appear once it is ready.';
        break;
      case 'error':
        item.text = '$(error) Bulkhead';
        item.tooltip = `Bulkhead: ${this.reason ?? 'the language server is not running'}. Click for the output, or to restart it.`;
        item.backgroundColor = new ThemeColor('statusBarItem.errorBackground');
        break;
      case 'stopped':
        item.text = '$(circle-slash) Bulkhead';
        item.tooltip = 'Bulkhead: the language server is stopped.';
        break;
      case 'ready': {
        const c = this.counts;
        if (!c) {
          item.text = '$(shield) Bulkhead';
          item.tooltip = 'Bulkhead is ready: open a Dockerfile or Compose file to check it.';
        } else if (c.errors + c.warnings === 0) {
          item.text = '$(shield) Bulkhead $(check)';
          item.tooltip = `Bulkhead: no errors or warnings in ${c.file}${c.others ? ` (${plural(c.others, 'suggestion')})` : ''}. Click for the checklist or the output.`;
        } else {
          item.text = `$(shield) Bulkhead $(error) ${c.errors} $(warning) ${c.warnings}`;
          item.tooltip = `Bulkhead: ${plural(c.errors, 'error')} and ${plural(c.warnings, 'warning')} in ${c.file}${c.others ? `, and ${plural(c.others, 'suggestion')}` : ''}. Click for the checklist or the output.`;
        }
        break;
      }
    }
    item.accessibilityInformation = { label: String(item.tooltip) };
    // While starting or failed the item always shows; once ready, only beside a file Bulkhead checks.
    this.visible = this.state !== 'ready' || checked;
    if (this.visible) item.show();
    else item.hide();
    const last = this.history[this.history.length - 1];
    if (!last || last.state !== this.state) this.history.push({ state: this.state, text: item.text });
  }
}
