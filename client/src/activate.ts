import { commands, languages, window, workspace, type ExtensionContext, type LogOutputChannel, type TextDocument } from 'vscode';
import { DEVCONTAINER_GLOBS } from '../../server/src/shared/file-kinds';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { CLIENT_FILES_OPTION, SHOW_RULE_DOCS_COMMAND } from '../../server/src/shared/protocol';
import { ChecklistView } from './checklist';
import { serveFiles } from './client-files';
import { registerRuleDocs, showRuleDocs } from './rule-docs';

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
}

export interface ServerStarter {
  host: ExtensionHostKind;
  /** What the log says was started. */
  describe: string;
  create(id: string, name: string, options: LanguageClientOptions): BaseLanguageClient;
}

let client: BaseLanguageClient | undefined;

export async function activateBulkhead(context: ExtensionContext, starter: ServerStarter): Promise<BulkheadApi> {
  const output = window.createOutputChannel('Bulkhead', { log: true });
  context.subscriptions.push(output);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    // The server reads files it has no disk for (the web worker, virtual workspaces) through this client.
    initializationOptions: { [CLIENT_FILES_OPTION]: true },
    synchronize: {
      configurationSection: 'bulkhead',
      fileEvents: [
        workspace.createFileSystemWatcher('**/.bulkhead.{yaml,yml}'),
        workspace.createFileSystemWatcher('**/.dockerignore'),
        workspace.createFileSystemWatcher('**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile}'),
        // A dev container reads the Compose files it starts; a dev container's Dockerfile reads its configuration.
        workspace.createFileSystemWatcher('**/{compose,docker-compose}*.{yaml,yml}'),
        workspace.createFileSystemWatcher('**/{devcontainer.json,.devcontainer.json}'),
      ],
    },
    middleware: {
      // "Show documentation" renders the rule's page locally (offline) instead of opening a browser.
      executeCommand: async (command, args, next) => {
        if (command === SHOW_RULE_DOCS_COMMAND && typeof args[0] === 'string') return showRuleDocs(args[0]);
        return next(command, args);
      },
    },
  };
  client = starter.create('bulkhead', 'Bulkhead', clientOptions);
  context.subscriptions.push(...serveFiles(client));
  // The extension activates on any JSON with comments (VS Code has no activation by path), but the
  // server starts only once a document it analyses is open, or the checklist asks for it.
  let started: Promise<void> | undefined;
  const start = (): Promise<void> =>
    (started ??= client!.start().then(
      () => output.info(`Bulkhead language server started (${starter.describe}).`),
      (e: unknown) => {
        output.error(`Bulkhead language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
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
      if (client?.isRunning()) await client.stop();
      started = client?.start();
      await started;
      output.info('Bulkhead language server restarted.');
      await checklist.refresh();
    }),
  );
  if (workspace.textDocuments.some(wanted)) await start().catch(() => undefined);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  return { client, output, checklist, host: starter.host };
}

export async function deactivateBulkhead(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
