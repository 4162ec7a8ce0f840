/**
 * Quick fixes as a user applies them: the code actions the server offers for a diagnostic,
 * applied through vscode.executeCodeActionProvider + workspace.applyEdit, remove the finding.
 */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { expectDiagnostics, open, revertAndCloseAll, ruleOf, waitFor } from './helpers';

/**
 * The quick fixes offered at a rule's diagnostic. The API does not return the actions' diagnostics,
 * so the rule's actions are told apart by their titles, which all name the rule or its fix.
 */
async function actionsFor(uri: vscode.Uri, rule: string, fixTitle: string): Promise<vscode.CodeAction[]> {
  const d = await waitFor(`a ${rule} diagnostic`, () => vscode.languages.getDiagnostics(uri).find((x) => ruleOf(x) === rule));
  // The server offers actions by reference and fills in each edit on codeAction/resolve (as VS Code
  // does when a user picks one): ask VS Code to resolve them all.
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value, 50)) ?? [];
  return actions.filter((a) => a.title.includes(rule) || a.title === fixTitle);
}

/** Opens a fixture, waits for the rule's one diagnostic, and applies its "Ignore <rule> on this line". */
async function ignoreOnThisLine(file: string, rule: string, diagnostic: string): Promise<vscode.TextEditor> {
  const editor = await open(file);
  await expectDiagnostics(editor.document.uri, rule, [diagnostic]);
  const ignore = (await actionsFor(editor.document.uri, rule, '')).find((a) => a.title === `Ignore ${rule} on this line`);
  assert.ok(ignore?.edit);
  assert.equal(await vscode.workspace.applyEdit(ignore.edit), true);
  return editor;
}

describe('quick fixes', () => {
  after(revertAndCloseAll);

  it('compose.yaml: the fix menu offers the fix, two ignores and the docs; the fix removes the finding', async () => {
    const editor = await open('compose.yaml');
    const uri = editor.document.uri;
    await expectDiagnostics(uri, 'no-privileged', ['no-privileged 4:4-4:20 Error bulkhead']);
    const actions = await actionsFor(uri, 'no-privileged', 'Remove "privileged: true"');
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Remove "privileged: true"', 'Ignore no-privileged on this line', 'Ignore no-privileged in this file', 'Show documentation for no-privileged'],
    );
    const fix = actions[0];
    assert.ok(fix.edit, 'the fix carries a workspace edit');
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.equal(editor.document.getText().includes('privileged'), false);
    await expectDiagnostics(uri, 'no-privileged', []);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('compose.yaml: "Ignore on this line" for an error leaves the cursor where the reason goes; the reason silences both', async () => {
    const editor = await ignoreOnThisLine('compose.yaml', 'no-privileged', 'no-privileged 4:4-4:20 Error bulkhead');
    const uri = editor.document.uri;
    const line = editor.document.lineAt(4).text;
    assert.equal(line, '    # bulkhead-ignore no-privileged -- ');
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [4, line.length]);
    // Until the reason is written, ignore-comment asks for it.
    await expectDiagnostics(uri, 'ignore-comment', ['ignore-comment 4:22-4:35 Warning bulkhead']);
    assert.equal(await editor.edit((b) => b.insert(editor.selection.active, 'Docker-in-Docker for CI')), true);
    await expectDiagnostics(uri, 'ignore-comment', []);
    await expectDiagnostics(uri, 'no-privileged', []);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('Dockerfile: "Ignore on this line" inserts the comment above the instruction and silences the finding', async () => {
    const editor = await ignoreOnThisLine('Dockerfile', 'non-root-user', 'non-root-user 4:5-4:9 Warning bulkhead');
    assert.equal(editor.document.lineAt(4).text, '# bulkhead-ignore non-root-user');
    await expectDiagnostics(editor.document.uri, 'non-root-user', []);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
