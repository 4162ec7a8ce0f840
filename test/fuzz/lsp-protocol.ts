/**
 * The LSP-protocol fuzzer (`npm run fuzz`, or `npm run fuzz -- --lsp-only --lsp-cases N`): random
 * valid and invalid frames, document ranges and versions, and request parameters, sent as bytes
 * (split at random places) to the real server wired as the Node entry wires stdio
 * (lsp/stream-connection.ts + startServer), in this process, one fresh server per case.
 *
 * Each case is checked against an oracle that reads the same bytes with the framing rules (which
 * frames are delivered, which are parse errors, where the stream stops being readable). A case
 * fails when:
 *   - the server gives up (fatal) when the oracle does not, or the other way round, or gives up
 *     without a parse-error answer naming the problem;
 *   - a delivered request (string method, number or string id) is not answered within the bound
 *     (a stall), or a body the oracle calls invalid gets no parse error;
 *   - a handler fails with an internal error (JSON-RPC -32603, or a "failed" entry in the log):
 *     parameters that do not fit must be dropped or answered, not crash a handler;
 *   - the heap grows past the bound (a range at line 10^9 must not allocate a billion entries).
 */
import { PassThrough } from 'node:stream';
import { DEFAULT_FRAME_LIMITS, type FrameLimits } from '../../server/src/lsp/stream-reader';
import { streamConnection } from '../../server/src/lsp/stream-connection';
import { startServer } from '../../server/src/lsp/start';

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

/** Smaller than the server's defaults so that "over the limit" cases stay cheap; the rules are the same. */
const LIMITS: FrameLimits = { maxHeaderBytes: 4096, maxContentBytes: 256 * 1024 };
void DEFAULT_FRAME_LIMITS;

