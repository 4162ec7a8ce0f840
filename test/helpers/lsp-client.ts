import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeParams,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { startServer, type ServerHost } from '../../server/src/lsp/start';

/**
 * A minimal LSP client for tests: talks to the real server over a real JSON-RPC connection, either
 * in-process over streams or to `node dist/server.js --stdio`, and collects published diagnostics.
 */
export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiters: { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private versions = new Map<string, number>();

  constructor(
    readonly connection: ProtocolConnection,
    private readonly child?: ChildProcess,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.pred(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    connection.listen();
  }

  static inProcess(host: Partial<ServerHost> = {}): TestClient {
    const up = new PassThrough();
    const down = new PassThrough();
    const server = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
    startServer(server, { uriToPath: (u) => u.replace(/^file:\/\//, ''), pathToUri: (p) => `file://${p}`, readFile: () => undefined, ...host });
    return new TestClient(createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up)));
  }

  static stdio(serverPath: string): TestClient {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    return new TestClient(createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)), child);
  }

  async initialize(capabilities: ClientCapabilities = {}, initializationOptions: unknown = { debounceMs: 0 }, extra: Partial<InitializeParams> = {}): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities, initializationOptions, ...extra });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Resolves with the next publish for `uri` that satisfies `pred` (already-received ones do not count). */
  next(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 5000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ uri, pred, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  open(uri: string, languageId: string, text: string): Promise<PublishDiagnosticsParams> {
    const waiting = this.next(uri, (p) => p.version === 1 || p.version === undefined);
    this.versions.set(uri, 1);
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return waiting;
  }

  change(uri: string, changes: TextDocumentContentChangeEvent[], wait = true): Promise<PublishDiagnosticsParams> | undefined {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const waiting = wait ? this.next(uri, (p) => p.version === version) : undefined;
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return waiting;
  }

  close(uri: string): Promise<PublishDiagnosticsParams> {
    const waiting = this.next(uri, (p) => p.diagnostics.length === 0);
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    return waiting;
  }

  async dispose(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 1000))]);
      // The Node server exits its process on `exit`: only send it to a child process, never in process.
      if (this.child) await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    this.child?.kill();
  }
}
