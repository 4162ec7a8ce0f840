import { commands, languages, version as vscodeVersion, window, workspace, type ExtensionContext, type LogOutputChannel, type TextDocument } from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { DEVCONTAINER_GLOBS, WATCHED_FILE_GLOBS } from '../../server/src/shared/file-kinds';
import { CLIENT_FILES_OPTION, SHOW_RULE_DOCS_COMMAND } from '../../server/src/shared/protocol';
import { ChecklistView, VIEW_ID } from './checklist';
import { serveFiles } from './client-files';
import { recordOutput } from './output-log';
import { registerRuleDocs, showRuleDocs } from './rule-docs';
import { ServerStatus, STATUS_MENU_COMMAND, type StatusSnapshot } from './status';

/**
 * What the Node entry (`dist/extension.js`) and the browser entry (`dist/browser/extension.js`)
 * share: the client options, the file requests, the checklist view, the commands. Each entry only
 * says how to start the server (a Node process over IPC, or a web worker).
 * The client holds no rule logic: diagnostics, fixes and docs all come from the server.
 */

export type ExtensionHostKind = 'node' | 'web';

/**
 * The documents the server is sent. JSON is scoped to the three places a Dev Container configuration
 * lives, so settings.json, tsconfig.json or package.json never reach the server.
 */
export const DOCUMENT_SELECTOR = [
  { language: 'dockerfile' },
  { language: 'dockercompose' },
  { language: 'yaml' },
  ...DEVCONTAINER_GLOBS.flatMap((pattern) => ['jsonc', 'json'].map((language) => ({ language, pattern }))),
];

export interface BulkheadApi {
  client: BaseLanguageClient | undefined;
  output: LogOutputChannel;
  /** The practice checklist view: statuses, ticks, refresh and export (used by the e2e suite). */
  checklist: ChecklistView;
  /** Which extension host runs the extension: the Node one, or the browser's web worker. */
  host: ExtensionHostKind;
  /** What the status-bar item shows: the server's state and the active file's counts. */
  status(): StatusSnapshot;
  /** The last lines written to the "Bulkhead" output channel (VS Code cannot read a channel back). */
  outputLines(): string[];
  /** Milliseconds from activation to the language server's answer to `initialize`, and to the first Bulkhead diagnostics (also in the log). */
  startup: { serverStartedMs?: number; firstDiagnosticsMs?: number };
}

export interface ServerStarter {
  host: ExtensionHostKind;
  /** What the log says was started. */
  describe: string;
  create(id: string, name: string, options: LanguageClientOptions): BaseLanguageClient;
}

let client: BaseLanguageClient | undefined;
let status: ServerStatus | undefined;

