import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import type { Doc } from './inputs';
import { median, percentile } from './timing';

/**
 * Edit -> diagnostics latency over stdio, the way an editor sees it: each edit is sent as an
 * incremental didChange and timed until the server publishes diagnostics for the document again.
 * Edits alternately add and remove a space at the end of a line spread over the file, so the text
 * stays valid and every server has the same work to do.
 */

export interface ServerSpec {
  name: string;
  command: string[];
  initializationOptions?: unknown;
  languageId: string;
}

const ROOT = process.cwd();

export const SERVERS = {
  bulkhead: { name: 'Bulkhead', command: [process.execPath, join(ROOT, 'dist/server.js'), '--stdio'], initializationOptions: { debounceMs: 0 } },
  dockerfileLs: {
    name: 'dockerfile-language-server-nodejs',
    command: [process.execPath, join(ROOT, 'node_modules/dockerfile-language-server-nodejs/bin/docker-langserver'), '--stdio'],
  },
  composeLs: {
    name: '@microsoft/compose-language-service',
    command: [process.execPath, join(ROOT, 'node_modules/@microsoft/compose-language-service/bin/docker-compose-langserver'), '--stdio'],
    initializationOptions: { diagnosticDelay: 0 },
  },
};

export class Server {
  readonly child: ChildProcess;
  readonly conn: ProtocolConnection;
  private waiting: { uri: string; resolve: (p: PublishDiagnosticsParams) => void } | null = null;

  constructor(readonly spec: Omit<ServerSpec, 'languageId'>) {
    this.child = spawn(spec.command[0], spec.command.slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });
    this.conn = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      if (this.waiting && this.waiting.uri === p.uri) {
        const w = this.waiting;
        this.waiting = null;
        w.resolve(p);
      }
    });
    this.conn.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.listen();
  }

  async init(): Promise<void> {
    await this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      // As VS Code: diagnostics with versions, and file watchers registered by the server (a server
      // that reads files beside a document may then keep them until a watched file changes).
      capabilities: {
        textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { dynamicRegistration: false } },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
      },
      initializationOptions: this.spec.initializationOptions,
    });
    await this.conn.sendNotification(InitializedNotification.type, {});
  }

  nextPublish(uri: string, timeoutMs = 30_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.spec.name}: no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiting = { uri, resolve: (p) => (clearTimeout(timer), resolve(p)) };
    });
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    const published = this.nextPublish(uri);
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    await published;
  }

  /** Resident memory of the server process, from /proc. */
  rssBytes(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) * 1024;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification(ExitNotification.type);
    } catch {
      // gone already
    }
    this.conn.dispose();
    this.child.kill();
  }
}

export interface Latency {
  server: string;
  file: string;
  lines: number;
  edits: number;
  medianMs: number;
  p95Ms: number;
}

export async function editLatency(spec: ServerSpec, doc: Doc, edits = 200): Promise<Latency> {
  const server = new Server(spec);
  try {
    await server.init();
    const uri = `file:///bench/${doc.kind === 'compose' ? 'compose.yaml' : 'Dockerfile'}`;
    await server.open(uri, spec.languageId, doc.text);
    const lines = doc.text.split('\n');
    const candidates = lines.map((_, i) => i).filter((i) => lines[i].length > 0);
    const times: number[] = [];
    let version = 1;
    for (let e = 0; e < edits; e++) {
      const line = candidates[Math.floor(e / 2) * 7 % candidates.length];
      const len = lines[line].length;
      const change =
        e % 2 === 0
          ? { range: { start: { line, character: len }, end: { line, character: len } }, text: ' ' }
          : { range: { start: { line, character: len }, end: { line, character: len + 1 } }, text: '' };
      version++;
      const published = server.nextPublish(uri);
      const t = process.hrtime.bigint();
      await server.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
      await published;
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return { server: spec.name, file: doc.path, lines: lines.length, edits, medianMs: median(times), p95Ms: percentile(times, 95) };
  } finally {
    await server.stop();
  }
}

/** Resident memory of Bulkhead's server with `docs.length` documents open and analysed. */
export async function serverMemory(docs: Doc[], spec: Omit<ServerSpec, 'languageId'> = SERVERS.bulkhead): Promise<{ documents: number; rssBytes: number; baselineRssBytes: number }> {
  const server = new Server(spec);
  try {
    await server.init();
    await new Promise((r) => setTimeout(r, 200));
    const baselineRssBytes = server.rssBytes();
    let i = 0;
    for (const d of docs) {
      i++;
      await server.open(`file:///bench/${i}/${d.kind === 'compose' ? 'compose.yaml' : 'Dockerfile'}`, d.kind === 'compose' ? 'dockercompose' : 'dockerfile', d.text);
    }
    await new Promise((r) => setTimeout(r, 500));
    return { documents: docs.length, rssBytes: server.rssBytes(), baselineRssBytes };
  } finally {
    await server.stop();
  }
}
