/**
 * Issue 17.2 in a real VS Code: `maxFileSize` of `.bulkhead.yaml` applies in the editor while the
 * user has not set `bulkhead.maxFileSize` (its default is "not set"), on both extension hosts. The
 * files are written for the test into a folder of the fixture workspace and removed afterwards.
 */
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { expectDiagnostics, fixture, open, revertAndCloseAll } from './helpers';

const FOLDER = 'size-limit';
const encode = (s: string) => new TextEncoder().encode(s);

describe('configuration in the editor: .bulkhead.yaml maxFileSize', () => {
  after(async () => {
    await revertAndCloseAll();
    await vscode.workspace.fs.delete(fixture(FOLDER), { recursive: true, useTrash: false });
  });

  it('applies while bulkhead.maxFileSize is not set', async () => {
    const setting = vscode.workspace.getConfiguration('bulkhead').inspect<number | null>('maxFileSize');
    assert.equal(setting?.defaultValue ?? null, null, 'bulkhead.maxFileSize has a default value, so it would always win');
    await vscode.workspace.fs.writeFile(fixture(`${FOLDER}/.bulkhead.yaml`), encode('maxFileSize: 40\n'));
    await vscode.workspace.fs.writeFile(fixture(`${FOLDER}/Dockerfile`), encode('FROM alpine:3.22\nRUN apk add --no-cache curl\nUSER 10001\n'));
    const editor = await open(`${FOLDER}/Dockerfile`);
    await expectDiagnostics(editor.document.uri, 'file-too-large', ['file-too-large 0:0-0:1 Information bulkhead']);
  });
});
