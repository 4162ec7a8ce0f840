import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createProtocolConnection,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint } from '../../server/src/engine/lint';
import { RULES } from '../../server/src/rules';
import { built } from '../helpers/bundle';
import { WAIT_MS } from '../helpers/hang-guard';
import { TestClient } from '../helpers/lsp-client';

/**
 * The language server stays up and truthful: a throwing rule costs only its own findings, rapid
 * edits never leave stale diagnostics, a document closed mid-analysis is cleared, bad requests get
 * LSP errors, and an oversized file gets one information diagnostic instead of analysis.
 */

const DOCKERFILE = 'file:///project/Dockerfile';
const TEXT = 'FROM python:3.12\nRUN apt-get update && apt-get install -y curl\nUSER root\n';

let client: TestClient | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await client?.dispose();
  client = undefined;
});

/** `code line:col-line:col` of each diagnostic, sorted, to compare a publish with the engine. */
const shape = (diags: { code?: number | string; range: PublishDiagnosticsParams['diagnostics'][number]['range'] }[]) =>
  diags.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();
const expected = (text: string) => shape(lint({ text, kind: 'dockerfile', uri: '/project/Dockerfile' }).map((f) => ({ code: f.ruleId, range: f.range })));

function logs(c: TestClient): { type: number; message: string }[] {
  const out: { type: number; message: string }[] = [];
  c.connection.onNotification(LogMessageNotification.type, (m) => {
    out.push(m);
  });
  return out;
}

/** The bundled server in its own process over stdio, with the diagnostics it publishes and its stderr so far. */
function bundledServer() {
  const child = spawn(process.execPath, [built('server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
  });
  conn.listen();
  return { child, conn, published, stderr: () => stderr };
}

describe('a rule that throws', () => {
  it('yields one logged internal error while every other finding is still published', async () => {
    const rule = RULES.find((r) => r.meta.id === 'non-root-user')!;
    vi.spyOn(rule, 'dockerfile').mockImplementation(() => {
      throw new Error('injected failure');
    });
    client = TestClient.inProcess();
    const logged = logs(client);
    await client.initialize();
    const p = await client.open(DOCKERFILE, 'dockerfile', TEXT);
    const others = expected(TEXT).filter((d) => !d.startsWith('non-root-user '));
    expect(others.length).toBeGreaterThan(3);
    expect(shape(p.diagnostics)).toEqual(others);
    const errors = logged.filter((m) => m.type === 1);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^Rule non-root-user failed on file:\/\/\/project\/Dockerfile: injected failure/);
  });
});

describe('rapid edits', () => {
  /** Sends 500 incremental edits without waiting; returns the text at every version (the client's copy). */
  async function burst(c: TestClient, uri: string): Promise<Map<number, string>> {
    let doc = TextDocument.create(uri, 'dockerfile', 1, TEXT);
    const texts = new Map([[1, TEXT]]);
    await c.open(uri, 'dockerfile', TEXT);
    const words = ['root', 'app ', '0   ', 'bin '];
    for (let i = 0; i < 500; i++) {
      // Alternate the USER word and grow or shrink a comment line, so findings and ranges change.
      const change =
        i % 2 === 0
          ? { range: { start: { line: 2, character: 5 }, end: { line: 2, character: doc.getText().split('\n')[2].length } }, text: words[(i / 2) % 4].trim() }
          : { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: i % 4 === 1 ? '# c\n' : '' };
      doc = TextDocument.update(doc, [change], doc.version + 1);
      texts.set(doc.version, doc.getText());
      c.change(uri, [change], false);
    }
    return texts;
  }

  for (const debounceMs of [0, 100]) {
    it(`500 edits (debounce ${debounceMs} ms) end with diagnostics for the final text, and no publish is stale`, async () => {
      client = TestClient.inProcess();
      await client.initialize({}, { debounceMs });
      const uri = `file:///project/d${debounceMs}/Dockerfile`;
      const texts = await burst(client, uri);
      const final = Math.max(...texts.keys());
      const last = await client.next(uri, (p) => p.version === final, WAIT_MS).catch(() => client!.published.filter((p) => p.uri === uri).at(-1));
      expect(last?.version).toBe(final);
      expect(shape(last!.diagnostics)).toEqual(expected(texts.get(final)!));
      // Every publish describes exactly the text of the version it names, in version order.
      const publishes = client.published.filter((p) => p.uri === uri);
      for (const p of publishes) expect(shape(p.diagnostics), `version ${p.version}`).toEqual(expected(texts.get(p.version!)!));
      const versions = publishes.map((p) => p.version!);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      // Nothing arrives after the final publish.
      await new Promise((r) => setTimeout(r, 300));
      expect(client.published.filter((p) => p.uri === uri).at(-1)?.version).toBe(final);
    });
  }
});

