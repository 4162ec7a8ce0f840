import { readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import { WAIT_MS } from './hang-guard';

/**
 * Runs a browser bundle (dist/browser/server.js) the way a web worker does: in a fresh V8 context
 * with the globals a dedicated worker has (self, postMessage, timers, TextEncoder/TextDecoder,
 * console, URL) and none of Node's (process, require, Buffer, global). Messages cross as
 * structured objects, as with `postMessage`. A bundle that reaches for a Node global fails here
 * as it would in the browser.
 */
export class FakeWorker {
  private readonly fromWorker: ((data: unknown) => void)[] = [];
  private readonly scope: Record<string, unknown>;
  private readonly context: ReturnType<typeof createContext>;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(scriptPath: string) {
    const listeners: ((e: { data: unknown }) => void)[] = [];
    const self: Record<string, unknown> = {
      postMessage: (data: unknown) => {
        const copy = structuredClone(data);
        queueMicrotask(() => this.fromWorker.forEach((f) => f(copy)));
      },
      addEventListener: (type: string, fn: (e: { data: unknown }) => void) => type === 'message' && listeners.push(fn),
      removeEventListener: () => undefined,
      onmessage: null,
      close: () => undefined,
    };
    const track = <T extends ReturnType<typeof setTimeout>>(t: T) => (this.timers.add(t), t);
    this.scope = {
      self,
      console,
      TextEncoder,
      TextDecoder,
      URL,
      queueMicrotask,
      structuredClone,
      setTimeout: (fn: () => void, ms?: number) => track(setTimeout(fn, ms)),
      clearTimeout: (t: ReturnType<typeof setTimeout>) => (this.timers.delete(t), clearTimeout(t)),
      setInterval: (fn: () => void, ms?: number) => track(setInterval(fn, ms)),
      clearInterval: (t: ReturnType<typeof setInterval>) => (this.timers.delete(t), clearInterval(t)),
    };
    self.self = self;
    const context = (this.context = createContext(this.scope));
    // The worker's global object is `self`: expose its members as globals too.
    for (const k of ['postMessage', 'addEventListener', 'removeEventListener']) context[k] = self[k];
    runInContext(readFileSync(scriptPath, 'utf8'), context, { filename: scriptPath });
    this.deliver = (data) => {
      const event = { data: structuredClone(data) };
      const onmessage = self.onmessage as ((e: { data: unknown }) => void) | null;
      if (onmessage) onmessage(event);
      listeners.forEach((f) => f(event));
    };
  }

  /** The worker's `onmessage`: what the client posts. */
  readonly deliver: (data: unknown) => void;

  onMessage(fn: (data: unknown) => void): void {
    this.fromWorker.push(fn);
  }

  /** Which Node globals the bundle's context can see (none, for a faithful worker). */
  nodeGlobals(): string[] {
    return ['process', 'require', 'Buffer', 'global', 'module', '__dirname'].filter((g) => runInContext(`typeof ${g} !== 'undefined'`, this.context));
  }

  terminate(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

interface RpcMessage {
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}

/** A JSON-RPC client over a FakeWorker, answering the server's requests with `handlers`. */
export class WorkerRpc {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly notifications: { method: string; params: unknown }[] = [];
  private readonly waiters: { method: string; pred: (p: unknown) => boolean; resolve: (p: unknown) => void }[] = [];

  constructor(
    readonly worker: FakeWorker,
    private readonly handlers: Record<string, (params: unknown) => unknown> = {},
  ) {
    worker.onMessage((raw) => void this.receive(raw as RpcMessage));
  }

  private async receive(m: RpcMessage): Promise<void> {
    if (m.method !== undefined && m.id !== undefined) {
      const h = this.handlers[m.method];
      const result = h ? await h(m.params) : null;
      this.worker.deliver({ jsonrpc: '2.0', id: m.id, result: result ?? null });
    } else if (m.method !== undefined) {
      this.notifications.push({ method: m.method, params: m.params });
      for (const w of [...this.waiters]) {
        if (w.method === m.method && w.pred(m.params)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(m.params);
        }
      }
    } else if (typeof m.id === 'number') {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) p?.reject(new Error(m.error.message));
      else p?.resolve(m.result);
    }
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.deliver({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.worker.deliver({ jsonrpc: '2.0', method, params });
  }

  /** The next notification `method` whose params satisfy `pred`. */
  next<T>(method: string, pred: (p: T) => boolean = () => true, timeoutMs = WAIT_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ method, pred: pred as (p: unknown) => boolean, resolve: (p) => (clearTimeout(timer), resolve(p as T)) });
    });
  }
}
