import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { LogMessageNotification, type Message } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint } from '../../server/src/engine/lint';
import { StrictStreamReader } from '../../server/src/lsp/stream-reader';
import { TestClient } from '../helpers/lsp-client';

/**
 * The server checks what it is sent (issue 14, item 6): ranges and versions in document changes,
 * and the framing of every message on a byte stream. Nothing a client sends can make it stall,
 * grow without bound or apply a change to the wrong place.
 */

let client: TestClient | undefined;
afterEach(async () => {
  await client?.dispose();
  client = undefined;
});

const URI = 'file:///project/Dockerfile';
const TEXT = 'FROM alpine:3.20\nUSER root\n';

function logs(c: TestClient): string[] {
  const out: string[] = [];
  c.connection.onNotification(LogMessageNotification.type, (m) => {
    out.push(m.message);
  });
  return out;
}

/** `code line:col-line:col` of each diagnostic, sorted, to compare a publish with the engine's findings on a text. */
const shape = (diags: { code?: number | string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[]) =>
  diags.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();
const expected = (text: string) => shape(lint({ text, kind: 'dockerfile', uri: '/project/Dockerfile' }).map((f) => ({ code: f.ruleId, range: f.range })));

/** The lines the non-root-user finding is on (it names the last USER of the final stage). */
const userLines = (diags: { code?: string | number; range: { start: { line: number } } }[]) => diags.filter((d) => d.code === 'non-root-user').map((d) => d.range.start.line);

describe('document changes', () => {
  it('a range far past the end means the end of the document, and the next edit works normally', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    await client.open(URI, 'dockerfile', TEXT);
    const far = { line: 1_000_000_000, character: 5 };
    const a = await client.change(URI, [{ range: { start: far, end: far }, text: 'USER 0\n' }]);
    // Appended at the end: the last USER (the one non-root-user reports) is on line 2.
    expect(userLines(a!.diagnostics)).toEqual([2]);
    const b = await client.change(URI, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# top\n' }]);
    expect(userLines(b!.diagnostics)).toEqual([3]);
    expect(shape(b!.diagnostics)).toEqual(expected('# top\nFROM alpine:3.20\nUSER root\nUSER 0\n'));
  });

  it('a character past the end of its line means the end of that line', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    await client.open(URI, 'dockerfile', TEXT);
    // Replace from "USER " to far past the end of line 1 by "USER app": the line break stays.
    const p = await client.change(URI, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 9999 } }, text: 'USER app' }]);
    expect(userLines(p!.diagnostics)).toEqual([]);
    const q = await client.change(URI, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'USER root\n' }]);
    expect(userLines(q!.diagnostics)).toEqual([2]);
  });

  it('refuses a change with positions that are not non-negative integers, or a version that is not an integer; keeps the text', async () => {
    client = TestClient.inProcess();
    const logged = logs(client);
    await client.initialize();
    await client.open(URI, 'dockerfile', TEXT);
    const bad = [
      { range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' },
      { range: { start: { line: 0.5, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' },
      { range: { start: { line: 0, character: Number.NaN }, end: { line: 0, character: 0 } }, text: 'x' },
      { range: { start: { line: '0', character: 0 }, end: { line: 0, character: 0 } }, text: 'x' },
      { range: null, text: 'x' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 42 },
    ];
    let version = 1;
    for (const change of bad) {
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: ++version }, contentChanges: [change] });
    }
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 1.5 }, contentChanges: [{ text: 'FROM alpine:3.20\n' }] });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: ++version }, contentChanges: 'x' });
    await expect.poll(() => logged.filter((m) => m.startsWith('Refused a change to file:///project/Dockerfile')).length).toBe(bad.length + 1);
    expect(logged.filter((m) => m === 'Dropped a textDocument/didChange notification whose parameters do not have the shape LSP gives them.')).toHaveLength(1);
    // The text is still the original one: the next good change applies to it.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: ++version }, contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'RUN true\n' }] });
    await expect.poll(() => client!.published.filter((x) => x.uri === URI && x.version === version).length).toBe(1);
    expect(shape(client.published.at(-1)!.diagnostics)).toEqual(expected(`${TEXT}RUN true\n`));
  });

  it('a version that does not increase is applied (the text follows the client) and reported once', async () => {
    client = TestClient.inProcess();
    const logged = logs(client);
    await client.initialize();
    await client.open(URI, 'dockerfile', TEXT);
    for (const text of ['FROM alpine:3.20\nUSER app\n', 'FROM alpine:3.20\nUSER root\nUSER root\n']) {
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 1 }, contentChanges: [{ text }] });
    }
    await expect.poll(() => userLines(client!.published.at(-1)!.diagnostics)).toEqual([2]);
    expect(logged.filter((m) => m.includes('versions should increase'))).toEqual(['The client sent version 1 of file:///project/Dockerfile after version 1; versions should increase with every change.']);
  });

  it('many changes in one notification apply in order, each to the text the previous left', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    await client.open(URI, 'dockerfile', TEXT);
    let doc = TextDocument.create(URI, 'dockerfile', 1, TEXT);
    const changes = [
      { range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, text: 'USER root\n' },
      { range: { start: { line: 1, character: 5 }, end: { line: 1, character: 99 } }, text: 'app' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# a\n' },
    ];
    const p = await client.change(URI, changes);
    doc = TextDocument.update(doc, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'USER root\n' }, { range: { start: { line: 1, character: 5 }, end: { line: 1, character: 9 } }, text: 'app' }, changes[2]], 2);
    expect(doc.getText()).toBe('# a\nFROM alpine:3.20\nUSER app\nUSER root\n');
    expect(userLines(p!.diagnostics)).toEqual([3]);
  });
});

