import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/start';
import { UriPaths } from './lsp/uri-paths';
import { nodeServerFiles } from './node-fs/server-files';
import { VERSION } from './shared/version';

/**
 * The Node entry point of the language server (`dist/server.js`, `bulkhead-language-server`).
 * The transport comes from the command line: `--stdio`, `--node-ipc` or `--socket=<port>`.
 */

/** `file:` URIs through Node's converter (Windows drives, UNC); virtual-workspace URIs as in uri-paths.ts. */
const paths = new UriPaths(
  (uri) => {
    try {
      return fileURLToPath(uri).replace(/\\/g, '/');
    } catch {
      return undefined;
    }
  },
  (p) => pathToFileURL(p).href,
);

if (process.argv.includes('--version')) {
  process.stdout.write(`bulkhead-language-server ${VERSION}\n`);
} else if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
  process.stderr.write('Usage: bulkhead-language-server --stdio | --node-ipc | --socket=<port>\n');
  process.exitCode = 2;
} else {
  startServer(createConnection(ProposedFeatures.all), {
    uriToPath: (uri) => paths.toPath(uri),
    pathToUri: (p) => paths.toUri(p),
    // The disk under the file-system policy of node-fs/: regular files, no link out of the workspace folder, bounded reads.
    ...nodeServerFiles(),
    // A virtual workspace's files are not on this disk: the VS Code client reads them (initializationOptions.clientFiles).
    onDisk: (p) => !paths.isVirtual(p),
  });
}
