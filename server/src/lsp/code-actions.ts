import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type SnippetTextEdit, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { ignoreFileEdit, ignoreLineEdit } from '../edit/ignore-edits';
import { fixAll } from '../engine/fix-all';
import { ignoreNeedsReason } from '../engine/lint';
import type { Finding, Fix, Range } from '../core/types';
import { sameRange } from '../core/positions';
import { APPLY_EDIT_COMMAND, SHOW_RULE_DOCS_COMMAND } from '../shared/protocol';
import type { ActionRef } from './action-ref';
import { isBulkheadData } from './diagnostics';
import { isObject, isRange } from './params';
import type { DocumentAnalysis } from './document-analyses';
import { fitEdit, minimalEdit, type ClientEditSupport } from './workspace-edits';

export { clientEditSupport, minimalEdit, type ClientEditSupport } from './workspace-edits';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.bulkhead`;

/**
 * Findings about a text that was not analysed (it does not parse, or it is too large): no comment in
 * it is read, so an ignore comment would silence nothing. Fix the file instead.
 */
const NOT_IGNORABLE: ReadonlySet<string> = new Set(['syntax-error', 'file-too-large']);
export const FIX_ALL_TITLE = 'Fix all safe Bulkhead problems';

/**
 * The code-action menu, read like ESLint's: every fix once (a fix several diagnostics share, such
 * as "Harden service", is one entry for all of them), then "Ignore <rule> on this line" and "in
 * this file" per rule, then "Show documentation" per rule, then "Fix all safe Bulkhead problems"
 * when it would do more than the fixes above. `source.fixAll.bulkhead` (fix on save, "Source
 * Action...") is offered only to a request that asks for that kind.
 *
 * Everything comes from the document's current analysis (document-analyses.ts): nothing is parsed
 * or linted here, fixes are built on first use, and fix-all starts from the cached findings. A
 * diagnostic of an older version gets nothing. Clients that resolve code actions
 * (`codeAction/resolve`) get each action's edit only when they pick it.
 */

export interface MenuClient {
  support: ClientEditSupport;
  /**
   * Build actions with references instead of edits: the client fills in `edit` through
   * `codeAction/resolve`, or (without code action literals) runs them as `bulkhead.applyEdit`.
   */
  resolve: boolean;
  pathToUri(path: string): string;
}

function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

const rangeKey = (ruleId: string, r: Range) => `${ruleId} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/** Each rule and range's first finding (as a search from the start finds it), built once per analysis: a version's findings never change. */
const byRange = new WeakMap<DocumentAnalysis, Map<string, number>>();
function findingsByRange(a: DocumentAnalysis): Map<string, number> {
  let map = byRange.get(a);
  if (!map) {
    map = new Map();
    for (let i = a.findings.length - 1; i >= 0; i--) map.set(rangeKey(a.findings[i].ruleId, a.findings[i].range), i);
    byRange.set(a, map);
  }
  return map;
}

/**
 * The findings the request's diagnostics stand for: by the index they carry, else by rule and range
 * (clients that drop `data`). Linear in the diagnostics and findings: a select-all quick fix on a
 * file with tens of thousands of findings sends them all.
 */
export function matchFindings(a: DocumentAnalysis, diagnostics: readonly Diagnostic[]): { index: number; diagnostic: Diagnostic }[] {
  const out: { index: number; diagnostic: Diagnostic }[] = [];
  const taken = new Set<number>();
  const matches = (i: number, d: Diagnostic) => a.findings[i]?.ruleId === String(d.code) && sameRange(a.findings[i].range, d.range);
  for (const d of diagnostics) {
    if (!isObject(d) || d.source !== 'bulkhead' || !isRange(d.range)) continue;
    let index = -1;
    if (isBulkheadData(d.data)) {
      if (d.data.version !== a.version) continue;
      if (matches(d.data.index, d)) index = d.data.index;
    } else {
      index = findingsByRange(a).get(rangeKey(String(d.code), d.range)) ?? -1;
    }
    if (index >= 0 && !taken.has(index)) {
      taken.add(index);
      out.push({ index, diagnostic: d });
    }
  }
  return out;
}

const fixKey = (fix: Fix) => JSON.stringify([fix.title, fix.edits, fix.otherFiles ?? null]);

/** Edits wrapped with the document version, so the client refuses them if the text has moved on. */
function versioned(a: DocumentAnalysis, edits: (TextEdit | SnippetTextEdit)[]): WorkspaceEdit {
  return { documentChanges: [{ textDocument: { uri: a.uri, version: a.version }, edits }] };
}

