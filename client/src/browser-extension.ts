import { Uri, workspace, type ExtensionContext } from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { activateBulkhead, deactivateBulkhead, type BulkheadApi } from './activate';

/**
 * The browser entry point (`browser`, dist/browser/extension.js), for VS Code for the Web,
 * github.dev and the web worker extension host of code-server: starts the same language server,
 * bundled for a web worker (dist/browser/server.js), in a worker of its own.
 */

export { type BulkheadApi } from './activate';

// Browser globals (the repository compiles without the DOM library).
declare const Worker: new (url: string, options?: { name?: string }) => WorkerLike;
declare const Blob: new (parts: unknown[], options?: { type?: string }) => unknown;
declare const URL: { createObjectURL(blob: unknown): string; revokeObjectURL(url: string): void };
interface WorkerLike {
  terminate(): void;
}

let worker: WorkerLike | undefined;

/**
 * A worker running the server script. Extension hosts resolve `http(s)` and `file` script URLs;
 * the web worker host refuses `vscode-remote:` ones (code-server's installed extensions), so the
 * script is then read through `workspace.fs` and started from a blob URL.
 */
async function startWorker(script: Uri): Promise<WorkerLike> {
  worker?.terminate();
  if (script.scheme !== 'vscode-remote') {
    try {
      return (worker = new Worker(script.toString(true), { name: 'bulkhead-language-server' }));
    } catch {
      // fall through to a blob URL
    }
  }
  const source = await workspace.fs.readFile(script);
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  worker = new Worker(url, { name: 'bulkhead-language-server' });
  return worker;
}

export function activate(context: ExtensionContext): Promise<BulkheadApi> {
  const script = Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  return activateBulkhead(context, {
    host: 'web',
    describe: `web worker, ${script.toString(true)}`,
    create: (id, name, options) =>
      new LanguageClient(
        id,
        name,
        // Transports, not the worker: the client's `instanceof Worker` test fails for workers made by a patched constructor.
        async () => {
          const w = (await startWorker(script)) as ConstructorParameters<typeof BrowserMessageReader>[0];
          return { reader: new BrowserMessageReader(w), writer: new BrowserMessageWriter(w) };
        },
        options,
      ),
  });
}

export async function deactivate(): Promise<void> {
  await deactivateBulkhead();
  worker?.terminate();
  worker = undefined;
}
