/**
 * Editing re-lints: edits go through vscode.workspace.applyEdit (the path quick fixes take), and
 * a revert back to the text on disk brings the finding back. Nothing is saved.
 */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { expectDiagnostics, open, replace, revertAndCloseAll } from './helpers';

describe('edits update the diagnostics', () => {
  after(revertAndCloseAll);

  it('Dockerfile: USER root -> 10001 clears non-root-user, back to root brings it back', async () => {
    const { document } = await open('Dockerfile');
    const uri = document.uri;
    await expectDiagnostics(uri, 'non-root-user', ['non-root-user 4:5-4:9 Warning bulkhead']);

    await replace(uri, new vscode.Range(4, 5, 4, 9), '10001');
    assert.equal(document.lineAt(4).text, 'USER 10001');
    await expectDiagnostics(uri, 'non-root-user', []);

    await replace(uri, new vscode.Range(4, 5, 4, 10), 'root');
    await expectDiagnostics(uri, 'non-root-user', ['non-root-user 4:5-4:9 Warning bulkhead']);

    // Insert a line above: the finding moves down with its text.
    await replace(uri, new vscode.Range(2, 0, 2, 0), 'ENV PYTHONUNBUFFERED=1\n');
    await expectDiagnostics(uri, 'non-root-user', ['non-root-user 5:5-5:9 Warning bulkhead']);
  });

  it('compose.yaml: privileged: false clears no-privileged, a revert brings it back', async () => {
    const editor = await open('compose.yaml');
    const uri = editor.document.uri;
    await expectDiagnostics(uri, 'no-privileged', ['no-privileged 4:4-4:20 Error bulkhead']);

    await replace(uri, new vscode.Range(4, 16, 4, 20), 'false');
    assert.equal(editor.document.isDirty, true);
    await expectDiagnostics(uri, 'no-privileged', []);

    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(editor.document.isDirty, false, 'the revert left the document dirty');
    assert.equal(editor.document.lineAt(4).text, '    privileged: true');
    await expectDiagnostics(uri, 'no-privileged', ['no-privileged 4:4-4:20 Error bulkhead']);
  });
});
