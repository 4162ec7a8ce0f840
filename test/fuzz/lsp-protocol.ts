/**
 * The LSP-protocol fuzzer (`npm run fuzz`, or `npm run fuzz -- --lsp-only --lsp-cases N`): random
 * valid and invalid frames, document ranges and versions, and request parameters, sent as bytes
 * (split at random places) to the real server wired as the Node entry wires stdio
 * (lsp/stream-connection.ts + startServer), in this process, one fresh server per case.
 *
 * The inputs and the oracle are in lsp-protocol-inputs.ts. Each case is checked against the oracle,
 * which reads the same bytes with the framing rules (which frames are delivered, which are parse
 * errors, where the stream stops being readable). A case fails when:
 *   - the server gives up (fatal) when the oracle does not, or the other way round, or gives up
 *     without a parse-error answer naming the problem;
 *   - a delivered request (string method, number or string id) is not answered within the bound
 *     (a stall), or a body the oracle calls invalid gets no parse error;
 *   - a handler fails with an internal error (JSON-RPC -32603, or a "failed" entry in the log):
 *     parameters that do not fit must be dropped or answered, not crash a handler;
 *   - the heap grows past the bound (a range at line 10^9 must not allocate a billion entries).
 */
import { PassThrough } from 'node:stream';
import { streamConnection } from '../../server/src/lsp/stream-connection';
import { startServer } from '../../server/src/lsp/start';
import { bytesFor, frame, LIMITS, message, oracle, Rng, weird, type Doc } from './lsp-protocol-inputs';

export interface LspFuzzOptions {
  cases: number;
  /** The first case's number (to replay one case: `--lsp-first N --lsp-cases 1`). */
  first?: number;
  seed: number;
  /** How long a delivered request may wait for its answer before the case counts as a stall. */
  boundMs: number;
  log(line: string): void;
}

export interface LspFuzzResult {
  cases: number;
  failures: number;
  frames: number;
  requestsAnswered: number;
  parseErrors: number;
  fatalCases: number;
  maxHeapMiB: number;
  slowestMs: number;
  seconds: number;
  examples: string[];
}

// ---------------------------------------------------------------------------------------------
// The client side of one case: reads the server's output, answers its requests.

interface Seen {
  responses: Map<string, { error?: { code: number; message: string } }[]>;
  parseErrors: string[];
  errorLogs: string[];
}

function readOutput(output: PassThrough, answer: (msg: Record<string, unknown>) => void): Seen {
  const seen: Seen = { responses: new Map(), parseErrors: [], errorLogs: [] };
  let buf = Buffer.alloc(0);
  output.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const n = Number(/Content-Length: (\d+)/i.exec(buf.toString('latin1', 0, end))![1]);
      if (buf.length < end + 4 + n) return;
      const msg = JSON.parse(buf.toString('utf8', end + 4, end + 4 + n)) as Record<string, unknown>;
      buf = buf.subarray(end + 4 + n);
      if ('method' in msg) {
        if (msg.method === 'window/logMessage' && (msg.params as { type: number }).type === 1) seen.errorLogs.push(String((msg.params as { message: string }).message));
        if ('id' in msg) answer(msg);
      } else if (msg.id === null) {
        seen.parseErrors.push((msg.error as { message: string }).message);
      } else {
        const key = JSON.stringify(msg.id);
        const list = seen.responses.get(key) ?? [];
        list.push({ ...(msg.error ? { error: msg.error as { code: number; message: string } } : {}) });
        seen.responses.set(key, list);
      }
    }
  });
  return seen;
}

