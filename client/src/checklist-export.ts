import { EventEmitter, Uri, window, workspace, type Disposable, type TextDocumentContentProvider } from 'vscode';
import { renderChecklistMarkdown } from '../../server/src/shared/checklist-markdown';
import type { ChecklistResult } from '../../server/src/shared/protocol';

/**
 * The checklist export: the same Markdown as `bulkhead checklist --format markdown` (rendered from
 * the server's report by the same function), opened as a read-only document of its own scheme, so
 * closing the tab never asks to save. Select all and copy it into the pull request.
 */

export const EXPORT_SCHEME = 'bulkhead-export';

export class ExportDocuments implements TextDocumentContentProvider, Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: Disposable;
  private count = 0;

  constructor() {
    this.registration = workspace.registerTextDocumentContentProvider(EXPORT_SCHEME, this);
  }

  provideTextDocumentContent(uri: Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Opens the text in an editor tab (a new document each time: an earlier export stays as it was). */
  async show(markdown: string): Promise<Uri> {
    // The path's extension gives the document the Markdown language (and its preview command).
    const uri = Uri.from({ scheme: EXPORT_SCHEME, path: '/Bulkhead checklist.md', query: String(++this.count) });
    this.texts.set(uri.toString(), markdown);
    const doc = await workspace.openTextDocument(uri);
    await window.showTextDocument(doc, { preview: false });
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}

/** The export of a result: ticks only when the view's scope is exported (a folder export has none, as the CLI). */
export function exportMarkdown(result: ChecklistResult, ticks: readonly number[]): string {
  return renderChecklistMarkdown(result, { files: result.files, ticks, truncated: result.truncated });
}
