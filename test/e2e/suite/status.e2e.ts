/**
 * The status-bar item and the output channel, read through the extension's API: the item shows a
 * spinner while the server starts, then "ready" with the active file's error and warning counts
 * (following edits), hides beside files Bulkhead does not check, and goes through
 * stopped → starting → ready on a restart. The output channel's first line names the version.
 */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { e2eEnv, HOST_ENV } from './result';
import { expectDiagnostics, extension, open, revertAndCloseAll, waitFor } from './helpers';

type State = 'starting' | 'ready' | 'error' | 'stopped';
interface Snapshot {
  state: State;
  text: string;
  tooltip: string;
  visible: boolean;
  counts: { file: string; errors: number; warnings: number; others: number } | undefined;
  history: { state: State; text: string }[];
}
interface Api {
  status?: () => Snapshot;
  outputLines?: () => string[];
}

const SPINNER = '$(loading~spin) Bulkhead';

async function api(): Promise<Required<Api>> {
  const a = (await extension().activate()) as Api;
  assert.ok(a?.status && a.outputLines, 'the extension API has no status() or outputLines()');
  return a as Required<Api>;
}

/** Bulkhead's errors and warnings on `uri`, counted from the Problems data as the item should. */
function counted(uri: vscode.Uri): { errors: number; warnings: number } {
  const mine = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'bulkhead');
  return {
    errors: mine.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length,
    warnings: mine.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length,
  };
}

/** Waits until the item shows exactly `text`; fails with what it shows. */
async function expectText(a: Required<Api>, text: string): Promise<Snapshot> {
  try {
    return await waitFor(`the status item to show "${text}"`, () => (a.status().text === text ? a.status() : undefined));
  } catch {
    assert.equal(a.status().text, text, `status item: ${JSON.stringify(a.status())}`);
    throw new Error('unreachable');
  }
}

describe('the status-bar item', () => {
  after(revertAndCloseAll);

  it('showed a spinner while the server started, then "ready"', async () => {
    const a = await api();
    await waitFor('the server to be ready', () => a.status().state === 'ready');
    const history = a.status().history;
    assert.deepEqual(history[0], { state: 'starting', text: SPINNER }, `history: ${JSON.stringify(history)}`);
    assert.equal(history[1]?.state, 'ready', `history: ${JSON.stringify(history)}`);
  });

  it('shows the error and warning counts of compose.yaml, and follows a fix', async () => {
    const a = await api();
    const editor = await open('compose.yaml');
    const uri = editor.document.uri;
    await expectDiagnostics(uri, 'no-privileged', ['no-privileged 4:4-4:20 Error bulkhead']);
    const before = counted(uri);
    assert.ok(before.errors >= 1, `compose.yaml has no error: ${JSON.stringify(before)}`);
    const shown = await expectText(a, `$(shield) Bulkhead $(error) ${before.errors} $(warning) ${before.warnings}`);
    assert.equal(shown.state, 'ready');
    assert.equal(shown.visible, true);
    assert.deepEqual({ file: shown.counts?.file, errors: shown.counts?.errors, warnings: shown.counts?.warnings }, { file: 'compose.yaml', ...before });
    assert.match(shown.tooltip, new RegExp(`^Bulkhead: ${before.errors} errors? and ${before.warnings} warnings? in compose\\.yaml`));

    // Remove `privileged: true` (line 5): one error fewer, and the item follows.
    const edit = new vscode.WorkspaceEdit();
    edit.delete(uri, new vscode.Range(4, 0, 5, 0));
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await expectDiagnostics(uri, 'no-privileged', []);
    const after = counted(uri);
    assert.equal(after.errors, before.errors - 1);
    await expectText(a, after.errors + after.warnings === 0 ? '$(shield) Bulkhead $(check)' : `$(shield) Bulkhead $(error) ${after.errors} $(warning) ${after.warnings}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await expectText(a, `$(shield) Bulkhead $(error) ${before.errors} $(warning) ${before.warnings}`);
  });

  it('switches to the Dockerfile\'s counts, and hides beside a file Bulkhead does not check', async () => {
    const a = await api();
    const docker = await open('Dockerfile');
    await expectDiagnostics(docker.document.uri, 'non-root-user', ['non-root-user 4:5-4:9 Warning bulkhead']);
    const c = counted(docker.document.uri);
    await expectText(a, c.errors + c.warnings === 0 ? '$(shield) Bulkhead $(check)' : `$(shield) Bulkhead $(error) ${c.errors} $(warning) ${c.warnings}`);
    assert.equal(a.status().counts?.file, 'Dockerfile');
    await open('app.py');
    await waitFor('the item to hide beside app.py', () => a.status().visible === false);
    assert.equal(a.status().state, 'ready');
    assert.equal(a.status().counts, undefined);
  });

  it('goes through stopped, starting (spinner) and ready on a restart', async () => {
    const a = await api();
    await open('compose.yaml');
    const from = a.status().history.length;
    await vscode.commands.executeCommand('bulkhead.restartServer');
    await waitFor('the server to be ready again', () => a.status().state === 'ready');
    const states = a.status().history.slice(from);
    assert.deepEqual(
      states.map((h) => h.state),
      ['stopped', 'starting', 'ready'],
      `history after the restart: ${JSON.stringify(states)}`,
    );
    assert.equal(states[1].text, SPINNER);
    // Back to work: compose.yaml's diagnostics come again from the new server.
    await expectDiagnostics((await open('compose.yaml')).document.uri, 'no-privileged', ['no-privileged 4:4-4:20 Error bulkhead']);
  });
});

describe('the "Bulkhead" output channel', () => {
  it('starts with the version from package.json, then the server says it started', async () => {
    const a = await api();
    const version = (extension().packageJSON as { version: string }).version;
    const host = e2eEnv(HOST_ENV) === 'web' ? 'web' : 'node';
    const lines = a.outputLines();
    assert.equal(lines[0], `info: Bulkhead ${version} (VS Code ${vscode.version}, ${host} extension host).`);
    const runtime = host === 'web' ? 'web worker' : `Node.js ${process.versions.node}, ${process.platform}`;
    assert.ok(lines.includes(`info: Bulkhead language server ${version} started (${runtime}).`), `lines: ${JSON.stringify(lines.slice(0, 20))}`);
  });

  it('at bulkhead.trace.server: verbose, logs the time of each analysis', async () => {
    const a = await api();
    const config = () => vscode.workspace.getConfiguration('bulkhead');
    await config().update('trace.server', 'verbose', vscode.ConfigurationTarget.Global);
    try {
      const editor = await open('Dockerfile');
      const uri = editor.document.uri;
      await expectDiagnostics(uri, 'non-root-user', ['non-root-user 4:5-4:9 Warning bulkhead']);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(5, 0), '# timed\n');
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      const version = editor.document.version;
      const line = new RegExp(`^info: Analysed ${uri.toString().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(version ${version}\\) in \\d+\\.\\d ms: \\d+ diagnostics?$`);
      await waitFor(`an "Analysed ... (version ${version})" line`, () => a.outputLines().some((l) => line.test(l)));
    } finally {
      await config().update('trace.server', undefined, vscode.ConfigurationTarget.Global);
      await revertAndCloseAll();
    }
  });
});
