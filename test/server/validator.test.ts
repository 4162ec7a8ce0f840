import { describe, expect, it } from 'vitest';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { publishDiagnostics, Validator } from '../../server/src/lsp/validator';

/** A connection that has closed: vscode-jsonrpc throws on every send, as it does after the stream ended. */
function closedConnection(tried: PublishDiagnosticsParams[]): Connection {
  return {
    sendDiagnostics(params: PublishDiagnosticsParams) {
      tried.push(params);
      throw new Error('Connection is closed.');
    },
  } as unknown as Connection;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('publishing after the connection closed', () => {
  it('publishDiagnostics drops the publish, whether the send throws or rejects', async () => {
    const tried: PublishDiagnosticsParams[] = [];
    await expect(publishDiagnostics(closedConnection(tried), { uri: 'file:///a/Dockerfile', diagnostics: [] })).resolves.toBeUndefined();
    const rejecting = { sendDiagnostics: () => Promise.reject(new Error('write EPIPE')) };
    await expect(publishDiagnostics(rejecting, { uri: 'file:///a/Dockerfile', diagnostics: [] })).resolves.toBeUndefined();
    expect(tried.map((p) => p.uri)).toEqual(['file:///a/Dockerfile']);
  });

  it('a scheduled analysis and a close that publish on a closed connection neither throw nor leave a rejected promise', async () => {
    const tried: PublishDiagnosticsParams[] = [];
    const doc = TextDocument.create('file:///a/Dockerfile', 'dockerfile', 3, 'FROM alpine\n');
    const validator = new Validator(closedConnection(tried), (uri) => (uri === doc.uri ? doc : undefined), async () => ({ diagnostics: [], syntaxError: false }), 0, 0);
    validator.schedule(doc.uri, true);
    await tick();
    // The publish of the analysis was tried; the document now counts as shown, so closing it clears it.
    expect(() => validator.close(doc.uri)).not.toThrow();
    await tick();
    expect(tried.map((p) => [p.uri, p.version])).toEqual([
      ['file:///a/Dockerfile', 3],
      ['file:///a/Dockerfile', undefined],
    ]);
  });
});
