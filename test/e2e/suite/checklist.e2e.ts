/**
 * The practice checklist view: statuses from the server for the workspace and the active file,
 * rows that fit a narrow side bar, reveal, and the Markdown export as a read-only document.
 */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { checklistApi as api, state } from './checklist-api';
import { fixture, open, revertAndCloseAll, waitFor } from './helpers';

describe('practice checklist', () => {
  after(revertAndCloseAll);

  it('the view opens in its activity-bar container and shows the score: passed (Bulkhead) and reviewed (ticks)', async () => {
    const c = await api();
    await vscode.commands.executeCommand('bulkhead.checklist.focus');
    await waitFor('the checklist view to be visible', () => c.view.visible);
    await c.setScope('workspace');
    await waitFor('a score in the title', () => /^\d+\/20 passed · \d+ reviewed$/.test(c.view.description ?? '') && /^\d+\/20 passed · \d+ reviewed · Whole workspace: \d+ files$/.test(c.view.message ?? ''));
  });

  it('workspace scope: every Dockerfile and Compose file, with statuses', async () => {
    const c = await api();
    await c.setScope('workspace');
    const r = await c.refresh();
    assert.ok(r);
    assert.equal(r.practices.length, 20);
    assert.ok(r.files >= 3, 'Dockerfile, compose.yaml and ci/compose.yaml at least');
    assert.equal(state(c, 3).status, 'findings');
    assert.equal(state(c, 4).status, 'findings');
    assert.equal(state(c, 12).status, 'needs-person');
    assert.equal(state(c, 12).description, 'needs a person');
  });

  it('rows for a narrow side bar: file first on finding rows, "check by hand" as a child row', async () => {
    const c = await api();
    await c.setScope('workspace');
    await c.refresh();
    const three = state(c, 3);
    assert.ok(three.rows.some((r) => r.startsWith('compose.yaml:5 · no-privileged — Service "web" runs privileged')), JSON.stringify(three.rows));
    assert.ok(state(c, 12).rows.includes('Check by hand: Image scanning and signature verification happen in CI or the registry; confirm they run.'), JSON.stringify(state(c, 12).rows));
    // Practices 1 and 17 have findings and still say what a person confirms.
    assert.ok(state(c, 17).rows.some((r) => r.startsWith('Check by hand: Confirm the containers are watched')), JSON.stringify(state(c, 17).rows));
  });

  it('file scope follows the active editor', async () => {
    const c = await api();
    await c.setScope('file');
    await open('Dockerfile');
    const r = await c.refresh();
    assert.equal(r?.files, 1);
    assert.equal(state(c, 5).status, 'not-applicable', 'resource limits are a Compose matter');
    assert.equal(state(c, 4).status, 'findings');
    assert.match(c.view.message ?? '', /^\d+\/20 passed · \d+ reviewed · Active file: Dockerfile$/);
  });

  it('a finding reveals its range in the editor', async () => {
    const c = await api();
    await c.setScope('workspace');
    const r = await c.refresh();
    const f = r!.practices.find((p) => p.practice === 3)!.findings.find((x) => x.uri === fixture('compose.yaml').toString());
    assert.ok(f, 'a practice-3 finding in compose.yaml');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('bulkhead.checklist.reveal', vscode.Uri.parse(f.uri), new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character));
    const active = vscode.window.activeTextEditor;
    assert.equal(active?.document.uri.toString(), fixture('compose.yaml').toString());
    assert.equal(active?.selection.start.line, 4);
  });

  it('export: Markdown with the score, ticks and links, in a read-only tab that closes without asking to save', async () => {
    const c = await api();
    await c.setScope('workspace');
    await c.refresh();
    await c.setTicked(12, true);
    const md = (await vscode.commands.executeCommand('bulkhead.exportChecklist')) as string;
    assert.match(md, /^## Docker security practices: \d+\/20 passed · 1\/20 reviewed\n/);
    assert.match(md, /^\| ✔️ \| 12\. Image scan \| 👤 needs a person \|/m);
    assert.match(md, /^- \[x\] \*\*12\. Image scan\*\*: /m);
    assert.match(md, /\[compose\.yaml:5\]\([^)]*compose\.yaml#L5\) `no-privileged`: /);
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.scheme, 'bulkhead-export');
    assert.equal(doc?.languageId, 'markdown');
    assert.equal(doc?.isDirty, false, 'nothing to save');
    assert.equal(doc?.getText(), md);
    // Closing it must not ask to save: a dialog would keep the command from returning.
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('the export tab to close', () => !vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'bulkhead-export')));
    await c.setTicked(12, false);
  });
});
