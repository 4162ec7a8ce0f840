/**
 * The practice checklist view: statuses from the server for the workspace and the active file,
 * ticks that reset when the files behind them change, reveal, and the Markdown export.
 */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { extension, fixture, open, replace, revertAndCloseAll, waitFor } from './helpers';

interface PracticeState {
  practice: number;
  status: string;
  description: string;
  ticked: boolean;
  findings: number;
}
interface ChecklistApi {
  scope: 'file' | 'workspace';
  refresh(): Promise<{ practices: { practice: number; findings: { uri: string; range: vscode.Range }[] }[]; files: number } | undefined>;
  setScope(s: 'file' | 'workspace'): Promise<unknown>;
  practices(): PracticeState[];
  setTicked(n: number, on: boolean): Promise<void>;
  view: vscode.TreeView<unknown>;
}

async function api(): Promise<ChecklistApi> {
  const exports = (await extension().activate()) as { checklist: ChecklistApi };
  assert.ok(exports.checklist, 'activate() returns the checklist');
  return exports.checklist;
}
const state = (c: ChecklistApi, n: number) => c.practices().find((p) => p.practice === n)!;

describe('practice checklist', () => {
  after(revertAndCloseAll);

  it('the view opens in its activity-bar container and shows the score', async () => {
    const c = await api();
    await vscode.commands.executeCommand('bulkhead.checklist.focus');
    await waitFor('the checklist view to be visible', () => c.view.visible);
    await c.setScope('workspace');
    await waitFor('a score in the title', () => /^\d+\/20 done$/.test(c.view.description ?? '') && /^\d+\/20 done · Whole workspace: \d+ files$/.test(c.view.message ?? ''));
  });

  it('workspace scope: every Dockerfile and Compose file, with statuses', async () => {
    const c = await api();
    await c.setScope('workspace');
    const r = await c.refresh();
    assert.ok(r);
    assert.equal(r.practices.length, 20);
    assert.ok(r.files >= 2, 'Dockerfile and compose.yaml (and ops/stack.yaml while it is open)');
    assert.equal(state(c, 3).status, 'findings');
    assert.equal(state(c, 4).status, 'findings');
    assert.equal(state(c, 12).status, 'needs-person');
    assert.equal(state(c, 12).description, 'needs a person');
  });

  it('file scope follows the active editor', async () => {
    const c = await api();
    await c.setScope('file');
    await open('Dockerfile');
    const r = await c.refresh();
    assert.equal(r?.files, 1);
    assert.equal(state(c, 5).status, 'not-applicable', 'resource limits are a Compose matter');
    assert.equal(state(c, 4).status, 'findings');
    assert.match(c.view.message ?? '', /^\d+\/20 done · Active file: Dockerfile$/);
  });

  it('a tick holds until the files behind the practice change', async () => {
    const c = await api();
    await c.setScope('file');
    const editor = await open('Dockerfile');
    await c.refresh();
    await c.setTicked(4, true);
    await c.setTicked(20, true);
    assert.equal(state(c, 4).ticked, true);
    assert.match(c.view.description ?? '', /^2\/20 done/);
    await replace(editor.document.uri, new vscode.Range(4, 5, 4, 9), '10001');
    await waitFor('practice 4 to pass and lose its tick', () => state(c, 4).status === 'passed' && !state(c, 4).ticked);
    assert.equal(state(c, 20).ticked, false, 'the Dockerfile changed: every Dockerfile practice is reset');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('a finding reveals its range in the editor', async () => {
    const c = await api();
    await c.setScope('workspace');
    const r = await c.refresh();
    // compose.yaml's finding (the dev container fixture has one in practice 3 too).
    const f = r!.practices.find((p) => p.practice === 3)!.findings.find((x) => x.uri.endsWith('/compose.yaml'))!;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('bulkhead.checklist.reveal', vscode.Uri.parse(f.uri), new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character));
    const active = vscode.window.activeTextEditor;
    assert.equal(active?.document.uri.toString(), fixture('compose.yaml').toString());
    assert.equal(active?.selection.start.line, 4);
  });

  it('export: Markdown with the score, ticks and file:line links', async () => {
    const c = await api();
    await c.setScope('workspace');
    await c.refresh();
    await c.setTicked(12, true);
    const md = (await vscode.commands.executeCommand('bulkhead.exportChecklist')) as string;
    assert.match(md, /^## Docker security practices: 1\/20 done\n/);
    assert.match(md, /^- \[x\] \*\*12\. Test and verify images\*\* — 👤 needs a person$/m);
    assert.match(md, /\[compose\.yaml:5\]\(compose\.yaml#L5\) `no-privileged` — /);
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'markdown');
    await c.setTicked(12, false);
  });
});
