import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateBulkhead, deactivateBulkhead, type BulkheadApi } from './activate';

/**
 * The Node entry point (`main`, dist/extension.js): starts the bundled Bulkhead language server
 * (dist/server.js) in its own Node process over IPC. The browser entry is browser-extension.ts.
 */

export { DOCUMENT_SELECTOR, type BulkheadApi } from './activate';

export function activate(context: ExtensionContext): Promise<BulkheadApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  return activateBulkhead(context, {
    host: 'node',
    describe: serverModule,
    create: (id, name, options) => new LanguageClient(id, name, serverOptions, options),
  });
}

export const deactivate = deactivateBulkhead;