function answerFor(r: Rng, msg: Record<string, unknown>): unknown {
  switch (msg.method) {
    case 'workspace/configuration': {
      const items = (msg.params as { items?: unknown[] })?.items ?? [];
      return items.map(() => r.pick([null, {}, { enable: true }, { rules: { 'non-root-user': 'error' } }, { rules: 'x', maxFileSize: -5 }, { maxFileSize: 40 }, weird(r)]));
    }
    case 'workspace/applyEdit':
      return { applied: r.chance(0.8) };
    case 'window/showDocument':
      return { success: true };
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------

const isRequest = (m: Record<string, unknown>) => typeof m.method === 'string' && (typeof m.id === 'number' || typeof m.id === 'string');

async function runCase(seed: number, index: number, boundMs: number): Promise<{ problems: string[]; frames: number; answered: number; parseErrors: number; fatal: boolean; ms: number; recipe: string }> {
  const r = new Rng(seed * 1_000_003 + index * 7919 + 17);
  let id = 0;
  const nextId = () => ++id;
  const docs: Doc[] = [];
  const capabilities = r.pick([
    {},
    { workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true } }, textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, resolveSupport: { properties: ['edit'] } } } },
    { workspace: { configuration: true, workspaceFolders: true, workspaceEdit: { resourceOperations: 'create' } }, textDocument: { codeAction: { codeActionLiteralSupport: 7 }, hover: { contentFormat: 'markdown' } } },
    weird(r),
  ]);
  const init = { jsonrpc: '2.0', id: nextId(), method: 'initialize', params: r.chance(0.95) ? { processId: null, rootUri: r.pick([null, 'file:///p', 5]), capabilities, initializationOptions: r.pick([{ debounceMs: 0, syntaxErrorDelayMs: r.int(3) * 10 }, { debounceMs: r.pick([-1, 'x', 1e12]) }, null]), workspaceFolders: r.pick([null, [{ uri: 'file:///p', name: 'p' }], 'x', [7]]) } : weird(r) };
  const parts: Buffer[] = [bytesFor(r, init)];
  if (r.chance(0.95)) parts.push(bytesFor(r, { jsonrpc: '2.0', method: 'initialized', params: {} }));
  for (let i = 1 + r.int(10); i > 0; i--) parts.push(bytesFor(r, message(r, docs, nextId)));
  let all = Buffer.concat(parts);
  let expected = oracle(all);
  // Bring the stream back to a frame boundary when it ends inside a frame (a body shorter than
  // declared, a header not finished): the client's answers to the server's requests and the probe
  // follow, and must be read as frames of their own.
  for (let tries = 0; expected.waiting && tries < 3; tries++) {
    all = Buffer.concat([all, expected.bodyMissing > 0 ? Buffer.alloc(expected.bodyMissing, 0x20) : Buffer.from('\r\n\r\n')]);
    expected = oracle(all);
  }
  // A probe at the end, when the stream is still in step: it must be answered.
  if (!expected.fatal && !expected.waiting) {
    const probe = { jsonrpc: '2.0', id: 'probe', method: 'bulkhead/ruleDocs', params: { id: 'no-privileged' } };
    all = Buffer.concat([all, frame(Buffer.from(JSON.stringify(probe)))]);
    expected = oracle(all);
  }

  const input = new PassThrough();
  const output = new PassThrough();
  let fatal: string | null = null;
  const connection = streamConnection(input, output, (reason) => (fatal = reason), LIMITS);
  // The server's requests (configuration, applyEdit...) are answered once the case's bytes are all
  // written, so that an answer never lands inside one of the case's frames.
  let written = false;
  const queued: Record<string, unknown>[] = [];
  const answer = (msg: Record<string, unknown>) => sendRaw(input, { jsonrpc: '2.0', id: msg.id, result: answerFor(r, msg) });
  const seen = readOutput(output, (msg) => (written ? answer(msg) : queued.push(msg)));
  startServer(connection, { uriToPath: (u) => u.replace(/^[a-z]+:\/\//, ''), pathToUri: (p) => `file://${p}`, readFile: () => undefined });

  const started = performance.now();
  // Random chunks, sometimes letting the server run between them.
  for (let pos = 0; pos < all.length; ) {
    const n = r.chance(0.3) ? 1 + r.int(8) : r.chance(0.5) ? 1 + r.int(200) : 1 + r.int(4096);
    input.write(all.subarray(pos, pos + n));
    pos += n;
    if (r.chance(0.2)) await new Promise((res) => setImmediate(res));
  }
  written = true;
  for (const msg of queued.splice(0)) answer(msg);
  const requests = expected.delivered.filter(isRequest).map((m) => JSON.stringify(m.id));
  const done = () => (expected.fatal ? fatal !== null && seen.parseErrors.length > expected.invalid : requests.every((k) => seen.responses.has(k)) && seen.parseErrors.length >= expected.invalid);
  while (!done() && performance.now() - started < boundMs) await new Promise((res) => setTimeout(res, 2));
  // Let late log messages arrive, then stop.
  await new Promise((res) => setImmediate(res));
  const ms = performance.now() - started;
  input.end();
  connection.dispose();

  const problems: string[] = [];
  if (expected.fatal && fatal === null) problems.push('the oracle finds a frame that cannot be delimited, the server read on');
  if (!expected.fatal && fatal !== null) problems.push(`the server gave up on a stream the oracle reads: ${fatal}`);
  if (fatal !== null && !seen.parseErrors.some((m) => m.endsWith('; the server exits'))) problems.push('the server gave up without a parse error naming the problem');
  const unanswered = requests.filter((k) => !seen.responses.has(k));
  if (!expected.fatal && unanswered.length > 0) problems.push(`stall: ${unanswered.length} request(s) not answered within ${boundMs} ms (ids ${unanswered.slice(0, 3).join(', ')})`);
  if (!expected.fatal && seen.parseErrors.length < expected.invalid) problems.push(`${expected.invalid} invalid bodies, ${seen.parseErrors.length} parse errors`);
  // After a broken frame the connection is closed: work still running then finds it closed (the Node entry has exited by then).
  const closedAfterFatal = (m: string) => fatal !== null && /Connection is closed/.test(m);
  for (const [k, list] of seen.responses) for (const x of list) if (x.error?.code === -32603 && !closedAfterFatal(x.error.message)) problems.push(`internal error answering ${k}: ${x.error.message.slice(0, 200)}`);
  for (const m of seen.errorLogs) if (/failed|TypeError|Cannot read/.test(m) && !closedAfterFatal(m)) problems.push(`error in the log: ${m.slice(0, 200)}`);
  return { problems, frames: expected.delivered.length + expected.invalid, answered: requests.length - unanswered.length, parseErrors: seen.parseErrors.length, fatal: fatal !== null, ms, recipe: `seed ${seed} case ${index}` };
}

function sendRaw(input: PassThrough, msg: unknown): void {
  if (input.writableEnded) return;
  const body = Buffer.from(JSON.stringify(msg));
  input.write(frame(body));
}

export async function fuzzLspProtocol(options: LspFuzzOptions): Promise<LspFuzzResult> {
  const started = performance.now();
  const result: LspFuzzResult = { cases: 0, failures: 0, frames: 0, requestsAnswered: 0, parseErrors: 0, fatalCases: 0, maxHeapMiB: 0, slowestMs: 0, seconds: 0, examples: [] };
  const gc = (globalThis as { gc?: () => void }).gc;
  // A server whose connection is gone (the case ended) may still finish work and find it disposed:
  // that is the end of the case, not a failure. Anything else escaping a handler is.
  const escaped: string[] = [];
  const onEscape = (e: unknown) => {
    const m = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
    if (!/disposed|Connection is closed|write after end|EPIPE/i.test(m)) escaped.push(m);
  };
  process.on('unhandledRejection', onEscape);
  process.on('uncaughtException', onEscape);
  for (let i = options.first ?? 0; i < (options.first ?? 0) + options.cases; i++) {
    const c = await runCase(options.seed, i, options.boundMs);
    for (const m of escaped.splice(0)) c.problems.push(`escaped a handler: ${m.slice(0, 300)}`);
    result.cases++;
    result.frames += c.frames;
    result.requestsAnswered += c.answered;
    result.parseErrors += c.parseErrors;
    if (c.fatal) result.fatalCases++;
    result.slowestMs = Math.max(result.slowestMs, c.ms);
    if (i % 200 === 0) {
      gc?.();
      const heap = process.memoryUsage().heapUsed / 2 ** 20;
      result.maxHeapMiB = Math.max(result.maxHeapMiB, heap);
      if (heap > 1024) c.problems.push(`heap at ${heap.toFixed(0)} MiB after case ${i}`);
    }
    if (c.problems.length > 0) {
      result.failures++;
      if (result.examples.length < 20) {
        const line = `FAILURE (${c.recipe}): ${c.problems.join('; ')}`;
        result.examples.push(line);
        options.log(line);
      }
    }
    if ((i + 1) % 1000 === 0) options.log(`  ${i + 1} LSP cases, ${result.failures} failures`);
  }
  result.seconds = (performance.now() - started) / 1000;
  process.off('unhandledRejection', onEscape);
  process.off('uncaughtException', onEscape);
  return result;
}
