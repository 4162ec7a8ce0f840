/**
 * Activation: runs first (suite/index.ts orders it), so the extension is still inactive when it
 * starts. The launcher also checks, in a second fresh window, that opening a Compose file alone
 * activates the extension (its DOM check opens compose.yaml first).
 */
import * as assert from 'node:assert/strict';
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'mocha';
import { ENV } from './result';
import { extension, open, revertAndCloseAll, waitFor } from './helpers';

interface Api {
  client?: { isRunning(): boolean };
}

describe('activation', () => {
  after(revertAndCloseAll);

  it('loads the packaged extension, inactive until a Docker file opens', () => {
    const ext = extension();
    const expected = process.env[ENV.extensionPath];
    if (expected) {
      // The launcher unpacked the VSIX there: the tests exercise exactly the packaged files.
      assert.equal(realpathSync(ext.extensionPath), realpathSync(expected), 'the extension was not loaded from the unpacked VSIX');
      assert.equal(existsSync(join(ext.extensionPath, 'node_modules')), false, 'the packaged extension has a node_modules folder');
    }
    assert.ok(existsSync(join(ext.extensionPath, 'dist', 'server.js')), 'dist/server.js is not in the extension folder');
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
