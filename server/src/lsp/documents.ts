import { TextDocuments, type TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * The open documents, kept in sync from `didOpen`/`didChange`/`didClose` as `TextDocuments` does,
 * but checking what the client sends first (a client is a program too, and a buggy or hostile one
 * must not stop the server):
 *
 * - a position's `line` and `character` must be non-negative integers (LSP `uinteger`); a line past
 *   the end of the document means the end of the document, and a character past the end of its line
 *   means the end of that line (LSP: "defaults back to the line length"). Without this, a range at
 *   line 1e9 makes the line table grow to a billion entries on the next edit;
 * - a version must be an integer; a change whose version does not increase is applied (the text
 *   must follow the client's) and reported once per document, since edits and diagnostics that
 *   carry versions then cannot tell old text from new;
 * - text must be a string.
 *
 * A change that breaks these rules is refused as a whole, with a message in the log; the document
 * keeps its last good text (and its version).
 */

export class InvalidChange extends Error {}

const isUinteger = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

function checkPosition(p: unknown, what: string): { line: number; character: number } {
  const pos = p as { line?: unknown; character?: unknown } | null;
  if (typeof pos !== 'object' || pos === null || !isUinteger(pos.line) || !isUinteger(pos.character)) {
    throw new InvalidChange(`${what} is not a position with non-negative integer line and character: ${preview(p)}`);
  }
  return { line: pos.line, character: pos.character };
}

function preview(x: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(x) ?? String(x);
  } catch {
    s = String(x);
  }
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}

/** The position itself, or the nearest one inside the document (end of line, end of document). */
export function clampPosition(doc: TextDocument, p: { line: number; character: number }): { line: number; character: number } {
  const last = doc.lineCount - 1;
  if (p.line > last) return doc.positionAt(doc.getText().length);
  const start = doc.offsetAt({ line: p.line, character: 0 });
  const text = doc.getText();
  let end = p.line < last ? doc.offsetAt({ line: p.line + 1, character: 0 }) : text.length;
  if (end > start && text.charCodeAt(end - 1) === 10) end--;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return { line: p.line, character: Math.min(p.character, end - start) };
}

/** The changes as `TextDocument.update` can take them safely, or an `InvalidChange`. */
export function checkChanges(doc: TextDocument, changes: unknown): TextDocumentContentChangeEvent[] {
  if (!Array.isArray(changes)) throw new InvalidChange(`contentChanges is not an array: ${preview(changes)}`);
  // Each change applies to the text the previous one left, so ranges are checked against it.
  let scratch = doc;
  const out: TextDocumentContentChangeEvent[] = [];
  for (const c of changes as unknown[]) {
    const change = c as { text?: unknown; range?: unknown } | null;
    if (typeof change !== 'object' || change === null || typeof change.text !== 'string') throw new InvalidChange(`a content change without text: ${preview(c)}`);
    let checked: TextDocumentContentChangeEvent;
    if (change.range === undefined) checked = { text: change.text };
    else {
      const r = change.range as { start?: unknown; end?: unknown } | null;
      if (typeof r !== 'object' || r === null) throw new InvalidChange(`a content change with a range that is not a range: ${preview(change.range)}`);
      const start = clampPosition(scratch, checkPosition(r.start, 'range.start'));
      const end = clampPosition(scratch, checkPosition(r.end, 'range.end'));
      checked = { range: { start, end }, text: change.text };
    }
    out.push(checked);
    if (changes.length > 1) scratch = TextDocument.update(TextDocument.create(scratch.uri, scratch.languageId, scratch.version, scratch.getText()), [checked], scratch.version);
  }
  return out;
}

export function checkVersion(version: unknown): number {
  if (typeof version !== 'number' || !Number.isSafeInteger(version)) throw new InvalidChange(`the document version is not an integer: ${preview(version)}`);
  return version;
}

/** `TextDocuments` whose updates go through the checks above; `log` hears about refused and odd changes. */
export function checkedDocuments(log: (message: string) => void): TextDocuments<TextDocument> {
  const warned = new Set<string>();
  return new TextDocuments<TextDocument>({
    // didOpen's parameters are checked before this is called (params.ts): a version that is not an integer counts as 0.
    create(uri, languageId, version, content) {
      return TextDocument.create(uri, languageId, Number.isSafeInteger(version) ? version : 0, content);
    },
    update(doc, changes, version) {
      let v: number;
      let checked: TextDocumentContentChangeEvent[];
      try {
        v = checkVersion(version);
        checked = checkChanges(doc, changes);
      } catch (e) {
        if (!(e instanceof InvalidChange)) throw e;
        log(`Refused a change to ${doc.uri}: ${e.message}`);
        return doc;
      }
      if (v <= doc.version && !warned.has(doc.uri)) {
        warned.add(doc.uri);
        log(`The client sent version ${v} of ${doc.uri} after version ${doc.version}; versions should increase with every change.`);
      }
      return TextDocument.update(doc, checked, v);
    },
  });
}
