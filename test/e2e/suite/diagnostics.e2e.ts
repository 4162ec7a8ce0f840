/**
 * Diagnostics published by the bundled language server, as VS Code holds them: rule codes, ranges,
 * severities and source. Each test asserts on specific rules only, so new rules do not break it.
 * Ranges are 0-based (line:character); the fixture files are test/e2e/fixtures/workspace/.
 */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { expectDiagnostics, fixture, open, revertAndCloseAll, ruleOf } from './helpers';

describe('diagnostics from the bundled server', () => {
  after(revertAndCloseAll);

  it('Dockerfile: USER root is a non-root-user warning on "root"', async () => {
    const { document } = await open('Dockerfile');
    assert.equal(document.lineAt(4).text, 'USER root');
    await expectDiagnostics(document.uri, 'non-root-user', ['non-root-user 4:5-4:9 Warning bulkhead']);
    const d = vscode.languages.getDiagnostics(document.uri).find((x) => ruleOf(x) === 'non-root-user');
    const code = d?.code;
    assert.ok(code && typeof code === 'object', 'the diagnostic code carries a link to the rule page');
    assert.match(code.target.toString(), /docs\/rules\/non-root-user\.md$/);
  });

  it('compose.yaml (dockercompose): privileged: true is a no-privileged error on the entry', async () => {
    const { document } = await open('compose.yaml');
    assert.equal(document.lineAt(4).text, '    privileged: true');
    await expectDiagnostics(document.uri, 'no-privileged', ['no-privileged 4:4-4:20 Error bulkhead']);
  });

  it('a plain YAML file with top-level services: is analysed as Compose', async () => {
    const { document } = await open('ops/stack.yaml');
    assert.equal(document.languageId, 'yaml');
    await expectDiagnostics(document.uri, 'no-privileged', ['no-privileged 4:4-4:20 Error bulkhead']);
  });

  it('a file that is neither gets no Bulkhead diagnostics', async () => {
    const uri = fixture('app.py');
    await open('app.py');
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'bulkhead'), []);
  });
});
