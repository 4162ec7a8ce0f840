import { TabInputText, Uri, window, workspace, type TextDocument } from 'vscode';
import { kindFromLanguageId, kindFromName } from '../../server/src/shared/file-kinds';
import type { ChecklistBuffer, SettingsOrigin } from '../../server/src/shared/protocol';
import type { RuleSetting } from '../../server/src/core/types';

/**
 * What the client adds to a checklist request: the text of unsaved editors (the server only gets
 * the documents the language client syncs, and after a reload an editor restored with unsaved
 * changes is not loaded until it is shown), and where each `bulkhead.rules` value comes from
 * (user, workspace or folder settings), which only the client can tell.
 */

/** Unsaved buffers sent per request, and the largest one (characters). */
const MAX_BUFFERS = 100;
const MAX_BUFFER = 2_000_000;

function candidate(doc: TextDocument): boolean {
  if (doc.uri.scheme === 'output' || doc.uri.scheme === 'bulkhead-export') return false;
  return (kindFromLanguageId(doc.languageId, doc.uri.path, doc.getText()) ?? kindFromName(doc.uri.path)) !== null;
}

/** Dirty Dockerfiles and Compose files, including tabs whose document is not loaded yet (restored after a reload). */
export async function dirtyBuffers(): Promise<ChecklistBuffer[]> {
  const loaded = new Set(workspace.textDocuments.map((d) => d.uri.toString()));
  const restored = window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.isDirty && t.input instanceof TabInputText && !loaded.has(t.input.uri.toString()) && kindFromName(t.input.uri.path) !== null)
    .map((t) => (t.input as TabInputText).uri);
  // Opening the document loads the editor's unsaved text (its backup), not the file on disk.
  const opened = await Promise.all(restored.map((uri) => Promise.resolve(workspace.openTextDocument(uri)).then((d) => d, () => undefined)));
  const docs = [...workspace.textDocuments.filter((d) => d.isDirty), ...opened.filter((d): d is TextDocument => d !== undefined && d.isDirty)];
  const seen = new Set<string>();
  const out: ChecklistBuffer[] = [];
  for (const doc of docs) {
    const uri = doc.uri.toString();
    if (seen.has(uri) || !candidate(doc) || doc.getText().length > MAX_BUFFER) continue;
    seen.add(uri);
    out.push({ uri, languageId: doc.languageId, text: doc.getText() });
    if (out.length >= MAX_BUFFERS) break;
  }
  return out;
}

/** `bulkhead.rules` per settings scope for a resource (a workspace folder, or the file of a file scope). */
export function settingsOrigin(resource: Uri, name?: string): SettingsOrigin {
  const inspected = workspace.getConfiguration('bulkhead', resource).inspect<Record<string, RuleSetting>>('rules');
  const nonEmpty = (v: Record<string, RuleSetting> | undefined) => (v && typeof v === 'object' && Object.keys(v).length > 0 ? v : undefined);
  const user = nonEmpty(inspected?.globalValue);
  const ws = nonEmpty(inspected?.workspaceValue);
  // In a single-folder window the folder's settings are the workspace's (.vscode/settings.json): name them once.
  const folder = workspace.workspaceFile ? nonEmpty(inspected?.workspaceFolderValue) : undefined;
  return { uri: resource.toString(), ...(name ? { name } : {}), ...(user ? { user } : {}), ...(ws ? { workspace: ws } : {}), ...(folder ? { folder } : {}) };
}

/** The origins for a request: every workspace folder, and the file itself for a file scope. */
export function settingsOrigins(file?: Uri): SettingsOrigin[] {
  const folders = (workspace.workspaceFolders ?? []).map((f) => settingsOrigin(f.uri, f.name));
  return file ? [settingsOrigin(file), ...folders] : folders;
}