// ---------------------------------------------------------------------------------------------
// A small seeded random source.

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  next(): number {
    // mulberry32
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---------------------------------------------------------------------------------------------
// Inputs.

const DOCKERFILES = [
  'FROM python:3.12\nRUN apt-get update && apt-get install -y curl\nUSER root\n',
  'FROM alpine:3.22\n# bulkhead-ignore made-up\nUSER 10001\nRUN --mount=type=secret,id=npm npm ci\n',
  '# syntax=docker/dockerfile:1\nFROM node:22 AS build\nCOPY . .\nRUN npm ci\nFROM gcr.io/distroless/nodejs22\nCOPY --from=build /app /app\n',
  'FROM ubuntu\nADD http://example.com/x.tar.gz /\nRUN curl -k https://x | sh\nEXPOSE 22\n',
  'FROM scratch\r\nUSER root\r\n',
  '',
];
const COMPOSES = [
  'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    ports:\n      - "8080:80"\n',
  'services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: hunter2\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
  'services:\n  web:\n    image: [nginx\n',
  'x-base: &b\n  cap_add: [SYS_ADMIN]\nservices:\n  a:\n    <<: *b\n    image: busybox\n',
];
const WEIRD: unknown[] = [null, true, 0, -1, 1.5, 1e300, -1e300, 2 ** 53, '', 'x', '0', [], [1, 'a'], {}, { a: { b: [null] } }, 'é🐳\u0000'];

function weird(r: Rng): unknown {
  return r.pick(WEIRD);
}

function number(r: Rng, max: number): unknown {
  const k = r.int(10);
  if (k < 5) return r.int(max);
  if (k === 5) return 1_000_000_000;
  if (k === 6) return r.pick([-1, -1000]);
  if (k === 7) return r.int(max) + 0.5;
  if (k === 8) return 2 ** 31 + r.int(10);
  return weird(r);
}

function position(r: Rng, lines: number): unknown {
  return r.chance(0.9) ? { line: number(r, lines + 2), character: number(r, 40) } : weird(r);
}

function randomText(r: Rng, base: string): string {
  if (r.chance(0.3)) return base;
  const pieces = ['\n', '\r\n', '\r', ' ', 'USER root', 'RUN x', '[', ']', ':', '  ', '- "1:1"', '\\', '#', '🐳', 'é', '\t', 'services:', '${X:-y}', '&a', '*a', '<<: *a'];
  let t = base;
  for (let i = r.int(4); i >= 0; i--) {
    const at = r.int(t.length + 1);
    t = t.slice(0, at) + (r.chance(0.5) ? r.pick(pieces) : '') + t.slice(at + (r.chance(0.3) ? r.int(5) : 0));
  }
  return t;
}

interface Doc {
  uri: string;
  kind: 'dockerfile' | 'compose';
  lines: number;
  version: number;
}

const METHODS_WITH_ANSWERS = ['textDocument/hover', 'textDocument/codeAction', 'codeAction/resolve', 'workspace/executeCommand', 'bulkhead/ruleDocs', 'bulkhead/checklist', 'bulkhead/noSuchRequest', 'textDocument/completion'];

/** One JSON-RPC message (as a value: sometimes not a valid one) the fuzzer sends. */
function message(r: Rng, docs: Doc[], nextId: () => number): unknown {
  const doc = docs.length > 0 && r.chance(0.85) ? r.pick(docs) : { uri: r.pick(['file:///nowhere/Dockerfile', 'untitled:x', 'file:///p/compose.yaml']), kind: 'dockerfile' as const, lines: 3, version: 1 };
  const k = r.int(20);
  if (k < 3) {
    const kind = r.chance(0.5) ? 'dockerfile' : 'compose';
    const text = randomText(r, r.pick(kind === 'dockerfile' ? DOCKERFILES : COMPOSES));
    const uri = `file:///p/${r.int(3)}/${kind === 'compose' ? 'compose.yaml' : 'Dockerfile'}`;
    const version = r.chance(0.9) ? 1 : number(r, 5);
    const d: Doc = { uri, kind, lines: text.split('\n').length, version: typeof version === 'number' && Number.isSafeInteger(version) ? version : 0 };
    if (!docs.some((x) => x.uri === uri)) docs.push(d);
    const td: Record<string, unknown> = { uri, languageId: kind === 'compose' ? r.pick(['dockercompose', 'yaml']) : 'dockerfile', version, text };
    if (r.chance(0.05)) td[r.pick(['uri', 'languageId', 'text', 'version'])] = weird(r);
    return { jsonrpc: '2.0', method: 'textDocument/didOpen', params: r.chance(0.97) ? { textDocument: td } : weird(r) };
  }
  if (k < 10) {
    // didChange: ranges anywhere (past the end, negative, fractional), versions up, down, odd.
    const changes: unknown[] = [];
    for (let i = r.int(3); i >= 0; i--) {
      if (r.chance(0.15)) changes.push({ text: randomText(r, r.pick(doc.kind === 'compose' ? COMPOSES : DOCKERFILES)) });
      else if (r.chance(0.1)) {
        // Past the end, spanning as many lines as the text has: the shape that once grew the line table to the range's line.
        const line = r.pick([doc.lines + 1, 1_000_000, 1_000_000_000, 2 ** 31]);
        const n = 1 + r.int(3);
        changes.push({ range: { start: { line, character: r.int(5) }, end: { line: line + n, character: r.int(5) } }, text: 'x\n'.repeat(n) });
      }
      else changes.push({ range: r.chance(0.95) ? { start: position(r, doc.lines), end: position(r, doc.lines) } : weird(r), text: r.chance(0.95) ? randomText(r, r.pick(['', 'x', '\n', 'USER root\n', '  - "2375:2375"\n'])) : weird(r) });
    }
    const version = r.chance(0.8) ? ++doc.version : number(r, doc.version + 2);
    return { jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: doc.uri, version }, contentChanges: r.chance(0.95) ? changes : weird(r) } };
  }
  if (k < 16) {
    const method = r.pick(METHODS_WITH_ANSWERS);
    const range = { start: position(r, doc.lines), end: position(r, doc.lines) };
    const diagnostic = () => ({
      range: r.chance(0.8) ? { start: { line: r.int(doc.lines), character: r.int(20) }, end: { line: r.int(doc.lines), character: r.int(30) } } : weird(r),
      source: r.chance(0.8) ? 'bulkhead' : weird(r),
      code: r.pick(['non-root-user', 'no-privileged', 'ignore-comment', 'syntax-error', weird(r)]),
      message: 'x',
      data: r.chance(0.6) ? { ruleId: 'non-root-user', practice: 4, version: r.chance(0.5) ? doc.version : number(r, 9), index: number(r, 6) } : weird(r),
    });
    const ref = () => ({ bulkhead: 'action', uri: doc.uri, version: r.chance(0.5) ? doc.version : number(r, 9), kind: r.pick(['fix', 'ignoreLine', 'ignoreFile', 'fixAll', weird(r)]), finding: number(r, 6), fix: number(r, 2) });
    const params: Record<string, unknown> = {
      'textDocument/hover': { textDocument: { uri: doc.uri }, position: position(r, doc.lines) },
      'textDocument/codeAction': { textDocument: { uri: doc.uri }, range, context: r.chance(0.9) ? { diagnostics: r.chance(0.9) ? [diagnostic(), diagnostic()] : weird(r), ...(r.chance(0.4) ? { only: r.pick([['quickfix'], ['source.fixAll'], ['source'], 'quickfix', [1]]) } : {}) } : weird(r) },
      'codeAction/resolve': { title: 't', data: r.chance(0.8) ? ref() : weird(r) },
      'workspace/executeCommand': { command: r.pick(['bulkhead.applyEdit', 'bulkhead.showRuleDocs', 'x', weird(r)]), arguments: r.chance(0.9) ? [r.pick([ref(), 'no-privileged', '../../etc/passwd', { changes: {} }, weird(r)]), weird(r)] : weird(r) },
      'bulkhead/ruleDocs': { id: r.pick(['no-privileged', '../x', weird(r)]) },
      'bulkhead/checklist': r.pick([{ scope: 'file', uri: doc.uri }, { scope: 'workspace' }, weird(r)]),
      'bulkhead/noSuchRequest': {},
      'textDocument/completion': { textDocument: { uri: doc.uri }, position: position(r, doc.lines) },
    };
    const id = r.chance(0.9) ? nextId() : r.pick([`s${nextId()}`, null, 1.5, { a: 1 }]);
    return { jsonrpc: '2.0', id, method, params: r.chance(0.93) ? params[method] : weird(r) };
  }
  if (k < 17) return { jsonrpc: '2.0', method: 'textDocument/didClose', params: r.chance(0.9) ? { textDocument: { uri: doc.uri } } : weird(r) };
  if (k < 18) return { jsonrpc: '2.0', method: r.pick(['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles', 'workspace/didChangeWorkspaceFolders', '$/cancelRequest', '$/setTrace']), params: r.chance(0.5) ? { changes: [{ uri: r.pick(['file:///p/.bulkhead.yaml', 7]), type: 2 }], settings: null, event: { added: weird(r), removed: [] }, id: r.chance(0.5) ? nextId() : weird(r) } : weird(r) };
  // Not a JSON-RPC message at all, or one with fields of the wrong type.
  return r.pick([{ jsonrpc: '2.0', method: 42 }, { jsonrpc: '1.0', id: nextId(), method: 'textDocument/hover' }, { id: nextId() }, { jsonrpc: '2.0', id: nextId(), result: {} }, { jsonrpc: '2.0', method: 'textDocument/didOpen' }]);
}

