import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { createConnection, IPCMessageReader, IPCMessageWriter, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { FilteredReader } from './lsp/message-filter';
import { startServer } from './lsp/start';
import { streamConnection } from './lsp/stream-connection';
import { UriPaths } from './lsp/uri-paths';
import { nodeServerFiles } from './node-fs/server-files';
import { VERSION } from './shared/version';

/**
 * The Node entry point of the language server (`dist/server.js`, `bulkhead-language-server`).
 * The transport comes from the command line: `--stdio`, `--node-ipc`, `--socket=<port>` or
 * `--pipe=<name>`. stdio (what editors other than VS Code use) is read by the strict frame reader
 * (lsp/stream-reader.ts): a malformed message gets a parse error, a stream that cannot be read any
 * further makes the server exit with a message on stderr, never wait silently. IPC (VS Code) carries
 * whole messages, with no framing to get wrong; on both, message parameters are checked first.
 */

/** The whole bundle has been evaluated when this line runs: the server's own share of a cold start. */
const loadedMs = performance.now();

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

/** `--name=value` or `--name value`. */
function option(name: string): string | undefined {
  const argv = process.argv;
  for (let i = 2; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1];
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return undefined;
}

let shutdownReceived = false;

/** A connection over a byte stream that ends the process when the stream ends or cannot be read any further. */
function exitingStreamConnection(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Connection {
  const connection = streamConnection(input, output, (reason, reported) => {
    process.stderr.write(`bulkhead-language-server: cannot read the client's messages any further: ${reason}. Exiting.\n`);
    // Messages read before the broken frame get a moment to be answered; then the process ends.
    void reported.finally(() => setTimeout(() => process.exit(1), 200));
  });
  // The stream ends when the client goes away: exit as vscode-languageserver does for its own streams.
  const end = () => process.exit(shutdownReceived ? 0 : 1);
  input.on('end', end);
  input.on('close', end);
  return connection;
}

function connectionFromArguments(): Connection {
  if (process.argv.includes('--stdio')) {
    // Nothing but messages may reach stdout.
    console.log = console.info = console.debug = (...args: unknown[]) => void process.stderr.write(`${format(...args)}\n`);
    return exitingStreamConnection(process.stdin, process.stdout);
  }
  // --socket / --pipe: vscode-languageserver connects to the endpoint the editor chose, and reads it with its own reader.
  if (option('socket') !== undefined || option('pipe') !== undefined) return createConnection(ProposedFeatures.all);
  // --node-ipc: messages arrive as objects through Node's IPC channel, with no framing to get wrong;
  // their parameters are checked as on the other transports.
  const writer = new IPCMessageWriter(process);
  return createConnection(ProposedFeatures.all, new FilteredReader(new IPCMessageReader(process), (m) => void writer.write(m).catch(() => undefined)), writer);
}

if (process.argv.includes('--version')) {
  process.stdout.write(`bulkhead-language-server ${VERSION}\n`);
} else if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
  process.stderr.write('Usage: bulkhead-language-server --stdio | --node-ipc | --socket=<port>\n');
  process.exitCode = 2;
} else {
  const connection = connectionFromArguments();
  connection.onShutdown(() => {
    shutdownReceived = true;
  });
  startServer(connection, {
    uriToPath: (uri) => paths.toPath(uri),
    pathToUri: (p) => paths.toUri(p),
    // The disk under the file-system policy of node-fs/: regular files, no link out of the workspace folder, bounded reads.
    ...nodeServerFiles(),
    loadedMs,
    // A virtual workspace's files are not on this disk: the VS Code client reads them (initializationOptions.clientFiles).
    onDisk: (p) => !paths.isVirtual(p),
  });
}
