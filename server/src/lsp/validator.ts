import type { Connection, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** What one analysis of a document gives the validator. */
export interface Outcome {
  /** The diagnostics to publish; null when the document is not analysed (its diagnostics are cleared). */
  diagnostics: Diagnostic[] | null;
  /** The text does not parse (a half-typed edit, most of the time). */
  syntaxError: boolean;
}

/**
 * Publishes diagnostics. Once the connection has closed (the client went away, or a broken frame
 * ended the stream) there is no one to tell: a publish still scheduled then is dropped, instead of
 * failing in whatever handler or timer sent it.
 */
export async function publishDiagnostics(connection: Pick<Connection, 'sendDiagnostics'>, params: PublishDiagnosticsParams): Promise<void> {
  try {
    await connection.sendDiagnostics(params);
  } catch {
    // Closed or disposed: nothing to do.
  }
}

/**
 * Schedules analysis of open documents and publishes the result. Each change restarts the
 * document's debounce timer; when it fires, the document's *current* text is analysed and
 * published with its version, so a result can never describe text that has since changed.
 * A closed document's diagnostics are cleared and any pending run is cancelled.
 *
 * Typing stays calm: when an edit turns a document that showed its findings into one that does not
 * parse (a YAML line half-typed), the last good findings stay on screen and the syntax error is
 * published only once the user pauses (`syntaxErrorDelayMs` after the last change). A document
 * that already shows a syntax error, or is just opened, gets its result at once.
 */
export class Validator {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** What each document shows: its last publish was a syntax error, or findings. */
  private readonly shown = new Map<string, 'syntax' | 'findings'>();

  constructor(
    private readonly connection: Connection,
    private readonly get: (uri: string) => TextDocument | undefined,
    private readonly analyse: (doc: TextDocument) => Promise<Outcome>,
    private debounceMs: number,
    private syntaxErrorDelayMs: number,
  ) {}

  setDebounce(ms: number): void {
    this.debounceMs = Math.max(0, ms);
  }

  setSyntaxErrorDelay(ms: number): void {
    this.syntaxErrorDelayMs = Math.max(0, ms);
  }

  /** `immediate`: the document was opened or its configuration changed (not typed in): analyse and publish now. */
  schedule(uri: string, immediate = false): void {
    this.cancel(uri);
    const delay = immediate ? 0 : this.debounceMs;
    if (delay === 0) {
      void this.run(uri, immediate);
      return;
    }
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.run(uri, false);
      }, delay),
    );
  }

  scheduleAll(uris: Iterable<string>): void {
    for (const uri of uris) this.schedule(uri, true);
  }

  close(uri: string): void {
    this.cancel(uri);
    if (this.shown.delete(uri)) void publishDiagnostics(this.connection, { uri, diagnostics: [] });
  }

  private cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(uri);
  }

  private async run(uri: string, immediate: boolean): Promise<void> {
    const doc = this.get(uri);
    if (!doc) return;
    const version = doc.version;
    const outcome = await this.analyse(doc);
    // Drop the result if the document changed or closed while it was computed.
    if (!this.current(uri, version)) return;
    if (outcome.diagnostics === null) {
      if (this.shown.delete(uri)) await publishDiagnostics(this.connection, { uri, diagnostics: [] });
      return;
    }
    if (outcome.syntaxError && !immediate && this.shown.get(uri) === 'findings') {
      // Half-typed: keep the findings on screen; a later change cancels this (schedule → cancel).
      const wait = Math.max(0, this.syntaxErrorDelayMs - this.debounceMs);
      this.cancel(uri);
      this.timers.set(
        uri,
        setTimeout(() => {
          this.timers.delete(uri);
          if (this.current(uri, version)) void this.publish(uri, version, outcome);
        }, wait),
      );
      return;
    }
    await this.publish(uri, version, outcome);
  }

  private current(uri: string, version: number): boolean {
    return this.get(uri)?.version === version;
  }

  private async publish(uri: string, version: number, outcome: Outcome): Promise<void> {
    this.shown.set(uri, outcome.syntaxError ? 'syntax' : 'findings');
    await publishDiagnostics(this.connection, { uri, version, diagnostics: outcome.diagnostics ?? [] });
  }
}
