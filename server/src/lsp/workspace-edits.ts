import type { ClientCapabilities, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { LineIndex } from '../core/positions';

/** What the client can take: code action literals, `documentChanges`, file creation, resolving actions. */
export interface ClientEditSupport {
  literals: boolean;
  documentChanges: boolean;
  create: boolean;
  /** `codeAction/resolve` can fill in an action's `edit`. */
  resolveEdit: boolean;
  /** Snippet edits (LSP 3.18 `SnippetTextEdit`, inside `documentChanges`): an edit can place the cursor. */
  snippets: boolean;
}

export function clientEditSupport(c: ClientCapabilities): ClientEditSupport {
  const we = c.workspace?.workspaceEdit;
  const ca = c.textDocument?.codeAction;
  // Resource operations exist only inside `documentChanges`: a client that lists them (Neovim) takes the latter.
  const documentChanges = we?.documentChanges === true || (we?.resourceOperations?.length ?? 0) > 0;
  return {
    literals: !!ca?.codeActionLiteralSupport,
    documentChanges,
    create: we?.resourceOperations?.includes('create') === true,
    resolveEdit: !!ca?.codeActionLiteralSupport && Array.isArray(ca?.resolveSupport?.properties) && ca.resolveSupport.properties.includes('edit'),
    snippets: documentChanges && we?.snippetEditSupport === true,
  };
}

/** `documentChanges` as a plain `changes` map (no version checks, no file creation), for clients without the former. */
function toChanges(edit: WorkspaceEdit): WorkspaceEdit {
  if (!edit.documentChanges) return edit;
  const changes: Record<string, TextEdit[]> = {};
  for (const c of edit.documentChanges) {
    if (!('textDocument' in c)) continue;
    (changes[c.textDocument.uri] ??= []).push(...(c.edits as TextEdit[]));
  }
  return { changes };
}

/** An edit in the form the client's `workspaceEdit` capabilities allow. */
export function fitEdit(edit: WorkspaceEdit, support: ClientEditSupport): WorkspaceEdit {
  if (!support.documentChanges) return toChanges(edit);
  if (support.create || !edit.documentChanges?.some((c) => 'kind' in c)) return edit;
  // No file creation: the edit of the new file alone (editors such as Neovim open a buffer for it).
  return { documentChanges: edit.documentChanges.filter((c) => !('kind' in c)) };
}

/** One edit replacing only the span between the common prefix and suffix of two texts. */
export function minimalEdit(index: LineIndex, before: string, after: string): TextEdit {
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  // Never split a CRLF pair or a surrogate pair.
  const splits = (t: string, i: number) => i > 0 && i < t.length && ((t[i - 1] === '\r' && t[i] === '\n') || (t.charCodeAt(i) >= 0xdc00 && t.charCodeAt(i) <= 0xdfff));
  while (p > 0 && (splits(before, p) || splits(after, p))) p--;
  while (s > 0 && (splits(before, before.length - s) || splits(after, after.length - s))) s--;
  return { range: index.range(p, before.length - s), newText: after.slice(p, after.length - s) };
}
