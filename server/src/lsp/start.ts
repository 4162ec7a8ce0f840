import { TextDocuments, TextDocumentSyncKind, type Connection, type Diagnostic, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { kindFromLanguageId, kindFromName } from '../engine/file-kinds';
import { lintDetailed } from '../engine/lint';
import type { RelatedFiles } from '../engine/types';
import { toDiagnostic } from './diagnostics';
import { SettingsCache, toLintConfig } from './settings';
import { Validator } from './validator';

/** What differs between the Node and the browser server: how a URI maps to a path and how related files are read. */
export interface ServerHost {
  uriToPath(uri: string): string;
  readFile(path: string): string | undefined;
}

export const SERVER_VERSION = '0.1.0';
const DEFAULT_DEBOUNCE_MS = 100;

/** Wires every LSP feature onto a connection. The entry points only create the connection. */
export function startServer(connection: Connection, host: ServerHost): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsCache(connection);
  const related = (): RelatedFiles => ({
    read: (path) => {
      const open = documents.all().find((d) => host.uriToPath(d.uri) === path);
      return open ? open.getText() : host.readFile(path);
    },
  });

  const analyse = async (doc: TextDocument): Promise<Diagnostic[] | null> => {
    const path = host.uriToPath(doc.uri);
    const text = doc.getText();
    const kind = kindFromLanguageId(doc.languageId, path, text) ?? kindFromName(path);
    if (!kind) return null;
    const s = await settings.get(doc.uri);
    if (!s.enable) return null;
    if (text.length > s.maxFileSize) {
      return [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: Math.min(1, text.length) } },
          severity: 3,
          source: 'bulkhead',
          code: 'file-too-large',
          message: `Bulkhead skipped this file: ${text.length} characters is over the ${s.maxFileSize} limit (setting bulkhead.maxFileSize)`,
        },
      ];
    }
    const result = lintDetailed({ text, kind, uri: path, related: related() }, toLintConfig(s));
    for (const e of result.internalErrors) {
      connection.console.error(`Rule ${e.ruleId} failed on ${doc.uri}: ${e.message}${e.stack ? `\n${e.stack}` : ''}`);
    }
    return result.findings.map(toDiagnostic);
  };

  const validator = new Validator(connection, (uri) => documents.get(uri), analyse, DEFAULT_DEBOUNCE_MS);

  connection.onInitialize((params): InitializeResult => {
    const opts = (params.initializationOptions ?? {}) as { debounceMs?: unknown };
    if (typeof opts.debounceMs === 'number') validator.setDebounce(opts.debounceMs);
    settings.supported = params.capabilities.workspace?.configuration === true;
    return {
      capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } },
      serverInfo: { name: 'bulkhead', version: SERVER_VERSION },
    };
  });

  connection.onDidChangeConfiguration(() => {
    settings.forget();
    validator.scheduleAll(documents.keys());
  });

  documents.onDidOpen((e) => validator.schedule(e.document.uri, true));
  documents.onDidChangeContent((e) => validator.schedule(e.document.uri));
  documents.onDidClose((e) => {
    settings.forget(e.document.uri);
    validator.close(e.document.uri);
  });

  documents.listen(connection);
  connection.listen();
}