describe('a document closed while it is being analysed', () => {
  it('gets its diagnostics cleared, and the analysis in flight publishes nothing', async () => {
    client = TestClient.inProcess();
    let hold: (() => void) | undefined;
    let held = 0;
    client.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
      if (!hold) return params.items.map(() => ({}));
      held++;
      // Answer only when the test says so: the analysis waits for its settings meanwhile.
      return new Promise((resolve) => {
        const release = hold!;
        hold = () => {
          release();
          resolve(params.items.map(() => ({})));
        };
      });
    });
    await client.initialize({ workspace: { configuration: true } });
    const first = await client.open(DOCKERFILE, 'dockerfile', TEXT);
    expect(first.diagnostics.length).toBeGreaterThan(0);

    hold = () => undefined;
    // A settings change re-analyses the open document, which now waits for its settings.
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await vi.waitFor(() => expect(held).toBe(1), { timeout: WAIT_MS });
    const cleared = await client.close(DOCKERFILE);
    expect(cleared.diagnostics).toEqual([]);
    hold();
    await new Promise((r) => setTimeout(r, 300));
    const after = client.published.filter((p) => p.uri === DOCKERFILE);
    expect(after.at(-1)?.diagnostics).toEqual([]);
    expect(after.filter((p) => p.diagnostics.length > 0)).toHaveLength(1);
  });
});

/** Every request either answers or fails with an LSP error; none hangs and none takes the server down. */
async function settle(p: Promise<unknown>): Promise<string> {
  // A hang guard, not a speed check: an answer takes milliseconds, even on a loaded machine.
  const timeout = new Promise<string>((r) => setTimeout(() => r(`no answer within ${WAIT_MS / 1000} s`), WAIT_MS));
  return Promise.race([
    p.then(
      () => 'answered',
      (e) => (e instanceof ResponseError ? `LSP error ${e.code}` : `rejected: ${String(e)}`),
    ),
    timeout,
  ]);
}

const MALFORMED: [string, unknown][] = [
  ['textDocument/hover', {}],
  ['textDocument/hover', null],
  ['textDocument/hover', { textDocument: { uri: 5 }, position: 'x' }],
  ['textDocument/hover', { textDocument: { uri: DOCKERFILE }, position: { line: -1, character: 1e9 } }],
  ['textDocument/codeAction', { textDocument: { uri: DOCKERFILE }, range: null, context: null }],
  ['textDocument/codeAction', { textDocument: { uri: DOCKERFILE }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [{ source: 'bulkhead', code: 'x', data: 'not an object', range: null }] } }],
  ['workspace/executeCommand', { command: 5, arguments: 'x' }],
  ['workspace/executeCommand', { command: 'bulkhead.showRuleDocs', arguments: [{ not: 'an id' }] }],
  ['bulkhead/ruleDocs', null],
  ['bulkhead/ruleDocs', { id: ['x'] }],
  ['bulkhead/checklist', 'garbage'],
  ['bulkhead/checklist', { scope: 'workspace', uri: 42 }],
];

async function stillServing(c: TestClient, uri: string): Promise<void> {
  const p = await c.open(uri, 'dockerfile', 'FROM alpine:3.20\nUSER root\n');
  expect(p.diagnostics.some((d) => d.code === 'non-root-user')).toBe(true);
}

