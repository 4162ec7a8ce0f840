/**
 * Bundle budget: the size of every shipped bundle (minified, as `npm run package` builds them) and
 * of the VSIX, and what activation costs outside VS Code, for the Node build and the browser build
 * against the same targets:
 *
 *   - client module: evaluating dist/extension.js / dist/browser/extension.js (with a stub `vscode`);
 *   - server ready: from starting the server (a Node process over stdio / the web worker bundle in a
 *     worker-like context) to its `initialize` answer;
 *   - first diagnostics: from `didOpen` of a Dockerfile to `publishDiagnostics`.
 *
 * Usage: node scripts/run-ts.mjs test/bench/bundle-size.ts [--json] [--check]
 *   --json   print the measurements as JSON (for the bench report)
 *   --check  exit 1 when a measurement misses its target
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { FakeWorker, WorkerRpc } from '../helpers/web-worker';

// run-ts.mjs runs a bundled copy from a temporary directory: the repository is the working directory.
const ROOT = process.cwd();
const KB = 1024;

/** The same targets for the Node and the browser build. */
export const TARGETS = {
  clientBytes: 600 * KB,
  serverBytes: 1000 * KB,
  vsixBytes: 1024 * KB,
  clientModuleMs: 250,
  serverReadyMs: 1000,
  firstDiagnosticsMs: 1000,
};

interface Measure {
  name: string;
  value: number;
  unit: 'bytes' | 'ms';
  target: number;
}

const DOCKERFILE = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER root\nCMD ["python", "app.py"]\n';

/** A `vscode` module that accepts anything (classes to extend, functions to call) for loading a client bundle. */
function vscodeStub(): unknown {
  const cache = new Map<string, unknown>();
  const make = (path: string): unknown => {
    if (cache.has(path)) return cache.get(path);
    const target = function stub() {};
    const proxy: unknown = new Proxy(target, {
      get: (t, p) => (p === 'prototype' ? t.prototype : p === Symbol.toPrimitive ? () => path : typeof p === 'symbol' ? undefined : make(`${path}.${p}`)),
      apply: () => make(`${path}()`),
      construct: () => ({}),
    });
    cache.set(path, proxy);
    return proxy;
  };
  return make('vscode');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Evaluates a CommonJS client bundle as an extension host does (module, exports, require). */
function loadClient(file: string, browser: boolean): number {
  const source = readFileSync(file, 'utf8');
  const nodeRequire = createRequire(file);
  const t = performance.now();
  const fn = new Function('module', 'exports', 'require', source) as (m: unknown, e: unknown, r: (id: string) => unknown) => void;
  const module = { exports: {} };
  fn(module, module.exports, (id) => {
    if (id === 'vscode') return vscodeStub();
    if (browser) throw new Error(`the browser client requires "${id}"`);
    return nodeRequire(id);
  });
  return performance.now() - t;
}

async function browserServer(file: string): Promise<{ ready: number; diagnostics: number }> {
  const t0 = performance.now();
  const worker = new FakeWorker(file);
  const rpc = new WorkerRpc(worker, { 'bulkhead/readFiles': (p) => ({ texts: (p as { uris: string[] }).uris.map(() => null) }) });
  try {
    await rpc.request('initialize', { processId: null, rootUri: 'memfs:/ws', capabilities: {}, initializationOptions: { debounceMs: 0, clientFiles: true } });
    const ready = performance.now() - t0;
    rpc.notify('initialized', {});
    const t1 = performance.now();
    const published = rpc.next('textDocument/publishDiagnostics');
    rpc.notify('textDocument/didOpen', { textDocument: { uri: 'memfs:/ws/Dockerfile', languageId: 'dockerfile', version: 1, text: DOCKERFILE } });
    await published;
    return { ready, diagnostics: performance.now() - t1 };
  } finally {
    worker.terminate();
  }
}

/** The Node server over stdio, framed by hand (Content-Length headers). */
async function nodeServer(file: string): Promise<{ ready: number; diagnostics: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [file, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  let buffer = Buffer.alloc(0);
  const waiting: ((m: { id?: number; method?: string }) => boolean)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const header = buffer.indexOf('\r\n\r\n');
      if (header < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString())?.[1]);
      if (buffer.length < header + 4 + length) return;
      const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString());
      buffer = buffer.subarray(header + 4 + length);
      for (const w of [...waiting]) if (w(message)) waiting.splice(waiting.indexOf(w), 1);
    }
  });
  const send = (m: unknown) => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...(m as object) });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const until = (pred: (m: { id?: number; method?: string }) => boolean) => new Promise<void>((r) => waiting.push((m) => (pred(m) ? (r(), true) : false)));
  try {
    const init = until((m) => m.id === 1);
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } } });
    await init;
    const ready = performance.now() - t0;
    send({ method: 'initialized', params: {} });
    const t1 = performance.now();
    const published = until((m) => m.method === 'textDocument/publishDiagnostics');
    send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///ws/Dockerfile', languageId: 'dockerfile', version: 1, text: DOCKERFILE } } });
    await published;
    return { ready, diagnostics: performance.now() - t1 };
  } finally {
    child.kill();
  }
}

