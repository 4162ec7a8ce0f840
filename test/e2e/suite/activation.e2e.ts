/**
 * Activation: runs first (suite/index.ts orders it), so the extension is still inactive when it
 * starts. The launcher also checks, in a second fresh window, that opening a Compose file alone
 * activates the extension (its DOM check opens compose.yaml first).
 */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { e2eEnv, ENV, REPORT_MARK } from './result';
import { extension, exists, open, revertAndCloseAll, samePath, waitFor } from './helpers';

interface Api {
  client?: { isRunning(): boolean };
  startup?: { serverStartedMs?: number; firstDiagnosticsMs?: number };
}

describe('activation', () => {
  after(revertAndCloseAll);

  it('loads the packaged extension, inactive until a Docker file opens', async () => {
    const ext = extension();
    const expected = e2eEnv(ENV.extensionPath);
    if (expected) {
      // The launcher unpacked the VSIX there: the tests exercise exactly the packaged files.
      assert.ok(samePath(ext.extensionUri.path, expected), `the extension was loaded from ${ext.extensionUri.path}, not from the unpacked VSIX ${expected}`);
      assert.equal(await exists(vscode.Uri.joinPath(ext.extensionUri, 'node_modules')), false, 'the packaged extension has a node_modules folder');
    }
    for (const bundle of ['dist/server.js', 'dist/browser/server.js']) {
      assert.ok(await exists(vscode.Uri.joinPath(ext.extensionUri, bundle)), `${bundle} is not in the extension folder`);
    }
    assert.equal(ext.isActive, false, 'the extension was already active before any Dockerfile or Compose file was opened');
  });

  it('opening a Dockerfile activates it and starts the bundled language server', async () => {
    const editor = await open('Dockerfile');
    assert.equal(editor.document.languageId, 'dockerfile');
    const ext = extension();
    await waitFor('the extension to activate', () => ext.isActive);
    const api = ext.exports as Api | undefined;
    assert.ok(api?.client, 'activate() returned no language client');
    await waitFor('the language client to be running', () => api.client?.isRunning() === true);
    // Bulkhead's share of a cold start, printed with the report (docs/benchmarks.md quotes it).
    await waitFor('the first Bulkhead diagnostics', () => api.startup?.firstDiagnosticsMs !== undefined);
    console.log(`${REPORT_MARK}    startup: server started ${api.startup?.serverStartedMs} ms and first diagnostics ${api.startup?.firstDiagnosticsMs} ms after activation`);
  });

  it('a Compose file has a language the extension activates on', async () => {
    const editor = await open('compose.yaml');
    // VS Code's built-in yaml extension gives compose.yaml the language id "dockercompose".
    assert.equal(editor.document.languageId, 'dockercompose');
    const events = (extension().packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(events.includes(`onLanguage:${editor.document.languageId}`), `activationEvents ${JSON.stringify(events)}`);
    const other = await open('ops/stack.yaml');
    assert.equal(other.document.languageId, 'yaml');
    assert.ok(events.includes('onLanguage:yaml'), `activationEvents ${JSON.stringify(events)}`);
  });
});
