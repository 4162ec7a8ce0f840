/** Hover, served by the language server: a finding's docs, and a short note on a keyword. */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { expectDiagnostics, open, revertAndCloseAll } from './helpers';

async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

describe('hover', () => {
  after(revertAndCloseAll);

  it('on a finding: one short block, the rule and its message, one line of why, the docs link', async () => {
    const editor = await open('compose.yaml');
    await expectDiagnostics(editor.document.uri, 'no-privileged', ['no-privileged 4:4-4:20 Error bulkhead']);
    const text = await hoverText(editor.document.uri, new vscode.Position(4, 8));
    assert.match(text, /\*\*Bulkhead `no-privileged`\*\*: Service "web" runs privileged/);
    assert.match(text, /\[Rule documentation\]\(https:\/\/[^)]*\/docs\/rules\/no-privileged\.md\)/);
    assert.doesNotMatch(text, /How to fix it/);
  });

  it('on a Dockerfile instruction: a security note', async () => {
    const editor = await open('Dockerfile');
    const text = await hoverText(editor.document.uri, new vscode.Position(2, 2));
    assert.match(text, /\*\*WORKDIR\*\*: /);
  });
});
