import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { HostRead, HostReadOptions } from './lsp/host';
import { startServer } from './lsp/start';
import { UriPaths } from './lsp/uri-paths';
import { hasGitEntry, readDirectory as readDirectoryEntries } from './node-fs/directories';
import { readTextFile } from './node-fs/read-text';
import type { DirectoryEntry } from './shared/scan';
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

/** Files under the file-system policy of node-fs/read-text.ts: regular files only, inside `within`, bounded. */
function readFile(path: string, options: HostReadOptions): HostRead {
  const r = readTextFile(path, options, boundaries);
  if ('problem' in r) return undefined;
  return r.complete ? r.text : { text: r.text, bytes: r.bytes };
}

/** The real paths of workspace folders, asked once each (a folder is a boundary for every read in it). */
const boundaries = new Map<string, string | null>();

function readDirectory(dir: string): DirectoryEntry[] | undefined {
  try {
    return readDirectoryEntries(dir);
  } catch {
    return undefined;
  }
}

if (process.argv.includes('--version')) {
  process.stdout.write(`bulkhead-language-server ${VERSION}\n`);
} else if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
  process.stderr.write('Usage: bulkhead-language-server --stdio | --node-ipc | --socket=<port>\n');
  process.exitCode = 2;
} else {
  startServer(createConnection(ProposedFeatures.all), {
    uriToPath: (uri) => paths.toPath(uri),
    pathToUri: (p) => paths.toUri(p),
    readFile,
    readDirectory,
    isRepositoryRoot: hasGitEntry,
    // A virtual workspace's files are not on this disk: the VS Code client reads them (initializationOptions.clientFiles).
    onDisk: (p) => !paths.isVirtual(p),
  });
}
