import * as path from 'node:path';
import { commands, window, workspace, type ExtensionContext, type LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SHOW_RULE_DOCS_COMMAND } from '../../server/src/shared/protocol';
import { ChecklistView } from './checklist';
import { registerRuleDocs, showRuleDocs } from './rule-docs';

/**
 * Starts the bundled Bulkhead language server (dist/server.js) in its own Node process over IPC.
 * The client holds no rule logic: diagnostics, fixes and docs all come from the server.
 */

let client: LanguageClient | undefined;

export const DOCUMENT_SELECTOR = [{ language: 'dockerfile' }, { language: 'dockercompose' }, { language: 'yaml' }];

export interface BulkheadApi {
  client: LanguageClient | undefined;
  output: LogOutputChannel;
  /** The practice checklist view: statuses, ticks, refresh and export (used by the e2e suite). */
  checklist: ChecklistView;
}

export async function activate(context: ExtensionContext): Promise<BulkheadApi> {
  const output = window.createOutputChannel('Bulkhead', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    synchronize: {
      configurationSection: 'bulkhead',
      fileEvents: [
        workspace.createFileSystemWatcher('**/.bulkhead.{yaml,yml}'),
        workspace.createFileSystemWatcher('**/.dockerignore'),
        workspace.createFileSystemWatcher('**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile}'),
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
  client = new LanguageClient('bulkhead', 'Bulkhead', serverOptions, clientOptions);
  const started = client.start();
  const checklist = new ChecklistView(context, () => started.then(() => client, () => undefined));
  registerRuleDocs(context, () => client);
  context.subscriptions.push(
    checklist,
    commands.registerCommand('bulkhead.showOutput', () => output.show()),
    commands.registerCommand('bulkhead.restartServer', async () => {
      await client?.restart();
      output.info('Bulkhead language server restarted.');
      await checklist.refresh();
    }),
  );
  try {
    await started;
    output.info(`Bulkhead language server started (${serverModule}).`);
  } catch (e) {
    output.error(`Bulkhead language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
    void window.showErrorMessage('Bulkhead: the language server failed to start. See the "Bulkhead" output channel.');
  }
  context.subscriptions.push({ dispose: () => void client?.stop() });
  return { client, output, checklist };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
