import { AbstractMessageReader, type DataCallback, type Disposable, type Message, type MessageReader } from 'vscode-languageserver/node';

/**
 * Reads LSP base-protocol frames (`Content-Length: N\r\n\r\n` + N bytes of JSON) from a stream,
 * strictly, in place of vscode-jsonrpc's `StreamMessageReader`, which a malformed frame leaves
 * waiting forever (`Content-Length: abc`, a header without one, a body shorter than declared) or
 * buffering without bound (a 50 MB header line, a length of 10^15).
 *
 * - A well-framed message whose body is not a JSON object is answered with a JSON-RPC parse error
 *   (`onInvalidMessage`) and the next frame is read as usual.
 * - A frame that cannot be delimited (a header line that is not `Name: value`, no or several
 *   different `Content-Length`, one that is not a decimal number or is over `maxContentBytes`, a
 *   header section over `maxHeaderBytes`, a charset other than UTF-8) leaves no way to find where
 *   the next message starts: the reader reports it (`onFatal`, with a message saying what was
 *   wrong) and closes. The Node entry then exits with that message; the client restarts it.
 *
 * Memory is bounded by the two limits; nothing waits on a clock.
 */

export interface FrameLimits {
  /** Largest header section (all header lines), in bytes. */
  maxHeaderBytes: number;
  /** Largest body, in bytes. A didOpen of a file is one body: this is far above any file an editor syncs. */
  maxContentBytes: number;
}

export const DEFAULT_FRAME_LIMITS: FrameLimits = { maxHeaderBytes: 64 * 1024, maxContentBytes: 256 * 1024 * 1024 };

export interface FrameEvents {
  /** A frame was read but its body is not a JSON-RPC message: answer with a parse error. */
  onInvalidMessage(reason: string): void;
  /** The stream cannot be read any further (see above); the reader has stopped. */
  onFatal(reason: string): void;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');
const decoder = new TextDecoder('utf-8', { fatal: true });

export class StrictStreamReader extends AbstractMessageReader implements MessageReader {
  private callback: DataCallback | undefined;
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** The body length of the frame being read, or -1 while reading a header. */
  private contentLength = -1;
  private stopped = false;
  private readonly onData = (chunk: Buffer | string) => this.receive(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  private readonly onEnd = () => this.fireClose();
  private readonly onStreamError = (e: unknown) => this.fireError(e);

  constructor(
    private readonly readable: NodeJS.ReadableStream,
    private readonly events: FrameEvents,
    private readonly limits: FrameLimits = DEFAULT_FRAME_LIMITS,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    this.readable.on('data', this.onData);
    this.readable.on('end', this.onEnd);
    this.readable.on('close', this.onEnd);
    this.readable.on('error', this.onStreamError);
    return { dispose: () => this.detach() };
  }

  private detach(): void {
    this.readable.removeListener('data', this.onData);
    this.readable.removeListener('end', this.onEnd);
    this.readable.removeListener('close', this.onEnd);
    this.readable.removeListener('error', this.onStreamError);
  }

  private receive(chunk: Buffer): void {
    if (this.stopped) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    try {
      this.drain();
    } catch (e) {
      this.fatal(e instanceof Error ? e.message : String(e));
    }
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return head;
  }

  /** Bytes of the header section scanned so far, and how much of `\r\n\r\n` ends them. */
  private scanned = 0;
  private matched = 0;

  /** The header section's length (up to and including `\r\n\r\n`) once it has arrived; each byte is looked at once. */
  private headerEnd(): number {
    let offset = 0;
    for (const chunk of this.chunks) {
      const from = Math.max(0, this.scanned - offset);
      for (let i = from; i < chunk.length; i++) {
        const want = this.matched === 0 || this.matched === 2 ? 13 : 10;
        if (chunk[i] === want) this.matched++;
        else this.matched = chunk[i] === 13 ? 1 : 0;
        if (this.matched === 4) {
          const end = offset + i + 1;
          this.scanned = 0;
          this.matched = 0;
          return end;
        }
      }
      offset += chunk.length;
    }
    this.scanned = offset;
    return -1;
  }

  private drain(): void {
    while (!this.stopped) {
      if (this.contentLength < 0) {
        const end = this.headerEnd();
        if (end < 0 ? this.buffered > this.limits.maxHeaderBytes : end > this.limits.maxHeaderBytes + CRLFCRLF.length) {
          throw new Error(`a message header is longer than ${this.limits.maxHeaderBytes} bytes`);
        }
        if (end < 0) return;
        const header = this.take(end).subarray(0, end - CRLFCRLF.length);
        this.contentLength = this.contentLengthOf(header);
      }
      if (this.buffered < this.contentLength) return;
      const body = this.take(this.contentLength);
      this.contentLength = -1;
      this.deliver(body);
    }
  }

  /** The body length a header declares, or an error saying why the header cannot be used. */
  private contentLengthOf(header: Buffer): number {
    const text = header.toString('latin1');
    let length: number | undefined;
    for (const line of text.split('\r\n')) {
      const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
      if (!m) throw new Error(`a message header line is not "Name: value": ${JSON.stringify(line.slice(0, 80))}`);
      const name = m[1].toLowerCase();
      const value = m[2];
      if (name === 'content-length') {
        if (!/^[0-9]{1,15}$/.test(value)) throw new Error(`Content-Length is not a number of bytes: ${JSON.stringify(value.slice(0, 40))}`);
        const n = Number(value);
        if (length !== undefined && length !== n) throw new Error('a message header gives two different Content-Length values');
        if (n > this.limits.maxContentBytes) throw new Error(`a message of ${n} bytes is over the limit of ${this.limits.maxContentBytes} bytes`);
        length = n;
      } else if (name === 'content-type') {
        const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(value)?.[1]?.toLowerCase();
        if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new Error(`only UTF-8 messages are read, not ${JSON.stringify(charset.slice(0, 40))}`);
      }
    }
    if (length === undefined) throw new Error('a message header has no Content-Length');
    return length;
  }

  private deliver(body: Buffer): void {
    let message: unknown;
    try {
      message = JSON.parse(decoder.decode(body));
    } catch (e) {
      this.events.onInvalidMessage(`the message is not valid UTF-8 JSON (${e instanceof Error ? e.message.slice(0, 120) : 'unreadable'})`);
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.events.onInvalidMessage('the message is not a JSON-RPC object');
      return;
    }
    try {
      this.callback?.(message as Message);
    } catch (e) {
      // The connection failed on one message: an error for that message, not a broken stream.
      this.fireError(e);
    }
  }

  private fatal(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.chunks = [];
    this.buffered = 0;
    this.detach();
    this.events.onFatal(reason);
    this.fireError(new Error(reason));
    this.fireClose();
  }
}
