import {
  CodeActionKind,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Command,
  type CreateFile,
  type Diagnostic,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ignoreFileEdit, ignoreLineEdit } from '../edit/ignore-edits';
import { fixAll } from '../engine/fix-all';
import type { Fix, LintConfig, Target } from '../core/types';
import { isBulkheadData } from './diagnostics';

import { APPLY_EDIT_COMMAND, SHOW_RULE_DOCS_COMMAND } from '../shared/protocol';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.bulkhead`;

/** Edits wrapped with the document version, so the client refuses them if the text has moved on. */
function versioned(doc: TextDocument, edits: TextEdit[]): WorkspaceEdit {
  return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
}

/** A fix that also edits (or creates) other files, such as a `.dockerignore` next to the Dockerfile. */
function withOtherFiles(doc: TextDocument, fix: Fix, pathToUri: (path: string) => string): WorkspaceEdit {
  const changes: (TextDocumentEdit | CreateFile)[] = [];
  if (fix.edits.length > 0) changes.push({ textDocument: { uri: doc.uri, version: doc.version }, edits: fix.edits });
  for (const other of fix.otherFiles ?? []) {
    const uri = pathToUri(other.path);
    if (other.create) changes.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    changes.push({ textDocument: { uri, version: null }, edits: other.edits });
  }
  return { documentChanges: changes };
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/**
 * The code-action menu for Bulkhead diagnostics, computed from `Diagnostic.data` (no server state):
 * each fix, "Ignore <rule> on this line", "Ignore <rule> in this file", "Show documentation for
 * <rule>"; plus `source.fixAll.bulkhead` with every safe fix.
 */
export function codeActions(doc: TextDocument, kind: Target, params: CodeActionParams, config: LintConfig, path: string, pathToUri: (path: string) => string): CodeAction[] {
  const only = params.context.only;
  const out: CodeAction[] = [];
  const text = doc.getText();

  if (wants(only, CodeActionKind.QuickFix)) {
    const seenRules = new Set<string>();
    for (const d of params.context.diagnostics) {
      if (d.source !== 'bulkhead' || !isBulkheadData(d.data) || d.data.version !== doc.version) continue;
      const { ruleId, fixes } = d.data;
      const safeCount = fixes.filter((f) => f.safety === 'safe').length;
      for (const fix of fixes) {
        out.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: fix.safety === 'safe' && safeCount === 1,
          edit: fix.otherFiles?.length ? withOtherFiles(doc, fix, pathToUri) : versioned(doc, fix.edits),
        });
      }
      out.push(...ignoreActions(doc, kind, text, d, ruleId));
      if (!seenRules.has(ruleId)) {
        seenRules.add(ruleId);
        out.push({
          title: `Show documentation for ${ruleId}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          command: { title: `Show documentation for ${ruleId}`, command: SHOW_RULE_DOCS_COMMAND, arguments: [ruleId] },
        });
      }
    }
  }

  if (wants(only, FIX_ALL_KIND) && (only !== undefined || params.context.diagnostics.some((d) => d.source === 'bulkhead'))) {
    const result = fixAll({ text, kind, uri: path }, config);
    if (result.applied > 0) {
      out.push({ title: 'Fix all safe Bulkhead problems', kind: FIX_ALL_KIND, edit: versioned(doc, [minimalEdit(doc, text, result.text)]) });
    }
  }
  return out;
}

function ignoreActions(doc: TextDocument, kind: Target, text: string, d: Diagnostic, ruleId: string): CodeAction[] {
  const out: CodeAction[] = [];
  const line = ignoreLineEdit(kind, text, ruleId, d.range);
  if (line) out.push({ title: `Ignore ${ruleId} on this line`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: versioned(doc, [line]) });
  const file = ignoreFileEdit(kind, text, ruleId);
  if (file) out.push({ title: `Ignore ${ruleId} in this file`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: versioned(doc, [file]) });
  return out;
}

/** One edit replacing only the span between the common prefix and suffix of two texts. */
export function minimalEdit(doc: TextDocument, before: string, after: string): TextEdit {
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  // Never split a CRLF pair or a surrogate pair.
  const splits = (t: string, i: number) => i > 0 && i < t.length && ((t[i - 1] === '\r' && t[i] === '\n') || (t.charCodeAt(i) >= 0xdc00 && t.charCodeAt(i) <= 0xdfff));
  while (p > 0 && (splits(before, p) || splits(after, p))) p--;
  while (s > 0 && (splits(before, before.length - s) || splits(after, after.length - s))) s--;
  return { range: { start: doc.positionAt(p), end: doc.positionAt(before.length - s) }, newText: after.slice(p, after.length - s) };
}

/** What the client can take: code action literals, `documentChanges`, file creation. */
export interface ClientEditSupport {
  literals: boolean;
  documentChanges: boolean;
  create: boolean;
}

export function clientEditSupport(c: ClientCapabilities): ClientEditSupport {
  const we = c.workspace?.workspaceEdit;
  return {
    literals: !!c.textDocument?.codeAction?.codeActionLiteralSupport,
    // Resource operations exist only inside `documentChanges`: a client that lists them (Neovim) takes the latter.
    documentChanges: we?.documentChanges === true || (we?.resourceOperations?.length ?? 0) > 0,
    create: we?.resourceOperations?.includes('create') === true,
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

function fitEdit(edit: WorkspaceEdit, support: ClientEditSupport): WorkspaceEdit {
  if (!support.documentChanges) return toChanges(edit);
  if (support.create || !edit.documentChanges?.some((c) => 'kind' in c)) return edit;
  // No file creation: the edit of the new file alone (editors such as Neovim open a buffer for it).
  return { documentChanges: edit.documentChanges.filter((c) => !('kind' in c)) };
}

/**
 * The actions in the form the client takes. LSP says a client without `codeActionLiteralSupport`
 * gets `Command`s only: a fix becomes `bulkhead.applyEdit` with its edit (the server then sends
 * `workspace/applyEdit`); a command action stays the command. Edits are fitted to what the
 * client's `workspaceEdit` capabilities allow.
 */
export function adaptCodeActions(actions: CodeAction[], support: ClientEditSupport): (CodeAction | Command)[] {
  const fitted = actions.map((a) => (a.edit ? { ...a, edit: fitEdit(a.edit, support) } : a));
  if (support.literals) return fitted;
  return fitted.flatMap((a): Command[] => (a.edit ? [{ title: a.title, command: APPLY_EDIT_COMMAND, arguments: [a.edit, a.title] }] : a.command ? [a.command] : []));
}
