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
import { WAIT_MS } from './hang-guard';

/** The parts of VS Code's client capabilities the server reads (besides `workspace/configuration`). */
export const VSCODE_LIKE: ClientCapabilities = {
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true } },
  workspace: { applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], snippetEditSupport: true } },
  window: { showDocument: { support: true } },
};

function mergeCapabilities<T>(a: T, b: T): T {
  if (typeof a !== 'object' || a === null || Array.isArray(a) || typeof b !== 'object' || b === null || Array.isArray(b)) return b === undefined ? a : b;
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = mergeCapabilities(out[k], v);
  return out as T;
}

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
    return TestClient.inProcessWithHost({ uriToPath: (u) => u.replace(/^file:\/\//, ''), pathToUri: (p) => `file://${p}`, readFile: () => undefined, ...host });
  }

  /** The server with exactly this host: without `readFile` it has no disk, as in the web worker. */
  static inProcessWithHost(host: ServerHost): TestClient {
    const up = new PassThrough();
    const down = new PassThrough();
    const server = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
    startServer(server, host);
    return new TestClient(createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up)));
  }

  static stdio(serverPath: string, env: NodeJS.ProcessEnv = process.env): TestClient {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env });
    return new TestClient(createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)), child);
  }

  /**
   * Initializes like VS Code's client does for what the server looks at (code action literals,
   * `documentChanges` with file creation), plus `capabilities`; `bare: true` sends `capabilities` alone.
   */
  async initialize(capabilities: ClientCapabilities = {}, initializationOptions: unknown = { debounceMs: 0 }, extra: Partial<InitializeParams> & { bare?: boolean } = {}): Promise<InitializeResult> {
    const { bare, ...rest } = extra;
    const caps = bare ? capabilities : mergeCapabilities(VSCODE_LIKE, capabilities);
    const result = await this.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: caps, initializationOptions, ...rest });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /**
   * Resolves with the next publish for `uri` that satisfies `pred` (already-received ones do not
   * count). The timeout is a hang guard, not a speed check: a publish takes milliseconds.
   */
  next(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = WAIT_MS): Promise<PublishDiagnosticsParams> {
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
