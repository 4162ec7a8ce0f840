import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, CodeActionResolveRequest, ExecuteCommandRequest, type CodeAction, type Command, type Diagnostic, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lsp-client';

/**
 * The quick-fix menu reads like ESLint's (every fix once, then the ignores, then the docs, then
 * "Fix all"), edits come from the server's own analysis of the current version (resolved on demand
 * where the client can), and `bulkhead.applyEdit` / `bulkhead.showRuleDocs` take only what the
 * server hands out.
 */

let client: TestClient;
afterEach(async () => {
  await client?.dispose();
});

const COMPOSE = 'file:///project/compose.yaml';
const DOCKERFILE = 'file:///project/Dockerfile';
const RESOLVING = { textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } } };

async function menu(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } })) as CodeAction[];
}

function apply(text: string, edit: WorkspaceEdit): string {
  const change = edit.documentChanges![0] as TextDocumentEdit;
  return TextDocument.applyEdits(TextDocument.create('x', 'x', 1, text), change.edits as never);
}

/** Records the client's `workspace/applyEdit` requests and accepts them. */
function applied(c: TestClient): WorkspaceEdit[] {
  const out: WorkspaceEdit[] = [];
  c.connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
    out.push(p.edit);
    return { applied: true };
  });
  return out;
}

const HARDENABLE = 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n';
const STRICT = 'profile: strict\n';
const STALE_IGNORES = 'FROM alpine:3.22\n# bulkhead-ignore made-up -- old\nUSER 10001\n# bulkhead-ignore also-made-up\nRUN true\n';

describe('the quick-fix menu', () => {
  it('lists a fix several diagnostics share once, then the ignores per rule, then the docs', async () => {
    // The strict profile shows each hardening gap as a finding of its own (the default profile folds them into one harden-service finding).
    client = TestClient.inProcess({ readFile: (p) => (p === '/project/.bulkhead.yaml' ? STRICT : undefined) });
    await client.initialize();
    const p = await client.open(COMPOSE, 'dockercompose', HARDENABLE);
    const onKey = p.diagnostics.filter((d) => d.range.start.line === 1);
    const ids = onKey.map((d) => String(d.code));
    expect(ids).toEqual(['drop-all-capabilities', 'require-healthcheck', 'require-no-new-privileges', 'require-resource-limits']);
    const list = await menu(COMPOSE, onKey);
    const harden = 'Harden service "web" (read_only, tmpfs, cap_drop: ALL, no-new-privileges)';
    expect(list.map((a) => a.title)).toEqual([
      'Add "cap_drop: [ALL]"',
      harden,
      'Add a healthcheck with a placeholder test',
      'Add "no-new-privileges:true" to security_opt',
      'Add placeholder limits under deploy.resources.limits (memory: 512M, cpus: "0.50", pids: 256)',
      ...ids.flatMap((id) => [`Ignore ${id} on this line`, `Ignore ${id} in this file`]),
      ...ids.map((id) => `Show documentation for ${id}`),
    ]);
    // The shared fix names every diagnostic it fixes.
    expect(list.find((a) => a.title === harden)!.diagnostics!.map((d) => d.code)).toEqual(['drop-all-capabilities', 'require-no-new-privileges']);
    expect(new Set(list.map((a) => a.kind))).toEqual(new Set(['quickfix']));
  });

  for (const resolving of [false, true]) {
    it(`the folded harden-service finding lists "Harden service" once, first, built on demand${resolving ? ' and resolved' : ''}`, async () => {
      client = TestClient.inProcess();
      await client.initialize(resolving ? RESOLVING : {});
      const p = await client.open(COMPOSE, 'dockercompose', HARDENABLE);
      const onKey = p.diagnostics.filter((d) => d.range.start.line === 1);
      expect(onKey.map((d) => [String(d.code), d.message])).toEqual([
        ['harden-service', 'Service "web" lacks 3 hardening settings: cap_drop: [ALL], a healthcheck, no-new-privileges:true'],
        ['require-resource-limits', 'Service "web" has no memory, CPU or PIDs limit, so it can exhaust the host; add limits under deploy.resources.limits'],
      ]);
      const list = await menu(COMPOSE, onKey);
      const harden = 'Harden service "web" (read_only, tmpfs, cap_drop: ALL, no-new-privileges)';
      expect(list.map((a) => a.title)).toEqual([
        harden,
        'Add a healthcheck with a placeholder test',
        'Add placeholder limits under deploy.resources.limits (memory: 512M, cpus: "0.50", pids: 256)',
        ...['harden-service', 'require-resource-limits'].flatMap((id) => [`Ignore ${id} on this line`, `Ignore ${id} in this file`]),
        'Show documentation for harden-service',
        'Show documentation for require-resource-limits',
      ]);
      const offered = list[0];
      expect(offered.diagnostics!.map((d) => d.code)).toEqual(['harden-service']);
      expect(offered.edit === undefined).toBe(resolving);
      const picked = resolving ? ((await client.connection.sendRequest(CodeActionResolveRequest.type, offered)) as CodeAction) : offered;
      expect(apply(HARDENABLE, picked.edit!)).toBe(
        'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    cap_drop:\n      - ALL\n    tmpfs:\n      - /tmp\n    security_opt:\n      - no-new-privileges:true\n',
      );
    });
  }

  it('ends with "Fix all safe Bulkhead problems" when it does more than the fixes listed; the source action only when asked for', async () => {
    client = TestClient.inProcess();
    const edits = applied(client);
    await client.initialize();
    const p = await client.open(DOCKERFILE, 'dockerfile', STALE_IGNORES);
    const first = p.diagnostics.filter((d) => d.code === 'ignore-comment').slice(0, 1);
    const list = await menu(DOCKERFILE, first);
    expect(list.map((a) => a.title)).toEqual(['Remove "made-up" from this comment', 'Ignore ignore-comment on this line', 'Ignore ignore-comment in this file', 'Show documentation for ignore-comment', 'Fix all safe Bulkhead problems']);
    expect(list[0].isPreferred).toBe(true);
    // No source action in the plain quick-fix menu: fix-all is computed only when chosen.
    expect(list.some((a) => a.kind === 'source.fixAll.bulkhead')).toBe(false);
    const all = list.at(-1)!;
    expect(all.kind).toBe('quickfix');
    expect(all.edit).toBeUndefined();
    expect(all.command?.command).toBe('bulkhead.applyEdit');
    await client.connection.sendRequest(ExecuteCommandRequest.type, all.command!);
    expect(edits).toHaveLength(1);
    expect(apply(STALE_IGNORES, edits[0])).toBe('FROM alpine:3.22\nUSER 10001\nRUN true\n');

    // With one safe fix in the document, "Fix all" would repeat the fix above: not listed.
    await client.open('file:///project/one/Dockerfile', 'dockerfile', 'FROM alpine:3.22\n# bulkhead-ignore made-up\nUSER 10001\n');
    const one = client.published.at(-1)!.diagnostics.filter((d) => d.code === 'ignore-comment');
    expect((await menu('file:///project/one/Dockerfile', one)).map((a) => a.title)).not.toContain('Fix all safe Bulkhead problems');
  });

  it('offers no action for a diagnostic of an older version, and nothing for an unknown document', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    const p = await client.open(DOCKERFILE, 'dockerfile', STALE_IGNORES);
    await client.change(DOCKERFILE, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '# moved\n' }]);
    expect(await menu(DOCKERFILE, p.diagnostics)).toEqual([]);
    expect(await menu('file:///project/not-open/Dockerfile', p.diagnostics)).toEqual([]);
  });
});

