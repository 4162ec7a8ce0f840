/** Helpers for the e2e tests, which run inside the real extension host and use the vscode API. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'bulkhead.bulkhead';

/** The extension under test; fails the test when VS Code did not load it. */
export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

/** A file of the fixture workspace (the launcher opened a fresh copy of test/e2e/fixtures/workspace). */
export function fixture(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the window has no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

/** Opens a fixture file in an editor (not a preview tab) and returns the editor. */
export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixture(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Polls `fn` until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, fn: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The rule id of a diagnostic (VS Code turns a code with a codeDescription into {value, target}). */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return String(typeof c === 'object' ? c.value : c);
}

/** `rule line:col-line:col Severity source` for every diagnostic of `rule` (0-based, as the API reports). */
export function summary(uri: vscode.Uri, rule: string): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => ruleOf(d) === rule)
    .map((d) => {
      const r = d.range;
      return `${rule} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${vscode.DiagnosticSeverity[d.severity]} ${d.source}`;
    });
}

/**
 * Waits until the diagnostics of `rule` on `uri` are exactly `expected` (an empty list: until the
 * rule has none). Other rules may report on the same file: they are ignored, so adding rules does
 * not break these tests.
 */
export async function expectDiagnostics(uri: vscode.Uri, rule: string, expected: string[], timeoutMs = 20_000): Promise<void> {
  const want = JSON.stringify(expected);
  try {
    await waitFor(`${rule} diagnostics ${want} on ${uri.path}`, () => JSON.stringify(summary(uri, rule)) === want, timeoutMs);
  } catch {
    // Fail with a diff of what is there.
    assert.deepEqual(summary(uri, rule), expected, `diagnostics of ${rule} on ${uri.path} (all: ${JSON.stringify(all(uri))})`);
  }
}

/** Every diagnostic on `uri` as `rule@line:col`, for failure messages. */
export function all(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).map((d) => `${ruleOf(d)}@${d.range.start.line}:${d.range.start.character}`);
}

/** Applies one replacement through a WorkspaceEdit (as a refactoring or quick fix would) and checks it applied. */
export async function replace(uri: vscode.Uri, range: vscode.Range, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, range, text);
  assert.equal(await vscode.workspace.applyEdit(edit), true, `applyEdit on ${uri.path} returned false`);
}

/** Reverts every dirty document to its text on disk and closes all editors (nothing is ever saved). */
export async function revertAndCloseAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || doc.uri.scheme !== fixture('.').scheme) continue;
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Whether a file or folder exists, through the window's file system (works in both extension hosts). */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether two absolute paths name the same folder: through realpath in the Node extension host
 * (the temporary directory may sit behind a symbolic link), by text in the web worker host.
 */
export function samePath(a: string, b: string): boolean {
  const trim = (p: string) => p.replace(/\/+$/, '');
  try {
    // A Node built-in, loaded only when there is one: the web worker host's require throws here.
    const fs = require('node:fs') as typeof import('node:fs');
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return trim(a) === trim(b);
  }
}