function fixEdit(a: DocumentAnalysis, fix: Fix, pathToUri: (path: string) => string): WorkspaceEdit {
  if (!fix.otherFiles?.length) return versioned(a, fix.edits);
  const changes: NonNullable<WorkspaceEdit['documentChanges']> = [];
  if (fix.edits.length > 0) changes.push({ textDocument: { uri: a.uri, version: a.version }, edits: fix.edits });
  for (const other of fix.otherFiles) {
    const uri = pathToUri(other.path);
    if (other.create) changes.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    changes.push({ textDocument: { uri, version: null }, edits: other.edits });
  }
  return { documentChanges: changes };
}

/** An action's edit; `snippet` is the same edit with the cursor placed where an ignore's reason goes. */
export interface ActionEdit {
  title: string;
  edit: WorkspaceEdit;
  snippet?: WorkspaceEdit;
}

/** The form of an action's edit a client takes: the snippet form when there is one and the client takes snippet edits. */
function editFor(found: ActionEdit, support: ClientEditSupport): WorkspaceEdit {
  return support.snippets && found.snippet ? found.snippet : found.edit;
}

/** The edit to send a client, in the form it takes and fitted to its capabilities. */
export function editForClient(found: ActionEdit, support: ClientEditSupport): WorkspaceEdit {
  return fitEdit(editFor(found, support), support);
}

/** Snippet syntax treats `$`, `}` and `\` as special: escaped, a text inserts as itself. */
const snippetText = (text: string) => text.replace(/[\\$}]/g, '\\$&');

/**
 * A new ignore comment as a snippet that ends in ` -- ` with the cursor after it, for an ignore that
 * must say why (ignore-comment's `requireReason`): the user types the reason at once instead of
 * getting a "without a reason" warning from the fix. Null when the edit adds the rule to an existing
 * comment (it shares that comment's reason).
 */
function reasonSnippet(a: DocumentAnalysis, edit: TextEdit, ruleId: string): WorkspaceEdit | null {
  let at = -1;
  for (const keyword of ['bulkhead-ignore', 'bulkhead-ignore-file']) {
    const i = edit.newText.indexOf(`${keyword} ${ruleId}`);
    const end = i + keyword.length + 1 + ruleId.length;
    if (i >= 0 && (end === edit.newText.length || edit.newText[end] === '\n' || edit.newText[end] === '\r')) at = end;
  }
  if (at < 0) return null;
  return versioned(a, [{ range: edit.range, snippet: { kind: 'snippet', value: `${snippetText(edit.newText.slice(0, at))} -- $0${snippetText(edit.newText.slice(at))}` } }]);
}

/** The edit an action reference stands for, from the analysis of its version; null when there is none. */
export function actionEdit(a: DocumentAnalysis, ref: ActionRef, pathToUri: (path: string) => string): ActionEdit | null {
  if (ref.uri !== a.uri || ref.version !== a.version || !a.model) return null;
  if (ref.kind === 'fixAll') {
    const result = fixAll({ text: a.text, kind: a.kind, uri: a.path, related: a.related }, a.config, a.findings);
    if (result.applied === 0) return null;
    return { title: FIX_ALL_TITLE, edit: versioned(a, [minimalEdit(a.model.index, a.text, result.text)]) };
  }
  const f: Finding | undefined = a.findings[ref.finding!];
  if (!f) return null;
  if (ref.kind === 'fix') {
    const fix = f.fixes[ref.fix!];
    return fix ? { title: fix.title, edit: fixEdit(a, fix, pathToUri) } : null;
  }
  const edit = ref.kind === 'ignoreLine' ? ignoreLineEdit(a.model, f.ruleId, f.range) : ignoreFileEdit(a.model, f.ruleId);
  if (!edit) return null;
  const title = ref.kind === 'ignoreLine' ? `Ignore ${f.ruleId} on this line` : `Ignore ${f.ruleId} in this file`;
  const snippet = ignoreNeedsReason(f.ruleId, a.config) ? reasonSnippet(a, edit, f.ruleId) : null;
  return { title, edit: versioned(a, [edit]), ...(snippet ? { snippet } : {}) };
}

/** Distinct safe fixes in the whole document (building every finding's fixes, once per version). */
function safeFixKeys(a: DocumentAnalysis): Set<string> {
  const keys = new Set<string>();
  for (const f of a.findings) for (const fix of f.fixes) if (fix.safety === 'safe' && !fix.otherFiles?.length) keys.add(fixKey(fix));
  return keys;
}

