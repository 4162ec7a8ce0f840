import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './lsp/start';
import { UriPaths } from './lsp/uri-paths';

/**
 * The web-worker entry point of the language server (`dist/browser/server.js`), started by the
 * browser client (`dist/browser/extension.js`) in VS Code for the Web, github.dev, code-server's
 * browser-side extension host. Same features as the Node server; it has no disk, so every file
 * that is not open (`.bulkhead.yaml`, `.dockerignore`, the Dockerfile a Compose service builds, the
 * workspace scan of the checklist) is read through the client, which uses `vscode.workspace.fs`.
 */

// The worker's global scope (the repository compiles without the DOM and WebWorker libraries).
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const loadedMs = typeof performance !== 'undefined' ? performance.now() : undefined;
const paths = new UriPaths();
const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, {
  uriToPath: (uri) => paths.toPath(uri),
  pathToUri: (p) => paths.toUri(p),
  ...(loadedMs !== undefined ? { loadedMs } : {}),
});
