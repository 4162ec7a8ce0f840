import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, DidChangeWatchedFilesNotification, type CodeAction, type Diagnostic, type TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lsp-client';

let client: TestClient;
afterEach(async () => {
  await client?.dispose();
});

const COMPOSE = 'file:///project/compose.yaml';
const DOCKERFILE = 'file:///project/Dockerfile';

async function actions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } })) as CodeAction[];
}

const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });
const edits = (action: CodeAction) => (action.edit!.documentChanges![0] as TextDocumentEdit).edits;

function apply(text: string, action: CodeAction): string {
  const change = action.edit!.documentChanges![0] as TextDocumentEdit;
  return TextDocument.applyEdits(TextDocument.create('x', 'x', 1, text), change.edits as never);
}

describe('code actions', () => {
  it('offer the fix, ignore on this line, ignore in this file and the docs, with versioned edits', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    const p = await client.open(COMPOSE, 'dockercompose', text);
    const d = p.diagnostics.filter((x) => x.code === 'no-privileged');
    const list = await actions(COMPOSE, d);
    expect(list.map((a) => a.title)).toEqual(['Remove "privileged: true"', 'Ignore no-privileged on this line', 'Ignore no-privileged in this file', 'Show documentation for no-privileged']);
    expect(list.map((a) => a.kind)).toEqual(['quickfix', 'quickfix', 'quickfix', 'quickfix']);
    // A suggestion is never preferred (only a lone safe fix is).
    expect(list[0].isPreferred).toBe(false);
    expect((list[0].edit!.documentChanges![0] as TextDocumentEdit).textDocument).toEqual({ uri: COMPOSE, version: 1 });
    expect(apply(text, list[0])).toBe('services:\n  web:\n    image: nginx:1.27\n');
    // An ignore of an error must say why: the comment ends in "-- " with the cursor after it ($0).
    expect(edits(list[1])).toEqual([{ range: at(3, 0), snippet: { kind: 'snippet', value: '    # bulkhead-ignore no-privileged -- $0\n' } }]);
    expect(edits(list[2])).toEqual([{ range: at(0, 0), snippet: { kind: 'snippet', value: '# bulkhead-ignore-file no-privileged -- $0\n' } }]);
    expect(list[3].command).toEqual({ title: 'Show documentation for no-privileged', command: 'bulkhead.showRuleDocs', arguments: ['no-privileged'] });

    // Applying the ignore silences the finding.
    const after = await client.change(COMPOSE, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '    # bulkhead-ignore no-privileged\n' }]);
    expect(after!.diagnostics.some((x) => x.code === 'no-privileged')).toBe(false);
  });

  it('an ignore that must say why is a snippet only for a new comment in a client that takes snippets', async () => {
    const compose = 'services:\n  web:\n    privileged: true\n';
    // Without snippet edits: the plain comment; ignore-comment's "without a reason" warning then asks for one.
    client = TestClient.inProcess();
    await client.initialize({ workspace: { workspaceEdit: { snippetEditSupport: false } } });
    let p = await client.open(COMPOSE, 'dockercompose', compose);
    let list = await actions(COMPOSE, p.diagnostics.filter((x) => x.code === 'no-privileged'));
    expect(apply(compose, list.find((a) => a.title === 'Ignore no-privileged on this line')!)).toBe('services:\n  web:\n    # bulkhead-ignore no-privileged\n    privileged: true\n');
    await client.dispose();

    client = TestClient.inProcess();
    await client.initialize();
    // Added to an existing comment, the rule shares that comment's reason: a plain edit.
    const merged = 'services:\n  web:\n    # bulkhead-ignore no-new-privileges\n    privileged: true\n';
    p = await client.open(COMPOSE, 'dockercompose', merged);
    list = await actions(COMPOSE, p.diagnostics.filter((x) => x.code === 'no-privileged'));
    expect(edits(list.find((a) => a.title === 'Ignore no-privileged on this line')!)).toEqual([{ range: at(2, 39), newText: ',no-privileged' }]);
    // A warning needs no reason by default: the plain comment.
    const df = await client.open(DOCKERFILE, 'dockerfile', 'FROM alpine:3.22\nUSER root\n');
    const root = await actions(DOCKERFILE, df.diagnostics.filter((x) => x.code === 'non-root-user'));
    expect(edits(root.find((a) => a.title === 'Ignore non-root-user on this line')!)).toEqual([{ range: at(1, 0), newText: '# bulkhead-ignore non-root-user\n' }]);
  });

  it('"ignore on this line" merges into an existing comment and goes above the instruction, after directives for the file', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    const text = '# syntax=docker/dockerfile:1\nFROM alpine:3.22\n  # bulkhead-ignore no-sudo\n  USER \\\n    root\n';
    const p = await client.open(DOCKERFILE, 'dockerfile', text);
    const d = p.diagnostics.filter((x) => x.code === 'non-root-user');
    expect(d[0].range.start.line).toBe(4);
    const list = await actions(DOCKERFILE, d);
    const line = list.find((a) => a.title === 'Ignore non-root-user on this line')!;
    expect(apply(text, line)).toBe('# syntax=docker/dockerfile:1\nFROM alpine:3.22\n  # bulkhead-ignore no-sudo,non-root-user\n  USER \\\n    root\n');
    const file = list.find((a) => a.title === 'Ignore non-root-user in this file')!;
    expect(apply(text, file)).toBe('# syntax=docker/dockerfile:1\n# bulkhead-ignore-file non-root-user\nFROM alpine:3.22\n  # bulkhead-ignore no-sudo\n  USER \\\n    root\n');
  });

  it('refuse stale diagnostics: no action for a diagnostic from an older version', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    const p = await client.open(COMPOSE, 'dockercompose', 'services:\n  web:\n    privileged: true\n');
    const d = p.diagnostics.filter((x) => x.code === 'no-privileged');
    await client.change(COMPOSE, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# moved\n' }]);
    expect(await actions(COMPOSE, d)).toEqual([]);
  });

  it('source.fixAll.bulkhead applies every safe fix in one edit, and only safe ones', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    const text = 'FROM alpine:3.22\n# bulkhead-ignore made-up -- old\nUSER 10001\n# bulkhead-ignore also-made-up\nRUN true\n';
    await client.open(DOCKERFILE, 'dockerfile', text);
    const list = await actions(DOCKERFILE, [], ['source.fixAll']);
    expect(list.map((a) => [a.title, a.kind])).toEqual([['Fix all safe Bulkhead problems', 'source.fixAll.bulkhead']]);
    expect(apply(text, list[0])).toBe('FROM alpine:3.22\nUSER 10001\nRUN true\n');
    expect(await actions(COMPOSE, [], ['source.fixAll'])).toEqual([]);
  });

  it('a fix that creates another file becomes a create + edit in the workspace edit', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    const p = await client.open(DOCKERFILE, 'dockerfile', 'FROM alpine:3.22\nCOPY . .\n');
    const d = p.diagnostics.filter((x) => x.code === 'dockerignore-secrets');
    expect(d).toHaveLength(1);
    const list = await actions(DOCKERFILE, d);
    const create = list.find((a) => a.title.startsWith('Create a .dockerignore'))!;
    const changes = create.edit!.documentChanges!;
    expect(changes[0]).toEqual({ kind: 'create', uri: 'file:///project/.dockerignore', options: { ignoreIfExists: true } });
    expect(changes[1]).toMatchObject({ textDocument: { uri: 'file:///project/.dockerignore', version: null } });
  });

  it('serves rule docs as Markdown rendered from metadata', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    const docs = (await client.connection.sendRequest('bulkhead/ruleDocs', { id: 'no-privileged' })) as { markdown: string };
    expect(docs.markdown).toMatch(/^# `no-privileged`: Do not run services privileged\n/);
    expect(await client.connection.sendRequest('bulkhead/ruleDocs', { id: 'nope' })).toBeNull();
  });
});

