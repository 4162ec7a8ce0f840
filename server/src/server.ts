import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
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

if (process.argv.includes('--version')) {
  process.stdout.write('bulkhead-language-server 0.1.0\n');
} else if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
  process.stderr.write('Usage: bulkhead-language-server --stdio | --node-ipc | --socket=<port>\n');
  process.exitCode = 2;
} else {
  startServer(createConnection(ProposedFeatures.all), { uriToPath, pathToUri: (p) => pathToFileURL(p).href, readFile });
}
