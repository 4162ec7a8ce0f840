import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, HoverRequest, type CodeAction, type Diagnostic, type Hover, type MarkupContent, type TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lsp-client';

let client: TestClient;
afterEach(async () => {
  await client?.dispose();
});

const URI = 'file:///project/.devcontainer/devcontainer.json';
const TEXT =
  '{\n  // the GPU needs it\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "privileged": true,\n' +
  '  "mounts": [\n    "source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind",\n  ],\n  "remoteUser": "vscode",\n}\n';

async function actions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
  return (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } })) as CodeAction[];
}
function apply(text: string, action: CodeAction): string {
  const change = action.edit!.documentChanges![0] as TextDocumentEdit;
  // A snippet edit inserts its text with the cursor at $0 (nothing else in it is escaped here).
  const edits = change.edits.map((e) => ('snippet' in e ? { range: e.range, newText: (e.snippet as { value: string }).value.replace('$0', '') } : e));
  return TextDocument.applyEdits(TextDocument.create('x', 'x', 1, text), edits as never);
}
const hoverText = async (line: number, character: number) =>
  ((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line, character } })) as Hover | null)?.contents as MarkupContent | undefined;

describe('the language server and devcontainer.json', () => {
  it('diagnoses a jsonc devcontainer.json, and no other JSON file', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///project/tsconfig.json', languageId: 'jsonc', version: 1, text: '{ "privileged": true }' } });
    const p = await client.open(URI, 'jsonc', TEXT);
    expect(p.diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity}`)).toEqual([
      'no-privileged 3:2-3:20 1',
      'no-docker-socket-mount 5:4-5:71 1',
    ]);
    expect(client.published.some((x) => x.uri.endsWith('tsconfig.json') && x.diagnostics.length > 0)).toBe(false);
    // Editors that call it plain JSON (Helix, Eglot without a jsonc mode): the same, by path.
    const root = await client.open('file:///project/.devcontainer.json', 'json', '{ "runArgs": ["--privileged"] }');
    expect(root.diagnostics.map((d) => `${d.code} ${d.range.start.character}-${d.range.end.character}`)).toEqual(['no-privileged 14-28']);
  });

  it('quick fixes keep comments and trailing commas; ignore comments are JSONC comments and silence the finding', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    const p = await client.open(URI, 'jsonc', TEXT);
    const socket = p.diagnostics.filter((d) => d.code === 'no-docker-socket-mount');
    const list = await actions(URI, socket);
    expect(list.map((a) => a.title)).toEqual([
      'Remove the "/var/run/docker.sock" mount',
      'Ignore no-docker-socket-mount on this line',
      'Ignore no-docker-socket-mount in this file',
      'Show documentation for no-docker-socket-mount',
    ]);
    expect(apply(TEXT, list[0])).toBe(TEXT.replace('    "source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind",\n', ''));
    // An error's ignore must say why: the comment ends in "-- ", where the client leaves the cursor.
    expect(apply(TEXT, list[1])).toBe(TEXT.replace('    "source=/var', '    // bulkhead-ignore no-docker-socket-mount -- \n    "source=/var'));
    expect(apply(TEXT, list[2])).toBe(`// bulkhead-ignore-file no-docker-socket-mount -- \n${TEXT}`);
    const after = await client.change(URI, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: '    // bulkhead-ignore no-docker-socket-mount -- the CI runner needs it\n' }]);
    expect(after!.diagnostics.map((d) => d.code)).toEqual(['no-privileged']);
  });

  it('hover on a security-relevant key names the practice and the rules; on a finding, the rule', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    await client.open(URI, 'jsonc', TEXT);
    const user = (await hoverText(7, 5))!.value;
    expect(user).toMatch(/^\*\*remoteUser\*\*: The user VS Code's server, terminals and lifecycle commands run as/);
    expect(user).toContain('Practice 4. Run as a non-root user (rootless)');
    expect(user).toContain('Checked by: `non-root-user`');
    expect((await hoverText(4, 4))!.value).toMatch(/^\*\*mounts\*\*: /);
    expect((await hoverText(3, 6))!.value).toMatch(/^\*\*Bulkhead `no-privileged`\*\*/);
    expect(await hoverText(1, 6)).toBeUndefined();
  });
});
