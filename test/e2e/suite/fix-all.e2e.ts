/**
 * Fix-all on save: with `editor.codeActionsOnSave: {"source.fixAll.bulkhead": "explicit"}`, saving
 * applies every safe fix. The fixture's stale ignore comment has a safe fix (remove it).
 */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { expectDiagnostics, open, revertAndCloseAll, waitFor } from './helpers';

describe('fix-all on save', () => {
  const setting = () => vscode.workspace.getConfiguration('editor', { languageId: 'dockerfile' });
  after(async () => {
    await setting().update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
    await revertAndCloseAll();
  });

  it('saving applies the safe fixes and the findings go away', async () => {
    await setting().update('codeActionsOnSave', { 'source.fixAll.bulkhead': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    const editor = await open('fixall/Dockerfile');
    const uri = editor.document.uri;
    await expectDiagnostics(uri, 'ignore-comment', ['ignore-comment 2:18-2:30 Information bulkhead']);
    const original = editor.document.getText();
    // Make the document dirty so that save runs the code actions on save.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(editor.document.lineCount, 0), '');
    edit.insert(uri, new vscode.Position(0, 0), ' ');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const undo = new vscode.WorkspaceEdit();
    undo.delete(uri, new vscode.Range(0, 0, 0, 1));
    assert.equal(await vscode.workspace.applyEdit(undo), true);
    // Save as a user does (Ctrl+S), which runs the code actions on save.
    await vscode.commands.executeCommand('workbench.action.files.save');
    const fixed = original.replace('# bulkhead-ignore no-such-rule\n', '');
    await waitFor('the safe fix to be applied on save', () => editor.document.getText() === fixed && !editor.document.isDirty);
    await expectDiagnostics(uri, 'ignore-comment', []);
  });
});