describe('codeAction/resolve', () => {
  it('a client that resolves gets references in the menu and the edit when it picks one; a stale reference resolves to nothing', async () => {
    client = TestClient.inProcess();
    await client.initialize(RESOLVING);
    const p = await client.open(DOCKERFILE, 'dockerfile', STALE_IGNORES);
    const d = p.diagnostics.filter((x) => x.code === 'ignore-comment');
    const list = await menu(DOCKERFILE, d.slice(0, 1));
    expect(list.every((a) => a.edit === undefined)).toBe(true);
    const remove = list[0];
    expect(remove.data).toEqual({ bulkhead: 'action', uri: DOCKERFILE, version: 1, kind: 'fix', finding: 3, fix: 0 });
    const resolved = (await client.connection.sendRequest(CodeActionResolveRequest.type, remove)) as CodeAction;
    expect((resolved.edit!.documentChanges![0] as TextDocumentEdit).textDocument).toEqual({ uri: DOCKERFILE, version: 1 });
    expect(apply(STALE_IGNORES, resolved.edit!)).toBe('FROM alpine:3.22\nUSER 10001\n# bulkhead-ignore also-made-up\nRUN true\n');
    const fixAll = (await client.connection.sendRequest(CodeActionResolveRequest.type, list.at(-1)!)) as CodeAction;
    expect(fixAll.title).toBe('Fix all safe Bulkhead problems');
    expect(apply(STALE_IGNORES, fixAll.edit!)).toBe('FROM alpine:3.22\nUSER 10001\nRUN true\n');
    const ignore = (await client.connection.sendRequest(CodeActionResolveRequest.type, list[1])) as CodeAction;
    expect(apply(STALE_IGNORES, ignore.edit!)).toBe('FROM alpine:3.22\n# bulkhead-ignore ignore-comment\n# bulkhead-ignore made-up -- old\nUSER 10001\n# bulkhead-ignore also-made-up\nRUN true\n');

    await client.change(DOCKERFILE, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# moved\n' }]);
    const stale = (await client.connection.sendRequest(CodeActionResolveRequest.type, remove)) as CodeAction;
    expect(stale.edit).toBeUndefined();
  });

  it('an ignore that must say why resolves to a snippet for a client that takes snippets, and so does the command', async () => {
    const text = 'services:\n  web:\n    privileged: true\n';
    const snippet = [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, snippet: { kind: 'snippet', value: '    # bulkhead-ignore no-privileged -- $0\n' } }];
    const plain = [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '    # bulkhead-ignore no-privileged\n' }];
    client = TestClient.inProcess();
    await client.initialize(RESOLVING);
    let p = await client.open(COMPOSE, 'dockercompose', text);
    const offered = (await menu(COMPOSE, p.diagnostics.filter((x) => x.code === 'no-privileged'))).find((a) => a.title === 'Ignore no-privileged on this line')!;
    expect(offered.edit).toBeUndefined();
    const resolved = (await client.connection.sendRequest(CodeActionResolveRequest.type, offered)) as CodeAction;
    expect((resolved.edit!.documentChanges![0] as TextDocumentEdit).edits).toEqual(snippet);
    await client.dispose();

    // Commands only: the server sends the edit with workspace/applyEdit, in the form the client takes.
    for (const snippetEditSupport of [true, false]) {
      client = TestClient.inProcess();
      const edits = applied(client);
      await client.initialize({ workspace: { applyEdit: true, workspaceEdit: { documentChanges: true, snippetEditSupport } } }, { debounceMs: 0 }, { bare: true });
      p = await client.open(COMPOSE, 'dockercompose', text);
      const commands = (await menu(COMPOSE, p.diagnostics.filter((x) => x.code === 'no-privileged'))) as unknown as Command[];
      await client.connection.sendRequest(ExecuteCommandRequest.type, commands.find((c) => c.title === 'Ignore no-privileged on this line')!);
      expect((edits[0].documentChanges![0] as TextDocumentEdit).edits).toEqual(snippetEditSupport ? snippet : plain);
      await client.dispose();
    }
  });

  it('fix on save (only: source.fixAll) gets the edit at once', async () => {
    client = TestClient.inProcess();
    await client.initialize(RESOLVING);
    await client.open(DOCKERFILE, 'dockerfile', STALE_IGNORES);
    const list = await menu(DOCKERFILE, [], ['source.fixAll']);
    expect(list.map((a) => [a.title, a.kind])).toEqual([['Fix all safe Bulkhead problems', 'source.fixAll.bulkhead']]);
    expect(apply(STALE_IGNORES, list[0].edit!)).toBe('FROM alpine:3.22\nUSER 10001\nRUN true\n');
  });
});

