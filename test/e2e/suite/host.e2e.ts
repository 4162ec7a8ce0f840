/**
 * The extension host the launcher forced the extension into (`--host node` or `--host web`), and
 * the features that depend on it: in the web worker host the extension is the browser build, its
 * server runs in a web worker with no disk, and every file that is not open is read through
 * `vscode.workspace.fs` by the client. These run in both hosts; the web run is where they matter.
 */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { e2eEnv, HOST_ENV } from './result';
import { expectDiagnostics, extension, fixture, open, revertAndCloseAll, waitFor } from './helpers';

interface Api {
  host?: 'node' | 'web';
  client?: { isRunning(): boolean };
  checklist?: { setScope(s: 'file' | 'workspace'): Promise<{ files: number; practices: { practice: number; status: string; findings: { uri: string }[] }[] } | undefined> };
}

const expectedHost = () => (e2eEnv(HOST_ENV) === 'web' ? 'web' : 'node');

async function api(): Promise<Api> {
  const exports = (await extension().activate()) as Api;
  assert.ok(exports, 'activate() returned no API');
  return exports;
}

/** Writes a file into the workspace copy through the window's file system (removed by the test). */
async function writeFixture(rel: string, text: string): Promise<vscode.Uri> {
  const uri = fixture(rel);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

describe(`the extension host (${expectedHost()})`, () => {
  after(revertAndCloseAll);

  it(`runs the ${expectedHost() === 'web' ? 'browser build in the web worker' : 'Node build in the Node'} extension host`, async () => {
    const a = await api();
    assert.equal(a.host, expectedHost(), 'the extension reports the host its entry point was built for');
    await waitFor('the language client to be running', () => a.client?.isRunning() === true);
  });

  it('diagnostics: privileged: true in compose.yaml is a no-privileged error', async () => {
    const { document } = await open('compose.yaml');
    await expectDiagnostics(document.uri, 'no-privileged', ['no-privileged 4:4-4:20 Error bulkhead']);
  });

  it('a quick fix: Remove "privileged: true" clears the finding', async () => {
    const editor = await open('compose.yaml');
    const uri = editor.document.uri;
    await expectDiagnostics(uri, 'no-privileged', ['no-privileged 4:4-4:20 Error bulkhead']);
    // Resolved as when a user picks one: the server fills in each edit on codeAction/resolve.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(4, 4, 4, 20), vscode.CodeActionKind.QuickFix.value, 50);
    const fix = actions.find((a) => a.title === 'Remove "privileged: true"');
    assert.ok(fix?.edit, `no "Remove \\"privileged: true\\"" action; got ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.doesNotMatch(editor.document.getText(), /privileged: true/);
    await expectDiagnostics(uri, 'no-privileged', []);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await expectDiagnostics(uri, 'no-privileged', ['no-privileged 4:4-4:20 Error bulkhead']);
  });

  it('the checklist: a workspace scan finds the files that are not open, and the Markdown export', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const a = await api();
    const r = await a.checklist!.setScope('workspace');
    assert.ok(r, 'the checklist has a result');
    assert.ok(r.files >= 2, `the scan found ${r.files} file(s); the workspace has a Dockerfile and compose.yaml`);
    const privileged = r.practices.find((p) => p.practice === 3);
    assert.equal(privileged?.status, 'findings');
    assert.ok(privileged.findings.some((f) => f.uri.endsWith('/compose.yaml')), 'the finding in compose.yaml, which no editor has open');
    const markdown = await vscode.commands.executeCommand<string>('bulkhead.exportChecklist');
    assert.equal(typeof markdown, 'string');
    assert.match(markdown, /Privileged/);
    assert.match(markdown, /compose\.yaml:5/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('.bulkhead.yaml that is not open applies (read through the client in the web host)', async () => {
    await writeFixture('configured/.bulkhead.yaml', 'rules:\n  non-root-user: error\n');
    const dockerfile = await writeFixture('configured/Dockerfile', 'FROM python:3.12-slim\nUSER root\n');
    try {
      await open('configured/Dockerfile');
      await expectDiagnostics(dockerfile, 'non-root-user', ['non-root-user 1:5-1:9 Error bulkhead']);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(fixture('configured'), { recursive: true });
    }
  });
});