describe('unknown requests and malformed parameters', () => {
  it('get LSP errors or empty answers, not a crash (in process)', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    await client.open(DOCKERFILE, 'dockerfile', TEXT);
    expect(await settle(client.connection.sendRequest('bulkhead/noSuchRequest', {}))).toBe('LSP error -32601');
    for (const [method, params] of MALFORMED) expect(await settle(client.connection.sendRequest(method, params)), `${method} ${JSON.stringify(params)}`).toMatch(/^(answered|LSP error -32\d{3})$/);
    // Malformed notifications are dropped.
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: null });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///nowhere', version: 2 }, contentChanges: [{ text: 'x' }] });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///nowhere' } });
    await client.connection.sendNotification('bulkhead/noSuchNotification', { x: 1 });
    await stillServing(client, 'file:///project/after/Dockerfile');
  });

  it('get LSP errors, and garbage on the wire does not stop the bundled server (stdio)', async () => {
    const { child, conn, published, stderr } = bundledServer();
    try {
      await conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
      await conn.sendNotification('initialized', {});
      expect(await settle(conn.sendRequest('bulkhead/noSuchRequest', {}))).toBe('LSP error -32601');
      for (const [method, params] of MALFORMED) expect(await settle(conn.sendRequest(method, params)), method).toMatch(/^(answered|LSP error -32\d{3})$/);
      // A message that is not JSON, between two valid ones.
      child.stdin!.write('Content-Length: 9\r\n\r\n{"bad":,}');
      await new Promise((r) => setTimeout(r, 200));
      expect(child.exitCode, `the server exited: ${stderr()}`).toBeNull();
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/wire/Dockerfile', languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nUSER root\n' } });
      await vi.waitFor(() => expect(published.some((p) => p.uri === 'file:///tmp/wire/Dockerfile' && p.diagnostics.some((d) => d.code === 'non-root-user'))).toBe(true), { timeout: WAIT_MS });
    } finally {
      conn.dispose();
      child.kill();
    }
  });
});

describe('a Compose file nested thousands of levels deep', () => {
  it('gets its syntax error on every edit, and the bundled server stays up (it used to abort)', async () => {
    // Before the depth guard (parse/yaml-document.ts), yaml's recursion ran into the end of the stack
    // on each analysis, and V8 aborted the process on the first edit: a cloned repository could
    // take the server down. Its own process, as a crash is only seen from outside.
    const { child, conn, published, stderr } = bundledServer();
    const uri = 'file:///tmp/deep/compose.yaml';
    const text = (depth: number) => 'a: ' + '['.repeat(depth) + ']'.repeat(depth) + '\n';
    // Waits for the publish of `version`, and fails at once when the server process ends instead.
    const settled = (version: number) =>
      new Promise<void>((resolve, reject) => {
        const poll = setInterval(() => {
          if (published.some((p) => p.uri === uri && p.version === version)) resolve();
          else if (child.exitCode !== null || child.signalCode !== null) reject(new Error(`the server exited (${child.signalCode ?? child.exitCode}): ${stderr().slice(-300)}`));
          else return;
          clearInterval(poll);
        }, 5);
      });
    try {
      await conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
      await conn.sendNotification('initialized', {});
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockercompose', version: 1, text: text(3000) } });
      await settled(1);
      for (let version = 2; version <= 20; version++) {
        await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: text(3000 + version) }] });
        await settled(version);
      }
      const diagnostics = published.filter((p) => p.uri === uri).map((p) => p.diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`));
      expect(diagnostics).toHaveLength(20);
      // The root map is one level: the 128th bracket (column 3 + 127) is the 129th.
      for (const d of diagnostics) expect(d).toEqual(['syntax-error 0:130 YAML syntax error: nesting deeper than 128 levels']);
      expect(child.exitCode ?? child.signalCode).toBeNull();
    } finally {
      conn.dispose();
      child.kill();
    }
  });
});

describe('a file over the size limit', () => {
  it('gets one information diagnostic instead of analysis (default limit, 2,000,000 characters)', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    const text = 'FROM alpine:3.20\nUSER root\n' + '# padding padding padding padding\n'.repeat(60_000);
    expect(text.length).toBeGreaterThan(2_000_000);
    const p = await client.open(DOCKERFILE, 'dockerfile', text);
    expect(p.diagnostics.map((d) => [d.code, d.severity, d.source])).toEqual([['file-too-large', 3, 'bulkhead']]);
    expect(p.diagnostics[0].message).toBe(`This file was not analysed: it has ${text.length} characters, over the limit of 2000000`);
    expect(p.diagnostics[0].range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
  });

  it('follows the bulkhead.maxFileSize setting, and analyses the file again once it is small enough', async () => {
    client = TestClient.inProcess();
    client.connection.onRequest('workspace/configuration', () => [{ maxFileSize: 40 }]);
    await client.initialize({ workspace: { configuration: true } });
    const p = await client.open(DOCKERFILE, 'dockerfile', TEXT);
    expect(p.diagnostics.map((d) => d.code)).toEqual(['file-too-large']);
    const small = await client.change(DOCKERFILE, [{ text: 'FROM alpine:3.20\nUSER root\n' }]);
    expect(small!.diagnostics.map((d) => d.code)).toContain('non-root-user');
  });
});
