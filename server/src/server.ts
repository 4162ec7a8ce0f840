import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { DirectoryEntry } from './lsp/checklist';
import { startServer } from './lsp/start';

/**
 * The Node entry point of the language server (`dist/server.js`, `bulkhead-language-server`).
 * The transport comes from the command line: `--stdio`, `--node-ipc` or `--socket=<port>`.
 */

const MAX_RELATED_FILE = 1_000_000;

function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri).replace(/\\/g, '/');
    } catch {
      return uri;
    }
  }
  return uri;
}

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
  process.stdout.write('bulkhead-language-server 0.1.0\n');
} else if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
  process.stderr.write('Usage: bulkhead-language-server --stdio | --node-ipc | --socket=<port>\n');
  process.exitCode = 2;
} else {
  startServer(createConnection(ProposedFeatures.all), { uriToPath, pathToUri: (p) => pathToFileURL(p).href, readFile, readDirectory });
}
