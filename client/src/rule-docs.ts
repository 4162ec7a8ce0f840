import { commands, EventEmitter, Uri, workspace, type ExtensionContext, type TextDocumentContentProvider } from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { RULE_DOCS_REQUEST, type RuleDocsParams, type RuleDocsResult } from '../../server/src/shared/protocol';

/** Rule documentation shown inside VS Code, rendered by the server from rule metadata (works offline). */

const SCHEME = 'bulkhead-docs';

class RuleDocsProvider implements TextDocumentContentProvider {
  readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  async provideTextDocumentContent(uri: Uri): Promise<string> {
    const id = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    const c = this.client();
    const result = c ? await c.sendRequest<RuleDocsResult>(RULE_DOCS_REQUEST, { id } satisfies RuleDocsParams) : null;
    return result?.markdown ?? `# Unknown rule \`${id}\`\n\nRun \`bulkhead rules\` for the list of rules.\n`;
  }
}

export function registerRuleDocs(context: ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(workspace.registerTextDocumentContentProvider(SCHEME, new RuleDocsProvider(client)));
}

export async function showRuleDocs(id: string): Promise<void> {
  const uri = Uri.from({ scheme: SCHEME, path: `/${id}.md` });
  await commands.executeCommand('markdown.showPreview', uri);
}