describe('commands accept only what the server hands out', () => {
  it('bulkhead.applyEdit refuses an edit it was given, an unknown reference and a stale one; it applies its own', async () => {
    client = TestClient.inProcess();
    const edits = applied(client);
    const messages: string[] = [];
    client.connection.onNotification('window/showMessage', (m: { message: string }) => {
      messages.push(m.message);
    });
    // A client that takes commands only (no code action literals): every action is `bulkhead.applyEdit` with a reference.
    await client.initialize({ workspace: { applyEdit: true, workspaceEdit: { documentChanges: true } } }, { debounceMs: 0 }, { bare: true });
    const p = await client.open(DOCKERFILE, 'dockerfile', STALE_IGNORES);
    const forged: WorkspaceEdit = { changes: { 'file:///etc/passwd': [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'x' }] } };
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'bulkhead.applyEdit', arguments: [forged, 'Remove this comment'] });
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'bulkhead.applyEdit', arguments: [{ bulkhead: 'action', uri: DOCKERFILE, version: 1, kind: 'fix', finding: 99, fix: 0 }] });
    expect(edits).toEqual([]);

    const d = p.diagnostics.filter((x) => x.code === 'ignore-comment').slice(0, 1);
    const commands = (await menu(DOCKERFILE, d)) as unknown as Command[];
    expect(commands[0]).toEqual({ title: 'Remove "made-up" from this comment', command: 'bulkhead.applyEdit', arguments: [{ bulkhead: 'action', uri: DOCKERFILE, version: 1, kind: 'fix', finding: 3, fix: 0 }] });
    await client.connection.sendRequest(ExecuteCommandRequest.type, commands[0]);
    expect(edits).toHaveLength(1);
    expect(edits[0].documentChanges ?? edits[0].changes).toBeDefined();

    await client.change(DOCKERFILE, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# moved\n' }]);
    await client.connection.sendRequest(ExecuteCommandRequest.type, commands[0]);
    expect(edits).toHaveLength(1);
    await expect.poll(() => messages).toEqual(['Bulkhead: the document changed since this fix was offered; ask for the fix again.']);
  });

  it('bulkhead.showRuleDocs opens only rule ids', async () => {
    client = TestClient.inProcess();
    const shown: string[] = [];
    client.connection.onRequest('window/showDocument', (p: { uri: string }) => {
      shown.push(p.uri);
      return { success: true };
    });
    await client.initialize();
    for (const id of ['../../../etc/passwd', 'no-privileged/../../x', '', 42, null]) {
      await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'bulkhead.showRuleDocs', arguments: [id] });
    }
    expect(shown).toEqual([]);
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'bulkhead.showRuleDocs', arguments: ['no-privileged'] });
    expect(shown).toEqual(['https://github.com/bulkhead-security/bulkhead/blob/main/docs/rules/no-privileged.md']);
  });
});
