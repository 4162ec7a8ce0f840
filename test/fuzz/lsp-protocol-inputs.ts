/**
 * What the LSP-protocol fuzzer (lsp-protocol.ts) sends: a seeded random source, JSON-RPC messages
 * (valid ones, and ones with parameters of the wrong shape), their frames (well formed or not), and
 * the oracle that reads a byte stream with the framing rules, to say what the server must make of it.
 */
import type { FrameLimits } from '../../server/src/lsp/stream-reader';

/** Smaller than the server's defaults so that "over the limit" cases stay cheap; the rules are the same. */
export const LIMITS: FrameLimits = { maxHeaderBytes: 4096, maxContentBytes: 256 * 1024 };

// ---------------------------------------------------------------------------------------------
// A small seeded random source.

export class Rng {
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

export function weird(r: Rng): unknown {
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

export interface Doc {
  uri: string;
  kind: 'dockerfile' | 'compose';
  lines: number;
  version: number;
}

const METHODS_WITH_ANSWERS = ['textDocument/hover', 'textDocument/codeAction', 'codeAction/resolve', 'workspace/executeCommand', 'bulkhead/ruleDocs', 'bulkhead/checklist', 'bulkhead/noSuchRequest', 'textDocument/completion'];

/** One JSON-RPC message (as a value: sometimes not a valid one) the fuzzer sends. */
export function message(r: Rng, docs: Doc[], nextId: () => number): unknown {
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

export const frame = (body: Buffer, header?: string) => Buffer.concat([Buffer.from(header ?? `Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body]);

/** Bytes for one message, well framed or not. */
export function bytesFor(r: Rng, msg: unknown): Buffer {
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

export interface Oracle {
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
export function oracle(all: Buffer): Oracle {
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