export function codeActionMenu(a: DocumentAnalysis, params: CodeActionParams, client: MenuClient): (CodeAction | Command)[] {
  const only = params.context?.only;
  const diagnostics = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [];
  const ref = (kind: ActionRef['kind'], finding?: number, fix?: number): ActionRef => ({
    bulkhead: 'action',
    uri: a.uri,
    version: a.version,
    kind,
    ...(finding !== undefined ? { finding } : {}),
    ...(fix !== undefined ? { fix } : {}),
  });
  /** An action with its edit now, or with a reference to resolve it by later. */
  const action = (title: string, kind: string, r: ActionRef, diags: Diagnostic[]): CodeAction | null => {
    const base: CodeAction = { title, kind, diagnostics: diags };
    if (client.resolve) return { ...base, data: r };
    const e = actionEdit(a, r, client.pathToUri);
    // Fitted to the client's capabilities with the rest of the menu (adapt).
    return e ? { ...base, edit: editFor(e, client.support) } : null;
  };
  const out: CodeAction[] = [];

  const model = a.model;
  if (wants(only, CodeActionKind.QuickFix)) {
    const matched = matchFindings(a, diagnostics);
    const fixes = new Map<string, CodeAction>();
    const menuSafe = new Set<string>();
    for (const { index, diagnostic } of matched) {
      const f = a.findings[index];
      const safeCount = f.fixes.filter((x) => x.safety === 'safe').length;
      f.fixes.forEach((fix, n) => {
        const key = fixKey(fix);
        const seen = fixes.get(key);
        if (seen) {
          seen.diagnostics!.push(diagnostic);
          return;
        }
        if (fix.safety === 'safe') menuSafe.add(key);
        const act = client.resolve
          ? { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.safety === 'safe' && safeCount === 1, data: ref('fix', index, n) }
          : { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.safety === 'safe' && safeCount === 1, edit: fixEdit(a, fix, client.pathToUri) };
        fixes.set(key, act);
      });
    }
    out.push(...fixes.values());

    const ignores: CodeAction[] = [];
    const docs: CodeAction[] = [];
    const titles = new Set<string>();
    for (const { index, diagnostic } of matched) {
      const ruleId = a.findings[index].ruleId;
      const line = `Ignore ${ruleId} on this line`;
      const file = `Ignore ${ruleId} in this file`;
      // An ignore that would change nothing (the rule is already named there) is not offered; a text
      // that was not parsed (over the size limit) reads no comments, so it gets none.
      const ignorable = model !== null && !NOT_IGNORABLE.has(ruleId);
      if (ignorable && !titles.has(line) && ignoreLineEdit(model, ruleId, a.findings[index].range)) {
        titles.add(line);
        const act = action(line, CodeActionKind.QuickFix, ref('ignoreLine', index), [diagnostic]);
        if (act) ignores.push(act);
      }
      if (ignorable && !titles.has(file) && ignoreFileEdit(model, ruleId)) {
        titles.add(file);
        const act = action(file, CodeActionKind.QuickFix, ref('ignoreFile', index), [diagnostic]);
        if (act) ignores.push(act);
      }
      const show = `Show documentation for ${ruleId}`;
      if (!titles.has(show)) {
        titles.add(show);
        docs.push({ title: show, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: show, command: SHOW_RULE_DOCS_COMMAND, arguments: [ruleId] } });
      }
    }
    out.push(...ignores, ...docs);

    // "Fix all" in the quick-fix menu, when it does more than the safe fixes listed above.
    if (model && matched.length > 0) {
      const all = safeFixKeys(a);
      if ([...all].some((k) => !menuSafe.has(k))) {
        const r = ref('fixAll');
        // Fix-all is computed only when chosen: by resolve, or by the server when the command runs.
        out.push(client.resolve ? { title: FIX_ALL_TITLE, kind: CodeActionKind.QuickFix, data: r } : { title: FIX_ALL_TITLE, kind: CodeActionKind.QuickFix, command: { title: FIX_ALL_TITLE, command: APPLY_EDIT_COMMAND, arguments: [r] } });
      }
    }
  }

  // The source action runs only when asked for by kind (fix on save, "Source Action..."); its edit is computed now.
  if (model && only !== undefined && wants(only, FIX_ALL_KIND)) {
    const e = actionEdit(a, ref('fixAll'), client.pathToUri);
    if (e) out.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: e.edit });
  }
  return adapt(out, client.support);
}

/**
 * The actions in the form the client takes. LSP says a client without `codeActionLiteralSupport`
 * gets `Command`s only: an action becomes `bulkhead.applyEdit` with its reference (the server then
 * computes the edit and sends `workspace/applyEdit`); a command action stays the command. Edits are
 * fitted to what the client's `workspaceEdit` capabilities allow.
 */
function adapt(actions: CodeAction[], support: ClientEditSupport): (CodeAction | Command)[] {
  const fitted = actions.map((x) => (x.edit ? { ...x, edit: fitEdit(x.edit, support) } : x));
  if (support.literals) return fitted;
  // A commands-only client's menu is built with references (`MenuClient.resolve`): each becomes the command.
  return fitted.flatMap((x): Command[] => (x.command ? [x.command] : x.data ? [{ title: x.title, command: APPLY_EDIT_COMMAND, arguments: [x.data] }] : []));
}
