import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/start';
import { UriPaths } from './lsp/uri-paths';
import { MAX_RELATED_FILE } from './shared/protocol';
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

function readFile(path: string): string | undefined {
  try {
    if (statSync(path).size > MAX_RELATED_FILE) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Files and real directories; a symbolic link counts as what it points to, except for directories (no loops). */
function readDirectory(dir: string): DirectoryEntry[] | undefined {
  try {
    const out: DirectoryEntry[] = [];
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) out.push({ name: e.name, type: 'directory' });
      else if (e.isFile()) out.push({ name: e.name, type: 'file' });
      else if (e.isSymbolicLink()) {
        try {
          if (statSync(`${dir}/${e.name}`).isFile()) out.push({ name: e.name, type: 'file' });
        } catch {
          // a dangling link
        }
      }
    }
    return out;
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
    // A virtual workspace's files are not on this disk: the VS Code client reads them (initializationOptions.clientFiles).
    onDisk: (p) => !paths.isVirtual(p),
  });
}