async function main(): Promise<number> {
  const json = process.argv.includes('--json');
  const check = process.argv.includes('--check');
  const out = mkdtempSync(join(tmpdir(), 'bulkhead-bench-'));
  try {
    const b = spawnSync(process.execPath, ['scripts/build.mjs', '--minify', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`the minified build failed:\n${b.stderr}`);
    const measures: Measure[] = [];
    const size = (name: string, rel: string, target: number) => {
      const bytes = readFileSync(join(out, rel));
      measures.push({ name: `${name} (${rel})`, value: bytes.length, unit: 'bytes', target });
      measures.push({ name: `${name} gzip`, value: gzipSync(bytes).length, unit: 'bytes', target: Math.round(target / 3) });
    };
    size('node client', 'extension.js', TARGETS.clientBytes);
    size('node server', 'server.js', TARGETS.serverBytes);
    size('browser client', 'browser/extension.js', TARGETS.clientBytes);
    size('browser server', 'browser/server.js', TARGETS.serverBytes);
    const vsix = join(ROOT, 'bulkhead-0.1.0.vsix');
    if (existsSync(vsix)) measures.push({ name: 'VSIX (last npm run package)', value: statSync(vsix).size, unit: 'bytes', target: TARGETS.vsixBytes });

    const runs = 5;
    for (const [host, browser] of [['node', false], ['browser', true]] as const) {
      const client = join(out, browser ? 'browser/extension.js' : 'extension.js');
      measures.push({ name: `${host} client module`, value: median(Array.from({ length: runs }, () => loadClient(client, browser))), unit: 'ms', target: TARGETS.clientModuleMs });
      const server = join(out, browser ? 'browser/server.js' : 'server.js');
      const samples: { ready: number; diagnostics: number }[] = [];
      for (let i = 0; i < runs; i++) samples.push(browser ? await browserServer(server) : await nodeServer(server));
      measures.push({ name: `${host} server ready`, value: median(samples.map((s) => s.ready)), unit: 'ms', target: TARGETS.serverReadyMs });
      measures.push({ name: `${host} first diagnostics`, value: median(samples.map((s) => s.diagnostics)), unit: 'ms', target: TARGETS.firstDiagnosticsMs });
    }

    const missed = measures.filter((m) => m.value > m.target);
    if (json) console.log(JSON.stringify({ measures, targets: TARGETS, missed: missed.map((m) => m.name) }, null, 2));
    else {
      const fmt = (m: Measure, v: number) => (m.unit === 'bytes' ? `${(v / KB).toFixed(1)} KiB` : `${v.toFixed(1)} ms`);
      console.log('bundle budget (minified, as packaged; times are medians of 5, outside VS Code)');
      for (const m of measures) console.log(`  ${m.value > m.target ? '✖' : '✔'} ${m.name.padEnd(44)} ${fmt(m, m.value).padStart(12)}   target ≤ ${fmt(m, m.target)}`);
      console.log(`bench: ${measures.length - missed.length} passed, ${missed.length} failed`);
    }
    return check && missed.length > 0 ? 1 : 0;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
