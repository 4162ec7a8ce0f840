import { createConnection, ErrorCodes, ProposedFeatures, StreamMessageWriter, type Connection, type ResponseMessage } from 'vscode-languageserver/node';
import { FilteredReader } from './message-filter';
import { StrictStreamReader, type FrameLimits } from './stream-reader';

/**
 * A language-server connection over a byte stream (stdio, a socket, a pipe), read by the strict
 * frame reader: a message that is not JSON gets a JSON-RPC parse error (id null) and reading goes
 * on; a frame that cannot be delimited gets a parse error naming the problem, then `onFatal` (the
 * Node entry exits with that message). Messages whose parameters are not an object are refused
 * before any handler sees them (message-filter.ts).
 */
export function streamConnection(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, onFatal: (reason: string, reported: Promise<void>) => void, limits?: FrameLimits): Connection {
  const writer = new StreamMessageWriter(output);
  const parseError = (reason: string): ResponseMessage => ({ jsonrpc: '2.0', id: null, error: { code: ErrorCodes.ParseError, message: `Bulkhead language server: ${reason}` } });
  const reader = new StrictStreamReader(
    input,
    {
      onInvalidMessage: (reason) => void writer.write(parseError(reason)).catch(() => undefined),
      onFatal: (reason) => onFatal(reason, writer.write(parseError(`${reason}; the server exits`)).catch(() => undefined)),
    },
    limits,
  );
  return createConnection(ProposedFeatures.all, new FilteredReader(reader, (m) => void writer.write(m).catch(() => undefined)), writer);
}
