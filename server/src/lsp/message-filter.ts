import { AbstractMessageReader, ErrorCodes, type DataCallback, type Disposable, type Message, type MessageReader, type ResponseMessage } from 'vscode-languageserver/node';

/**
 * Refuses, before any handler reads them (vscode-languageserver's own included), requests and
 * notifications whose `params` do not have the one shape LSP allows: an object. The library reads
 * `params.workDoneToken`, `params.capabilities.workspace`, `params.id`... first thing, so a `null`
 * or a string there would make it fail inside instead of answering. A refused request is answered
 * with InvalidParams; a refused notification is reported in the log. `shutdown`, `exit` and
 * `initialized` read no parameters and pass as they are.
 */
const NO_PARAMS_READ = new Set(['shutdown', 'exit', 'initialized']);

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Why a message is refused, or null when it may go to the handlers. */
export function refusal(msg: Record<string, unknown>): string | null {
  if (typeof msg.method !== 'string' || NO_PARAMS_READ.has(msg.method)) return null;
  if (!isObject(msg.params)) return `${msg.method} needs its parameters as an object`;
  if (msg.method === 'initialize' && !isObject(msg.params.capabilities)) return 'initialize needs the client capabilities as an object';
  if (msg.method === '$/cancelRequest' && typeof msg.params.id !== 'number' && typeof msg.params.id !== 'string') return '$/cancelRequest needs the id of a request';
  return null;
}

export class FilteredReader extends AbstractMessageReader implements MessageReader {
  constructor(
    private readonly inner: MessageReader,
    private readonly send: (message: Message) => void,
  ) {
    super();
    inner.onError((e) => this.fireError(e));
    inner.onClose(() => this.fireClose());
    inner.onPartialMessage((p) => this.firePartialMessage(p));
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((msg) => {
      const m = msg as unknown as Record<string, unknown>;
      const why = isObject(m) ? refusal(m) : null;
      if (why === null) return callback(msg);
      if (typeof m.id === 'number' || typeof m.id === 'string') {
        this.send({ jsonrpc: '2.0', id: m.id, error: { code: ErrorCodes.InvalidParams, message: `Bulkhead language server: ${why}` } } as ResponseMessage);
      } else {
        this.send({ jsonrpc: '2.0', method: 'window/logMessage', params: { type: 2, message: `Bulkhead language server: dropped a notification: ${why}` } } as Message);
      }
    });
  }

  override dispose(): void {
    super.dispose();
    this.inner.dispose();
  }
}
