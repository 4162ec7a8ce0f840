/**
 * Dev Containers: a `.devcontainer/devcontainer.json` (JSON with comments and trailing commas) gets
 * its diagnostics, a quick fix that keeps the comments and commas, and its own checklist, which
 * lists the Dockerfile it builds too.
 */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { expectDiagnostics, extension, open, revertAndCloseAll, ruleOf, waitFor } from './helpers';

const FILE = '.devcontainer/devcontainer.json';

interface ChecklistApi {
  refresh(): Promise<{ practices: { practice: number; status: string; findings: { uri: string; ruleId: string }[] }[]; files: number } | undefined>;
  setScope(s: 'file' | 'workspace'): Promise<unknown>;
  view: vscode.TreeView<unknown>;
}

describe('dev containers', () => {
  after(revertAndCloseAll);

  it('devcontainer.json opens as JSON with comments and shows privileged and the socket mount in Problems', async () => {
    const editor = await open(FILE);
    assert.equal(editor.document.languageId, 'jsonc');
    await expectDiagnostics(editor.document.uri, 'no-privileged', ['no-privileged 5:2-5:20 Error bulkhead']);
    await expectDiagnostics(editor.document.uri, 'no-docker-socket-mount', ['no-docker-socket-mount 7:4-7:76 Error bulkhead']);
  });

  it('the quick fix drops the socket mount and keeps the comments and trailing commas', async () => {
    const editor = await open(FILE);
    const uri = editor.document.uri;
    const d = await waitFor('the socket diagnostic', () => vscode.languages.getDiagnostics(uri).find((x) => ruleOf(x) === 'no-docker-socket-mount'));
    // Resolved as when a user picks one: the server fills in each edit on codeAction/resolve.
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value, 50)) ?? [];
    const titles = actions.map((a) => a.title);
    for (const t of ['Remove the "/var/run/docker.sock" mount', 'Ignore no-docker-socket-mount on this line', 'Ignore no-docker-socket-mount in this file']) assert.ok(titles.includes(t), `${t} in ${JSON.stringify(titles)}`);
    const fix = actions.find((a) => a.title === 'Remove the "/var/run/docker.sock" mount')!;
    assert.ok(fix.edit);
    const before = editor.document.getText();
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.equal(editor.document.getText(), before.replace('    "source=/var/run/docker.sock,target=/var/run/docker-host.sock,type=bind",\n', ''));
    await expectDiagnostics(uri, 'no-docker-socket-mount', []);
    await expectDiagnostics(uri, 'no-privileged', ['no-privileged 5:2-5:20 Error bulkhead']);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('the checklist of the dev container lists it and the Dockerfile it builds', async () => {
    const c = ((await extension().activate()) as { checklist: ChecklistApi }).checklist;
    await c.setScope('file');
    await open(FILE);
    const r = await c.refresh();
    assert.ok(r);
    assert.equal(r.files, 2, 'devcontainer.json and ../Dockerfile');
    const p3 = r.practices.find((p) => p.practice === 3)!;
    assert.equal(p3.status, 'findings');
    assert.ok(p3.findings.some((f) => f.ruleId === 'no-privileged' && f.uri.endsWith('/.devcontainer/devcontainer.json')));
    const p4 = r.practices.find((p) => p.practice === 4)!;
    assert.ok(p4.findings.some((f) => f.ruleId === 'non-root-user' && f.uri.endsWith('/Dockerfile')), 'the Dockerfile\'s USER root is listed');
    assert.match(c.view.message ?? '', /Active file: \.devcontainer\/devcontainer\.json$/);
  });
});
