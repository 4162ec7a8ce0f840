import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';

/**
 * Schedules analysis of open documents and publishes the result. Each change restarts the
 * document's debounce timer; when it fires, the document's *current* text is analysed and
 * published with its version, so a result can never describe text that has since changed.
 * A closed document's diagnostics are cleared and any pending run is cancelled.
 */
export class Validator {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly get: (uri: string) => TextDocument | undefined,
    private readonly analyse: (doc: TextDocument) => Promise<Diagnostic[] | null>,
    private debounceMs: number,
  ) {}

  setDebounce(ms: number): void {
    this.debounceMs = Math.max(0, ms);
  }

  schedule(uri: string, immediate = false): void {
    this.cancel(uri);
    const delay = immediate ? 0 : this.debounceMs;
    if (delay === 0) {
      void this.run(uri);
      return;
    }
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.run(uri);
      }, delay),
    );
  }

  scheduleAll(uris: Iterable<string>): void {
    for (const uri of uris) this.schedule(uri, true);
  }

  close(uri: string): void {
    this.cancel(uri);
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(uri);
  }

  private async run(uri: string): Promise<void> {
    const doc = this.get(uri);
    if (!doc) return;
    const version = doc.version;
    const diagnostics = await this.analyse(doc);
    // Drop the result if the document changed or closed while it was computed.
    const now = this.get(uri);
    if (!now || now.version !== version) return;
    if (diagnostics === null) {
      if (this.published.delete(uri)) await this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    this.published.add(uri);
    await this.connection.sendDiagnostics({ uri, version, diagnostics });
  }
}
