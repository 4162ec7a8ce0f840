import { SetTraceNotification, Trace, type Connection } from 'vscode-languageserver';
import type { ConfigProblem } from '../engine/config-file';
import { VERSION } from '../shared/version';

/**
 * What the language server writes to the client's log (VS Code's "Bulkhead" output channel, any
 * other editor's LSP log), through `window/logMessage`:
 * - once started: the version and the runtime;
 * - each configuration file the analysis finds, when first found and after it changes, with its
 *   problems (one warning line each, `path:line:column: message`);
 * - errors (a rule that threw, with its stack; files the client could not read);
 * - at `bulkhead.trace.server: verbose` only, the time each analysis took, and the startup times
 *   (code loaded, `initialize` answered, first diagnostics; ms since the process started). VS Code's language client
 *   sends the setting through `$/setTrace` only while the output channel's log level is Trace (and
 *   then logs every message too), so the server also follows the setting itself, from the
 *   `bulkhead` settings the client pushes (`workspace/didChangeConfiguration`, at start and on each
 *   change): the setting alone turns the timings on.
 * The rest of the server calls these methods and never writes to `connection.console` itself.
 */

export type TraceLevel = 'off' | 'messages' | 'verbose';

/** The part of `connection.console` the log writes to. */
export interface LogConsole {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
}

/** A configuration file as the analysis loaded it. */
export interface LoggedConfig {
  path: string;
  text: string;
  problems: readonly ConfigProblem[];
}

/** `Node.js 20.19.0, linux` in the Node server; `web worker` in the browser build. */
function runtime(): string {
  const p = (globalThis as { process?: { versions?: { node?: string }; platform?: string } }).process;
  return p?.versions?.node ? `Node.js ${p.versions.node}, ${p.platform}` : 'web worker';
}

function level(value: unknown): TraceLevel {
  return value === 'verbose' ? 'verbose' : value === 'messages' || value === 'compact' ? 'messages' : 'off';
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class ServerLog {
  /** From `initialize` and `$/setTrace`. */
  private trace: TraceLevel = 'off';
  /** `bulkhead.trace.server` as the client last pushed it. */
  private setting: TraceLevel = 'off';
  /** The text of each configuration file as last logged, by path. */
  private readonly configs = new Map<string, string>();
  /** Whether the first diagnostics were seen (their time is logged once). */
  private firstLogged = false;

  constructor(
    private readonly out: LogConsole,
    private readonly clock: () => number = now,
  ) {}

  /**
   * A log on a connection's console that follows `bulkhead.trace.server`: the client sends the
   * value in `initialize` (pass it to setTrace) and each change as `$/setTrace`. Handling that
   * notification here replaces the library's handler, so it is passed on to the library's tracer.
   */
  static on(connection: Connection): ServerLog {
    const log = new ServerLog(connection.console);
    connection.onNotification(SetTraceNotification.type, (params) => {
      log.setTrace(params.value);
      (connection.tracer as unknown as { trace: Trace }).trace = Trace.fromString(params.value);
    });
    return log;
  }

  setTrace(value: unknown): void {
    this.trace = level(value);
  }

  /**
   * Follows `bulkhead.trace.server` in the `settings` of a `workspace/didChangeConfiguration`
   * (VS Code's client sends `{ bulkhead: {...} }`); settings without a `bulkhead` section (`null`
   * from clients that expect a pull) leave the last value.
   */
  followSettings(settings: unknown): void {
    const bulkhead = (settings as { bulkhead?: { trace?: { server?: unknown } } } | null | undefined)?.bulkhead;
    if (typeof bulkhead === 'object' && bulkhead !== null) this.setting = level(bulkhead.trace?.server);
  }

  /** The more detailed of the two: the protocol's trace value and the setting. */
  get traceLevel(): TraceLevel {
    return this.trace === 'verbose' || this.setting === 'verbose' ? 'verbose' : this.trace === 'messages' || this.setting === 'messages' ? 'messages' : 'off';
  }

  started(): void {
    this.out.info(`Bulkhead language server ${VERSION} started (${runtime()}).`);
  }

  /** At the verbose trace level: when the server's code was loaded and `initialize` answered, in ms since its process (or worker) started. */
  startupTimes(times: { loadedMs?: number; initializedMs?: number }): void {
    if (this.traceLevel !== 'verbose' || times.initializedMs === undefined) return;
    const loaded = times.loadedMs !== undefined ? `code loaded at ${Math.round(times.loadedMs)} ms, ` : '';
    this.out.info(`Startup: ${loaded}initialized at ${Math.round(times.initializedMs)} ms after the server process started.`);
  }

  /** At the verbose trace level, once: when the first diagnostics were computed, in ms since the process started. */
  firstDiagnostics(atMs: number | undefined): void {
    if (this.firstLogged || atMs === undefined) return;
    this.firstLogged = true;
    if (this.traceLevel === 'verbose') this.out.info(`Startup: first diagnostics ${Math.round(atMs)} ms after the server process started.`);
  }

  /** Logs a configuration file the first time it is found and whenever its text changes. */
  configFile(file: LoggedConfig): void {
    if (this.configs.get(file.path) === file.text) return;
    this.configs.set(file.path, file.text);
    const n = file.problems.length;
    this.out.info(`Configuration file ${file.path}${n === 0 ? '' : `: ${n} problem${n === 1 ? '' : 's'}`}`);
    for (const p of file.problems) this.out.warn(`${file.path}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`);
  }

  error(message: string): void {
    this.out.error(message);
  }

  warn(message: string): void {
    this.out.warn(message);
  }

  /**
   * Wraps the analysis of one document: at the verbose trace level, logs how long it took and how
   * many diagnostics it gave (`null`: the document is not analysed). The result is the diagnostics,
   * or an object that holds them (`{ diagnostics }`).
   */
  timed<D extends { uri: string; version: number }, R extends readonly unknown[] | null | { diagnostics: readonly unknown[] | null }>(analyse: (doc: D) => Promise<R>): (doc: D) => Promise<R> {
    return async (doc) => {
      if (this.traceLevel !== 'verbose') return analyse(doc);
      const start = this.clock();
      const result = await analyse(doc);
      const ms = (this.clock() - start).toFixed(1);
      const list = result === null || Array.isArray(result) ? (result as readonly unknown[] | null) : (result as { diagnostics: readonly unknown[] | null }).diagnostics;
      const what = list === null ? 'not analysed' : `${list.length} diagnostic${list.length === 1 ? '' : 's'}`;
      this.out.info(`Analysed ${doc.uri} (version ${doc.version}) in ${ms} ms: ${what}`);
      return result;
    };
  }
}