/** Feeds bytes to a reader and collects what it delivers, reports and whether it gave up. */
function readFrames(...chunks: (string | Buffer)[]): { messages: Message[]; invalid: string[]; fatal: string | null } {
  const input = new PassThrough();
  const out = { messages: [] as Message[], invalid: [] as string[], fatal: null as string | null };
  const reader = new StrictStreamReader(input, { onInvalidMessage: (r) => out.invalid.push(r), onFatal: (r) => (out.fatal = r) }, { maxHeaderBytes: 1024, maxContentBytes: 1 << 20 });
  reader.listen((m) => out.messages.push(m));
  for (const c of chunks) input.write(c);
  return out;
}
const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const PING = '{"jsonrpc":"2.0","method":"x"}';

describe('message frames', () => {
  it('reads frames split anywhere, with a Content-Type, and multi-byte UTF-8 bodies', () => {
    const body = '{"jsonrpc":"2.0","method":"x","params":{"t":"🐳 é"}}';
    const whole = `${frame(PING)}Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n${frame(body)}`;
    const bytes = Buffer.from(whole);
    const split = [...Array(bytes.length).keys()].map((i) => bytes.subarray(i, i + 1));
    const r = readFrames(...split);
    expect(r).toEqual({ messages: [JSON.parse(PING), JSON.parse(body)], invalid: [], fatal: null });
  });

  it('answers a body that is not a JSON-RPC object with a parse error and reads on', () => {
    const r = readFrames(frame('{"bad":,}'), frame('[1,2]'), frame(''), frame('null'), Buffer.concat([Buffer.from('Content-Length: 2\r\n\r\n'), Buffer.from([0xc3, 0x28])]), frame(PING));
    expect(r.messages).toEqual([JSON.parse(PING)]);
    expect(r.invalid).toHaveLength(5);
    expect(r.fatal).toBeNull();
  });

  for (const [name, bytes, reason] of [
    ['Content-Length: abc', 'Content-Length: abc\r\n\r\n{}', 'Content-Length is not a number of bytes: "abc"'],
    ['Content-Length: -1', 'Content-Length: -1\r\n\r\n{}', 'Content-Length is not a number of bytes: "-1"'],
    ['no Content-Length', 'Content-Type: application/json\r\n\r\n{}', 'a message header has no Content-Length'],
    ['two Content-Lengths', 'Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}', 'a message header gives two different Content-Length values'],
    ['a declared length over the limit', 'Content-Length: 999999999999999\r\n\r\n{', 'a message of 999999999999999 bytes is over the limit of 1048576 bytes'],
    ['a header line that is not Name: value', 'garbage\r\n\r\n', 'a message header line is not "Name: value": "garbage"'],
    ['a charset other than UTF-8', 'Content-Length: 2\r\nContent-Type: application/json; charset=utf-16\r\n\r\n{}', 'only UTF-8 messages are read, not "utf-16"'],
    ['a header line with no end', `Content-Length: 2${' '.repeat(2000)}`, 'a message header is longer than 1024 bytes'],
  ] as const) {
    it(`gives up with a message on ${name}, after delivering what came before`, () => {
      const r = readFrames(frame(PING), bytes, frame(PING));
      expect(r).toEqual({ messages: [JSON.parse(PING)], invalid: [], fatal: reason });
    });
  }

  it('a body shorter than declared swallows the start of the next frame, which then is not a header: it gives up', () => {
    const r = readFrames(`Content-Length: 5\r\n\r\n${PING}`, frame(PING));
    expect(r.messages).toEqual([]);
    expect(r.invalid).toHaveLength(1);
    expect(r.fatal).toMatch(/^a message header line is not "Name: value"/);
  });
});