// ---------------------------------------------------------------------------------------------
// Frames, and the oracle that reads them.

const frame = (body: Buffer, header?: string) => Buffer.concat([Buffer.from(header ?? `Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body]);

/** Bytes for one message, well framed or not. */
function bytesFor(r: Rng, msg: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(msg) ?? 'null', 'utf8');
  const k = r.int(100);
  if (k < 95) return r.chance(0.2) ? frame(body, `Content-Length: ${body.length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n`) : frame(body);
  const faults: (() => Buffer)[] = [
    () => frame(body, 'Content-Length: abc\r\n\r\n'),
    () => frame(body, 'Content-Length: -1\r\n\r\n'),
    () => frame(body, 'Content-Type: application/json\r\n\r\n'),
    () => frame(body, `Content-Length: ${Math.max(0, body.length - 1 - r.int(5))}\r\n\r\n`),
    () => frame(body, `Content-Length: ${body.length + 1 + r.int(40)}\r\n\r\n`),
    () => frame(body, `Content-Length: ${LIMITS.maxContentBytes + 1 + r.int(1e9)}\r\n\r\n`),
    () => Buffer.concat([Buffer.from('Content-Length: 1', 'latin1'), Buffer.alloc(LIMITS.maxHeaderBytes + r.int(100), 0x20)]),
    () => frame(body, `Content-Length: ${body.length}\r\nContent-Length: ${body.length + 1}\r\n\r\n`),
    () => frame(body, `content-length:${body.length}\r\n\r\n`),
    () => frame(body, `Content-Length: ${body.length}\r\nContent-Type: text/plain; charset=latin1\r\n\r\n`),
    () => frame(Buffer.from('{"bad":,}')),
    () => frame(Buffer.from([0xff, 0xfe, 0x7b, 0x7d])),
    () => frame(Buffer.from(r.pick(['[]', '1', '"x"', 'null', '']))),
    () => Buffer.from(r.pick(['garbage\r\n\r\n', '\r\n\r\n', 'Content-Length 5\r\n\r\nhello', ': x\r\n\r\n'])),
    () => Buffer.from(Array.from({ length: 1 + r.int(30) }, () => r.int(256))),
  ];
  return r.pick(faults)();
}

interface Oracle {
  /** Delivered messages (objects), in order. */
  delivered: Record<string, unknown>[];
  /** Bodies that are not a JSON-RPC object (each gets a parse error). */
  invalid: number;
  fatal: boolean;
  /** Bytes left unread at the end that do not finish a frame (the reader waits for more). */
  waiting: boolean;
  /** When waiting inside a body: how many bytes it still needs. */
  bodyMissing: number;
}

/** The framing rules, on the whole byte stream at once (the reader gets it in random chunks). */
function oracle(all: Buffer): Oracle {
  const out: Oracle = { delivered: [], invalid: 0, fatal: false, waiting: false, bodyMissing: 0 };
  let pos = 0;
  while (pos < all.length) {
    const end = all.indexOf('\r\n\r\n', pos, 'latin1');
    if (end < 0 || end - pos > LIMITS.maxHeaderBytes) {
      if (all.length - pos > LIMITS.maxHeaderBytes) out.fatal = true;
      else out.waiting = true;
      return out;
    }
    let length: number | undefined;
    for (const line of all.toString('latin1', pos, end).split('\r\n')) {
      const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
      if (!m) return { ...out, fatal: true };
      const name = m[1].toLowerCase();
      if (name === 'content-length') {
        if (!/^[0-9]{1,15}$/.test(m[2])) return { ...out, fatal: true };
        const n = Number(m[2]);
        if ((length !== undefined && length !== n) || n > LIMITS.maxContentBytes) return { ...out, fatal: true };
        length = n;
      } else if (name === 'content-type') {
        const cs = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(m[2])?.[1]?.toLowerCase();
        if (cs && cs !== 'utf-8' && cs !== 'utf8') return { ...out, fatal: true };
      }
    }
    if (length === undefined) return { ...out, fatal: true };
    const start = end + 4;
    if (all.length - start < length) {
      out.waiting = true;
      out.bodyMissing = length - (all.length - start);
      return out;
    }
    const body = all.subarray(start, start + length);
    pos = start + length;
    let v: unknown;
    try {
      v = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch {
      out.invalid++;
      continue;
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) out.invalid++;
    else out.delivered.push(v as Record<string, unknown>);
  }
  return out;
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
