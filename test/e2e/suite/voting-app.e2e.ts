/**
 * Signal over noise (issue 15) in a real editor: a voting-app-sized Compose file (six services,
 * fixtures/workspace/voting-app/compose.yaml) shows its real errors and warnings in the Problems
 * panel, and its hardening advice as hints, one "harden service" hint per service with one fix.
 */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { expectDiagnostics, open, revertAndCloseAll, ruleOf, waitFor } from './helpers';

const FILE = 'voting-app/compose.yaml';
const SERVICES: [string, number][] = [
  ['vote', 3],
  ['result', 14],
  ['worker', 28],
  ['redis', 38],
  ['db', 46],
  ['visualizer', 61],
];
const key = (line: number, name: string) => `${line}:2-${line}:${2 + name.length}`;

describe('a six-service Compose file: risks in Problems, advice as hints', () => {
  after(revertAndCloseAll);

  it('the errors and warnings are the real risks of the file', async () => {
    const { document } = await open(FILE);
    const uri = document.uri;
    await expectDiagnostics(uri, 'no-docker-socket-mount', ['no-docker-socket-mount 66:8-66:49 Error bulkhead']);
    await expectDiagnostics(uri, 'no-hardcoded-secrets', ['no-hardcoded-secrets 50:25-50:40 Error bulkhead']);
    await expectDiagnostics(uri, 'image-tag-pinned', ['image-tag-pinned 62:36-62:42 Warning bulkhead']);
    await expectDiagnostics(
      uri,
      'require-resource-limits',
      SERVICES.map(([name, line]) => `require-resource-limits ${key(line, name)} Warning bulkhead`),
    );
    // What VS Code lists in the Problems panel: errors, warnings and information.
    const problems = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'bulkhead' && d.severity !== vscode.DiagnosticSeverity.Hint);
    assert.deepEqual(problems.map(ruleOf).sort(), [
      'image-tag-pinned',
      'no-docker-socket-mount',
      'no-hardcoded-secrets',
      ...SERVICES.map(() => 'require-resource-limits'),
    ]);
  });

  it('the hardening advice is one hint per service, and published ports are hints', async () => {
    const { document } = await open(FILE);
    const uri = document.uri;
    await expectDiagnostics(
      uri,
      'harden-service',
      SERVICES.map(([name, line]) => `harden-service ${key(line, name)} Hint bulkhead`),
    );
    const db = vscode.languages.getDiagnostics(uri).find((d) => ruleOf(d) === 'harden-service' && d.range.start.line === 46);
    assert.equal(db?.message, 'Service "db" lacks 3 hardening settings: cap_drop: [ALL], read_only: true, no-new-privileges:true');
    await expectDiagnostics(uri, 'bind-ports-to-localhost', [
      'bind-ports-to-localhost 6:8-6:17 Hint bulkhead',
      'bind-ports-to-localhost 17:8-17:17 Hint bulkhead',
      'bind-ports-to-localhost 54:8-54:19 Hint bulkhead',
      'bind-ports-to-localhost 64:8-64:19 Hint bulkhead',
    ]);
    for (const rule of ['drop-all-capabilities', 'read-only-root-filesystem', 'require-no-new-privileges']) await expectDiagnostics(uri, rule, []);
  });

  it('the harden-service hint offers "Harden service" once, and applying it leaves the memory-limit warning', async () => {
    const editor = await open(FILE);
    const uri = editor.document.uri;
    const d = await waitFor('the harden-service hint on db', () => vscode.languages.getDiagnostics(uri).find((x) => ruleOf(x) === 'harden-service' && x.range.start.line === 46));
    // Resolved as when a user picks one: the server fills in each edit on codeAction/resolve.
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value, 50)) ?? [];
    const harden = actions.filter((a) => a.title.startsWith('Harden service "db"'));
    assert.equal(harden.length, 1, `one "Harden service" action; the menu: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(harden[0].edit);
    assert.equal(await vscode.workspace.applyEdit(harden[0].edit), true);
    await waitFor('the db hint to go', () => !vscode.languages.getDiagnostics(uri).some((x) => ruleOf(x) === 'harden-service' && x.range.start.line === 46));
    assert.ok(vscode.languages.getDiagnostics(uri).some((x) => ruleOf(x) === 'require-resource-limits' && x.range.start.line === 46));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