const SERVER = new URL('../../dist/server.js', import.meta.url).pathname;

/** Starts `node dist/server.js --stdio`, writes `bytes`, and collects stdout, stderr and the exit code. */
async function stdioRun(bytes: (string | Buffer)[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin!.on('error', () => undefined);
  for (const b of bytes) child.stdin!.write(b);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return { code, stdout, stderr };
}

const INIT = frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));

describe.skipIf(!existsSync(SERVER))('the stdio server on malformed frames', () => {
  for (const [name, bytes] of [
    ['Content-Length: abc', ['Content-Length: abc\r\n\r\n{}']],
    ['Content-Length: -1', ['Content-Length: -1\r\n\r\n{}']],
    ['a frame without Content-Length', ['Content-Type: x\r\n\r\n{}']],
    ['a body shorter than declared', [`Content-Length: 3\r\n\r\n${PING}`, INIT]],
    ['a 50 MB header line', ['Content-Length: 1', Buffer.alloc(50 * 1024 * 1024, 0x20)]],
    ['a huge declared length', ['Content-Length: 99999999999999\r\n\r\n{']],
  ] as const) {
    it(`${name}: a parse error, and an exit with a message`, async () => {
      const r = await stdioRun([INIT, ...bytes]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^bulkhead-language-server: cannot read the client's messages any further: .+\. Exiting\.\n$/);
      // The parse error (id null) names the problem.
      expect(r.stdout).toMatch(/\{"jsonrpc":"2\.0","id":null,"error":\{"code":-32700,"message":"Bulkhead language server: .+; the server exits"\}\}/);
    }, 30_000);
  }

  it('a body that is not JSON: a parse error, and the server goes on answering', async () => {
    const shutdown = frame('{"jsonrpc":"2.0","id":2,"method":"shutdown"}');
    const exit = frame('{"jsonrpc":"2.0","method":"exit"}');
    const r = await stdioRun([INIT, frame('{"bad":,}'), shutdown, exit]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/"id":null,"error":\{"code":-32700,"message":"Bulkhead language server: the message is not valid UTF-8 JSON/);
    expect(r.stdout).toMatch(/\{"jsonrpc":"2\.0","id":2,"result":null\}/);
  }, 30_000);
});