describe('configuration in the server', () => {
  it('reads .bulkhead.yaml, lets editor settings win, and reloads when the file changes', async () => {
    const files: Record<string, string> = { '/project/.bulkhead.yaml': 'rules:\n  no-privileged: warning\n' };
    let editorRules: Record<string, string> = {};
    client = TestClient.inProcess({ readFile: (p) => files[p] });
    client.connection.onRequest('workspace/configuration', () => [{ rules: editorRules }]);
    await client.initialize({ workspace: { configuration: true } });
    const first = await client.open(COMPOSE, 'dockercompose', 'services:\n  web:\n    privileged: true\n');
    expect(first.diagnostics.find((x) => x.code === 'no-privileged')?.severity).toBe(2);

    files['/project/.bulkhead.yaml'] = 'rules:\n  no-privileged: off\n';
    const off = client.next(COMPOSE, (p) => !p.diagnostics.some((x) => x.code === 'no-privileged'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: 'file:///project/.bulkhead.yaml', type: 2 }] });
    await off;

    editorRules = { 'no-privileged': 'hint' };
    const hint = client.next(COMPOSE, (p) => p.diagnostics.find((x) => x.code === 'no-privileged')?.severity === 4);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await hint;
  });

  it('publishes the problems of a malformed config file on that file', async () => {
    const files: Record<string, string> = { '/project/.bulkhead.yaml': 'rules:\n  no-such: off\n' };
    client = TestClient.inProcess({ readFile: (p) => files[p] });
    await client.initialize();
    const config = client.next('file:///project/.bulkhead.yaml');
    await client.open(COMPOSE, 'dockercompose', 'services:\n  web:\n    privileged: true\n');
    const p = await config;
    expect(p.diagnostics.map((d) => [d.message, d.range.start])).toEqual([['Bulkhead configuration: unknown rule "no-such" (run "bulkhead rules" for the list)', { line: 1, character: 2 }]]);
  });
});