export async function activateBulkhead(context: ExtensionContext, starter: ServerStarter): Promise<BulkheadApi> {
  const activatedAt = Date.now();
  const startup: BulkheadApi['startup'] = {};
  const recorded = recordOutput(window.createOutputChannel('Bulkhead', { log: true }));
  const output = recorded.channel;
  context.subscriptions.push(output);
  const version = String((context.extension.packageJSON as { version?: unknown }).version);
  output.info(`Bulkhead ${version} (VS Code ${vscodeVersion}, ${starter.host} extension host).`);
  const serverStatus = (status = new ServerStatus((uri) => workspace.asRelativePath(uri, false)));
  context.subscriptions.push(serverStatus);
  // Cold start, measured where a user sees it: activation -> server started -> first squiggle.
  const firstDiagnostics = languages.onDidChangeDiagnostics((e) => {
    if (!e.uris.some((u) => languages.getDiagnostics(u).some((d) => d.source === 'bulkhead'))) return;
    startup.firstDiagnosticsMs = Date.now() - activatedAt;
    output.info(`First Bulkhead diagnostics ${startup.firstDiagnosticsMs} ms after activation.`);
    firstDiagnostics.dispose();
  });
  context.subscriptions.push(firstDiagnostics);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    // The server reads files it has no disk for (the web worker, virtual workspaces) through this client.
    initializationOptions: { [CLIENT_FILES_OPTION]: true },
    synchronize: {
      configurationSection: 'bulkhead',
      // The server keeps what it read from a disk until one of these changes (shared/file-kinds.ts).
      fileEvents: WATCHED_FILE_GLOBS.map((glob) => workspace.createFileSystemWatcher(glob)),
    },
    middleware: {
      // "Show documentation" renders the rule's page locally (offline) instead of opening a browser.
      // Only a rule id's shape is rendered (the server answers unknown ids with nothing); anything else is dropped.
      executeCommand: async (command, args, next) => {
        if (command === SHOW_RULE_DOCS_COMMAND) return typeof args[0] === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(args[0]) ? showRuleDocs(args[0]) : undefined;
        return next(command, args);
      },
    },
  };
  client = starter.create('bulkhead', 'Bulkhead', clientOptions);
  serverStatus.watch(client);
  context.subscriptions.push(...serveFiles(client));
  // The extension activates on any JSON with comments (VS Code has no activation by path), but the
  // server starts only once a document it analyses is open, or the checklist asks for it.
  let started: Promise<void> | undefined;
  const start = (): Promise<void> =>
    (started ??= (output.info('Starting the language server.'), client!.start()).then(
      () => {
        startup.serverStartedMs = Date.now() - activatedAt;
        output.info(`Bulkhead language server started (${starter.describe}) ${startup.serverStartedMs} ms after activation.`);
      },
      (e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        serverStatus.set('error', `the language server failed to start: ${message}`);
        output.error(`Bulkhead language server failed to start: ${message}`);
        void window.showErrorMessage('Bulkhead: the language server failed to start. See the "Bulkhead" output channel.');
        throw e;
      },
    ));
  const wanted = (d: TextDocument) => languages.match(DOCUMENT_SELECTOR, d) > 0;
  if (!workspace.textDocuments.some(wanted)) {
    output.info('Bulkhead is active; its language server starts when a Dockerfile, Compose file or dev container configuration opens.');
    const waiting = workspace.onDidOpenTextDocument((d) => {
      if (!wanted(d)) return;
      waiting.dispose();
      void start().catch(() => undefined);
    });
    context.subscriptions.push(waiting);
  }
  const checklist = new ChecklistView(context, () => start().then(() => client, () => undefined));
  registerRuleDocs(context, () => client);
  context.subscriptions.push(
    checklist,
    commands.registerCommand('bulkhead.showOutput', () => output.show()),
    commands.registerCommand('bulkhead.restartServer', async () => {
      const c = client;
      if (c?.isRunning()) await serverStatus.expectStop(() => c.stop());
      started = client?.start();
      await started;
      output.info('Bulkhead language server restarted.');
      await checklist.refresh();
    }),
    commands.registerCommand(STATUS_MENU_COMMAND, () => showStatusMenu(serverStatus, output)),
  );
  if (workspace.textDocuments.some(wanted)) await start().catch(() => undefined);
  context.subscriptions.push({ dispose: () => void deactivateBulkhead() });
  return { client, output, checklist, host: starter.host, status: () => serverStatus.snapshot(), outputLines: recorded.lines, startup };
}

/**
 * The status item's menu. The checklist comes first while the server is ready (what the counts
 * are about, practice by practice); the output first while it is starting or failed (what is going on).
 */
async function showStatusMenu(serverStatus: ServerStatus, output: LogOutputChannel): Promise<void> {
  const checklist = { label: '$(checklist) Show the practice checklist', run: () => commands.executeCommand(`${VIEW_ID}.focus`) };
  const log = { label: '$(output) Show the output', run: () => output.show() };
  const restart = { label: '$(debug-restart) Restart the language server', run: () => commands.executeCommand('bulkhead.restartServer') };
  const items = serverStatus.current === 'ready' ? [checklist, log, restart] : [log, restart, checklist];
  const pick = await window.showQuickPick(items, { title: 'Bulkhead', placeHolder: serverStatus.snapshot().tooltip });
  await pick?.run();
}

export async function deactivateBulkhead(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await (status ? status.expectStop(() => c.stop()) : c.stop());
}
