/**
 * A checklist a reviewer can trust: suppressed findings listed with their reasons, settings that
 * turn rules off named, ticks that survive harmless edits and say why they were cleared, unsaved
 * text counted, and the view's export of examples/ the same text as `bulkhead checklist`.
 */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { checklistApi as api, refreshUntil, state } from './checklist-api';
import { fixture, open, replace, revertAndCloseAll } from './helpers';
import { CHECKLIST_PARITY } from './result';

const SUPPRESSED_ROW = 'ci/compose.yaml:7 · no-privileged — ignored: Docker-in-Docker for the CI runner, on an isolated host';

describe('practice checklist: review', () => {
  after(revertAndCloseAll);

  it('a suppressed error is listed with its reason, in the view and in the export', async () => {
    const c = await api();
    await c.setScope('workspace');
    await c.refresh();
    const three = state(c, 3);
    assert.ok(three.rows.includes(SUPPRESSED_ROW), JSON.stringify(three.rows));
    assert.match(three.description, /, 1 ignored$/);
    assert.equal(three.suppressed, 1);
    const md = (await vscode.commands.executeCommand('bulkhead.exportChecklist')) as string;
    assert.match(md, /^- 🔇 ignored error \[ci\/compose\.yaml:7\]\([^)]*ci\/compose\.yaml#L7\) `no-privileged` \(ignore on line 6\): reason: “Docker-in-Docker for the CI runner, on an isolated host”$/m);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('a rule turned off in workspace settings makes its practice "partly checked", naming the setting', async () => {
    const c = await api();
    await c.setScope('file');
    await open('compose.yaml');
    await refreshUntil(c, 'practice 6 passed in compose.yaml', () => state(c, 6).status === 'passed');
    const config = vscode.workspace.getConfiguration('bulkhead');
    await config.update('rules', { 'bind-ports-to-localhost': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await refreshUntil(c, 'practice 6 partly checked', () => state(c, 6).status === 'partly-checked');
      assert.equal(state(c, 6).description, 'partly checked');
      assert.ok(state(c, 6).rows.includes('bind-ports-to-localhost: off — workspace settings (bulkhead.rules)'), JSON.stringify(state(c, 6).rows));
      const md = (await vscode.commands.executeCommand('bulkhead.exportChecklist')) as string;
      assert.match(md, /^\| 6\. Networks \| ◐ partly checked \|/m);
      assert.match(md, /^- ◐ bind-ports-to-localhost: off \(default \w+\), in workspace settings \(bulkhead\.rules\)$/m);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await refreshUntil(c, 'practice 6 passed again', () => state(c, 6).status === 'passed');
  });

  it('a comment keeps the ticks; a new finding clears only its practice and says why; undo restores the tick', async () => {
    const c = await api();
    await c.setScope('workspace');
    await c.refresh();
    for (const n of [3, 6, 12]) await c.setTicked(n, true);
    const ticks = () => [3, 6, 12].map((n) => state(c, n).ticked);
    assert.deepEqual(ticks(), [true, true, true]);

    const editor = await open('compose.yaml');
    const uri = editor.document.uri;
    await replace(uri, new vscode.Range(1, 0, 1, 0), '# reviewed by the platform team\n');
    await refreshUntil(c, 'the comment to be counted', () => c.practices().length === 20);
    assert.deepEqual(ticks(), [true, true, true], 'a comment changes no tick');

    // After the last line of service web (`user:`, now line 6): publish a port on every interface.
    await replace(uri, new vscode.Range(7, 0, 7, 0), '    ports: ["8080:80"]\n');
    await refreshUntil(c, 'practice 6 to lose its tick', () => !state(c, 6).ticked);
    assert.deepEqual(ticks(), [true, false, true], 'only practice 6 changed');
    assert.equal(state(c, 6).cleared, 'new finding bind-ports-to-localhost in compose.yaml (“8080:80”)');
    assert.ok(state(c, 6).rows.includes('Tick cleared: new finding bind-ports-to-localhost in compose.yaml (“8080:80”)'), JSON.stringify(state(c, 6).rows));

    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await refreshUntil(c, 'the tick of practice 6 to hold again', () => state(c, 6).ticked);
    assert.deepEqual(ticks(), [true, true, true]);
    assert.equal(state(c, 6).cleared, undefined);

    await vscode.commands.executeCommand('workbench.action.files.revert');
    for (const n of [3, 6, 12]) await c.setTicked(n, false);
  });

  it('an unsaved buffer is what the checklist counts, also one the server is not sent (another language mode)', async () => {
    const c = await api();
    await c.setScope('workspace');
    const editor = await open('Dockerfile');
    const dockerfile = editor.document.uri.toString();
    const rootInDockerfile = () => (c.practices().length > 0 ? state(c, 4).rows.some((r) => r.startsWith('Dockerfile:5 · non-root-user')) : false);
    await refreshUntil(c, 'the root user in the saved Dockerfile', rootInDockerfile);
    // Plain text: the language client closes the document on the server, which would read the disk.
    const plain = await vscode.languages.setTextDocumentLanguage(editor.document, 'plaintext');
    await vscode.window.showTextDocument(plain);
    await replace(plain.uri, new vscode.Range(4, 5, 4, 9), '10001');
    assert.equal(plain.isDirty, true);
    await refreshUntil(c, 'the unsaved USER 10001 to count', () => !rootInDockerfile());
    const r = await c.refresh();
    assert.ok(!r!.practices.find((p) => p.practice === 4)!.findings.some((f) => f.uri === dockerfile && f.ruleId === 'non-root-user'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await refreshUntil(c, 'the saved text to count again', rootInDockerfile);
    await vscode.languages.setTextDocumentLanguage(plain, 'dockerfile');
  });

  it('the export of examples/ is the text `bulkhead checklist examples --format markdown` prints there, with forge links', async () => {
    const expected = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixture(CHECKLIST_PARITY.file)));
    assert.match(expected, /^## Docker security practices: /);
    assert.ok(expected.includes(`](${CHECKLIST_PARITY.web}/blob/${CHECKLIST_PARITY.commit}/examples/insecure/compose.yaml#L`), 'the CLI linked the findings to the forge');
    const md = (await vscode.commands.executeCommand('bulkhead.exportChecklistForFolder', fixture('examples'))) as string;
    assert.equal(md, expected);
    assert.equal(vscode.window.activeTextEditor?.document.getText(), expected);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
