import * as path from 'node:path';
import { window, type ExtensionContext, type LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/**
 * Starts the bundled Bulkhead language server (dist/server.js) in its own Node process over IPC.
 * The client holds no rule logic: diagnostics, fixes and hover all come from the server.
 */

let client: LanguageClient | undefined;

export const DOCUMENT_SELECTOR = [
  { language: 'dockerfile' },
  { language: 'dockercompose' },
  { language: 'yaml' },
];

export async function activate(context: ExtensionContext): Promise<{ client: LanguageClient | undefined; output: LogOutputChannel }> {
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
    synchronize: { configurationSection: 'bulkhead' },
  };
  client = new LanguageClient('bulkhead', 'Bulkhead', serverOptions, clientOptions);
  try {
    await client.start();
    output.info(`Bulkhead language server started (${serverModule}).`);
  } catch (e) {
    output.error(`Bulkhead language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
    void window.showErrorMessage('Bulkhead: the language server failed to start. See the "Bulkhead" output channel.');
  }
  context.subscriptions.push({ dispose: () => void client?.stop() });
  return { client, output };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
