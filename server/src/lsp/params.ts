import type { ClientCapabilities, Connection, Position, Range } from 'vscode-languageserver';

/**
 * Checks on what a client sends, before a handler reads it: LSP types the messages, but a client is
 * a program that can send anything. Each check says whether a value has the shape the handler
 * reads; handlers drop (and log) what does not, instead of failing halfway with a TypeError.
 */

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
export const isUinteger = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
export const isPosition = (x: unknown): x is Position => isObject(x) && isUinteger(x.line) && isUinteger(x.character);
export const isRange = (x: unknown): x is Range => isObject(x) && isPosition(x.start) && isPosition(x.end);
export const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

const at = (x: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), x);
const bool = (x: unknown) => (x === true ? true : undefined);
const strings = (x: unknown) => (isStringArray(x) ? x : undefined);

/** The client capabilities the server reads, each kept only when it has the type LSP gives it. */
export function readCapabilities(raw: unknown): ClientCapabilities {
  const literal = at(raw, 'textDocument', 'codeAction', 'codeActionLiteralSupport');
  const resolveProps = strings(at(raw, 'textDocument', 'codeAction', 'resolveSupport', 'properties'));
  const contentFormat = strings(at(raw, 'textDocument', 'hover', 'contentFormat'));
  const resourceOperations = strings(at(raw, 'workspace', 'workspaceEdit', 'resourceOperations'));
  return {
    textDocument: {
      codeAction: {
        ...(isObject(literal) ? { codeActionLiteralSupport: { codeActionKind: { valueSet: strings(at(literal, 'codeActionKind', 'valueSet')) ?? [] } } } : {}),
        ...(resolveProps ? { resolveSupport: { properties: resolveProps } } : {}),
      },
      ...(contentFormat ? { hover: { contentFormat: contentFormat as ('markdown' | 'plaintext')[] } } : {}),
    },
    workspace: {
      configuration: bool(at(raw, 'workspace', 'configuration')),
      workspaceFolders: bool(at(raw, 'workspace', 'workspaceFolders')),
      // Whether the server may register file watchers (file-watch.ts), so it can keep what it read from a disk.
      didChangeWatchedFiles: { dynamicRegistration: bool(at(raw, 'workspace', 'didChangeWatchedFiles', 'dynamicRegistration')) },
      workspaceEdit: {
        documentChanges: bool(at(raw, 'workspace', 'workspaceEdit', 'documentChanges')),
        snippetEditSupport: bool(at(raw, 'workspace', 'workspaceEdit', 'snippetEditSupport')),
        ...(resourceOperations ? { resourceOperations: resourceOperations as ('create' | 'rename' | 'delete')[] } : {}),
      },
    },
    window: { showDocument: { support: at(raw, 'window', 'showDocument', 'support') === true } },
  };
}

/**
 * The connection `TextDocuments.listen` registers on, with each text-document notification checked
 * first: `didOpen` needs a `textDocument` with string `uri`, `languageId` and `text` and a numeric
 * `version`; `didChange` a `textDocument` with a string `uri` and a numeric `version`, and an array
 * of changes (each change is checked by documents.ts); `didClose` and the save notifications a
 * `textDocument` with a string `uri`. Others are dropped with a message in the log.
 */
export function checkedDocumentEvents(connection: Connection, log: (message: string) => void): Connection {
  const drop = (method: string) => log(`Dropped a ${method} notification whose parameters do not have the shape LSP gives them.`);
  const doc = (p: unknown) => (isObject(p) && isObject(p.textDocument) ? p.textDocument : null);
  const guard = <P>(method: string, ok: (p: unknown) => boolean, register: (h: (p: P) => void) => unknown) => (handler: (p: P) => void) =>
    register((p: P) => {
      if (ok(p)) handler(p);
      else drop(method);
    });
  return new Proxy(connection, {
    get(target, prop, receiver) {
      switch (prop) {
        case 'onDidOpenTextDocument':
          return guard('textDocument/didOpen', (p) => {
            const d = doc(p);
            return !!d && typeof d.uri === 'string' && typeof d.languageId === 'string' && typeof d.text === 'string' && typeof d.version === 'number';
          }, (h) => target.onDidOpenTextDocument(h));
        case 'onDidChangeTextDocument':
          return guard('textDocument/didChange', (p) => typeof doc(p)?.uri === 'string' && typeof doc(p)?.version === 'number' && Array.isArray((p as { contentChanges?: unknown }).contentChanges), (h) => target.onDidChangeTextDocument(h));
        case 'onDidCloseTextDocument':
          return guard('textDocument/didClose', (p) => typeof doc(p)?.uri === 'string', (h) => target.onDidCloseTextDocument(h));
        case 'onDidSaveTextDocument':
          return guard('textDocument/didSave', (p) => typeof doc(p)?.uri === 'string', (h) => target.onDidSaveTextDocument(h));
        case 'onWillSaveTextDocument':
          return guard('textDocument/willSave', (p) => typeof doc(p)?.uri === 'string', (h) => target.onWillSaveTextDocument(h));
        case 'onWillSaveTextDocumentWaitUntil':
          return (handler: Parameters<Connection['onWillSaveTextDocumentWaitUntil']>[0]) =>
            target.onWillSaveTextDocumentWaitUntil((p, token) => {
              if (typeof doc(p)?.uri === 'string') return handler(p, token);
              drop('textDocument/willSaveWaitUntil');
              return [];
            });
        default: {
          const v = Reflect.get(target, prop, receiver) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        }
      }
    },
    set(target, prop, value) {
      return Reflect.set(target, prop, value);
    },
  });
}
