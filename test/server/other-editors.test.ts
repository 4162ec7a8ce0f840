import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCapabilities, CodeAction, Command, Diagnostic, Hover, InitializeResult, PublishDiagnosticsParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { built } from '../helpers/bundle';
import { TestClient } from '../helpers/lsp-client';
import { makeWorkspace } from '../helpers/workspace';

/**
 * `bulkhead-language-server --stdio` driven the way Neovim, Helix and Emacs (Eglot) drive it: the
 * server process as the configurations in docs/other-editors.md start it, initialized with each client's typical
 * capabilities (the parts that matter here, as each client declares them), answering
 * `workspace/configuration` the way each client does, and using push diagnostics, code actions and
 * hover as they do. A fourth, minimal client without code action literals, `documentChanges` or
 * `Diagnostic.data` checks the fallbacks LSP asks for.
 */

interface Profile {
  name: string;
  capabilities: ClientCapabilities;
  initializationOptions?: unknown;
  /** How the client answers `workspace/configuration` for section `bulkhead`. */
  configuration?: (section: string) => unknown;
  /** Whether the client sends a diagnostic back exactly as it received it (with `data`). */
  keepsData: boolean;
}

const ALL_KINDS = ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports'];

/** Neovim 0.11 (`vim.lsp.protocol.make_client_capabilities()`), `settings` from vim.lsp.config. */
const NEOVIM: Profile = {
  name: 'Neovim (built-in client)',
  capabilities: {
    general: { positionEncodings: ['utf-8', 'utf-16', 'utf-32'] },
    textDocument: {
      synchronization: { dynamicRegistration: false, willSave: true, willSaveWaitUntil: true, didSave: true },
      codeAction: {
        dynamicRegistration: true,
        codeActionLiteralSupport: { codeActionKind: { valueSet: [...ALL_KINDS, 'source.fixAll'] } },
        isPreferredSupport: true,
        dataSupport: true,
        resolveSupport: { properties: ['edit', 'command'] },
      },
      publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] }, dataSupport: true },
      diagnostic: { dynamicRegistration: false },
      hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
    },
    workspace: {
      applyEdit: true,
      configuration: true,
      workspaceFolders: true,
      workspaceEdit: { resourceOperations: ['rename', 'create', 'delete'] },
      didChangeConfiguration: { dynamicRegistration: false },
    },
    window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: true } }, showDocument: { support: true } },
  },
  // vim.lsp.config('bulkhead', { settings = { bulkhead = { ... } } }): a section is looked up in `settings`, nil is sent as null.
  configuration: (section) => (section === 'bulkhead' ? { rules: { 'image-tag-pinned': 'error' } } : null),
  keepsData: true,
};

/** Helix 25 (helix-lsp client capabilities); `config` from languages.toml answers workspace/configuration. */
const HELIX: Profile = {
  name: 'Helix',
  capabilities: {
    general: { positionEncodings: ['utf-8', 'utf-32', 'utf-16'] },
    workspace: {
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: false },
      workspaceFolders: true,
      applyEdit: true,
      executeCommand: { dynamicRegistration: false },
      workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], failureHandling: 'abort', normalizesLineEndings: false },
      didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: false },
    },
    textDocument: {
      hover: { contentFormat: ['markdown'] },
      codeAction: {
        codeActionLiteralSupport: { codeActionKind: { valueSet: ALL_KINDS } },
        isPreferredSupport: true,
        disabledSupport: true,
        dataSupport: true,
        resolveSupport: { properties: ['edit', 'command'] },
      },
      publishDiagnostics: { versionSupport: true, tagSupport: { valueSet: [1, 2] } },
      diagnostic: { dynamicRegistration: false, relatedDocumentSupport: true },
    },
    window: { workDoneProgress: true, showDocument: { support: true } },
  },
  // Helix also sends `config` as initializationOptions.
  initializationOptions: { bulkhead: { rules: { 'image-tag-pinned': 'error' } } },
  configuration: (section) => ({ bulkhead: { rules: { 'image-tag-pinned': 'error' } } } as Record<string, unknown>)[section] ?? null,
  keepsData: true,
};

/** Emacs 30 Eglot (`eglot-client-capabilities`), without markdown-mode: plain-text hovers. */
const EGLOT: Profile = {
  name: 'Emacs Eglot',
  capabilities: {
    workspace: {
      applyEdit: true,
      executeCommand: { dynamicRegistration: false },
      workspaceEdit: { documentChanges: true },
      didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
      symbol: { dynamicRegistration: false },
      configuration: true,
      workspaceFolders: true,
    },
    textDocument: {
      synchronization: { dynamicRegistration: false, willSave: true, willSaveWaitUntil: true, didSave: true },
      hover: { dynamicRegistration: false, contentFormat: ['plaintext'] },
      codeAction: {
        dynamicRegistration: false,
        resolveSupport: { properties: ['edit', 'command'] },
        dataSupport: true,
        codeActionLiteralSupport: { codeActionKind: { valueSet: ALL_KINDS.slice(1) } },
        isPreferredSupport: true,
      },
      publishDiagnostics: { relatedInformation: false, codeDescriptionSupport: false, tagSupport: { valueSet: [1, 2] } },
    },
    window: { showDocument: { support: true }, workDoneProgress: true },
    general: { positionEncodings: ['utf-32', 'utf-8', 'utf-16'] },
  },
  // eglot-workspace-configuration unset: the section is answered with null.
  configuration: () => null,
  keepsData: true,
};

/** A minimal client: no code action literals (LSP: Commands only), plain `changes` edits, no `data` sent back, no showDocument. */
const MINIMAL: Profile = {
  name: 'a minimal client',
  capabilities: { workspace: { applyEdit: true }, textDocument: { publishDiagnostics: {} } },
  keepsData: false,
};

const DOCKERFILE = 'FROM python:latest\nUSER root\nCMD ["python", "app.py"]\n';
// A flow mapping puts privileged: true after a non-BMP character on the same line: its column is in UTF-16 code units.
const COMPOSE = 'services:\n  web: { image: "nginx:1.27", labels: ["🐳"], privileged: true }\n';

/** The files each test opens: every test has its own, so one server per client serves them all. */
const FILES = {
  'Dockerfile': DOCKERFILE,
  'compose.yaml': COMPOSE,
  'app.py': 'print(1)\n',
  'hover/Dockerfile': DOCKERFILE,
  'actions/compose.yaml': COMPOSE,
  'no-data/compose.yaml': COMPOSE,
};

let ws: ReturnType<typeof makeWorkspace>;
beforeAll(() => {
  ws = makeWorkspace(FILES);
});
afterAll(() => ws.cleanup());

interface Session {
  client: TestClient;
  init: InitializeResult;
  applied: WorkspaceEdit[];
  shown: string[];
  messages: string[];
  configurationRequests: number;
}

/** Starts `bulkhead-language-server --stdio` for one client profile and initializes it as that client does. */
async function start(p: Profile): Promise<Session> {
  const c = TestClient.stdio(built('server.js'));
  const s: Session = { client: c, init: undefined as unknown as InitializeResult, applied: [], shown: [], messages: [], configurationRequests: 0 };
  c.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
    s.configurationRequests++;
    return params.items.map((i) => (p.configuration ? p.configuration(i.section ?? '') : null));
  });
  c.connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
    s.applied.push(params.edit);
    return { applied: true };
  });
  c.connection.onRequest('window/showDocument', (params: { uri: string }) => {
    s.shown.push(params.uri);
    return { success: true };
  });
  c.connection.onRequest('client/registerCapability', () => null);
  c.connection.onRequest('window/workDoneProgress/create', () => null);
  c.connection.onNotification('window/showMessage', (params: { message: string }) => {
    s.messages.push(params.message);
  });
  const root = pathToFileURL(ws.dir).href;
  s.init = await c.initialize(p.capabilities, p.initializationOptions ?? null, { bare: true, rootUri: root, workspaceFolders: [{ uri: root, name: 'ws' }] });
  return s;
}

const uriOf = (name: keyof typeof FILES) => pathToFileURL(join(ws.dir, name)).href;

/** Applies LSP text edits (UTF-16 positions) to a text. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (l: number, ch: number) => lines.slice(0, l).reduce((n, x) => n + x.length + 1, 0) + ch;
  return [...edits]
    .sort((a, b) => offset(b.range.start.line, b.range.start.character) - offset(a.range.start.line, a.range.start.character))
    .reduce((t, e) => t.slice(0, offset(e.range.start.line, e.range.start.character)) + e.newText + t.slice(offset(e.range.end.line, e.range.end.character)), text);
}

/** The edits of a WorkspaceEdit for one URI, whichever form it takes. */
function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  if (edit.changes) return edit.changes[uri] ?? [];
  return (edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? (c.edits as TextEdit[]) : []));
}

const asSent = (p: Profile, d: Diagnostic): Diagnostic => (p.keepsData ? d : { ...d, data: undefined });

/** A client that declares `resolveSupport` for `edit` gets the edit through `codeAction/resolve`, as these clients ask for it. */
async function resolved(s: Session, action: CodeAction, p: Profile): Promise<CodeAction> {
  const resolves = p.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
  expect(action.edit === undefined).toBe(resolves);
  return resolves ? s.client.connection.sendRequest<CodeAction>('codeAction/resolve', action) : action;
}

// One server per client profile, shared by that profile's tests (each opens its own files).
describe.each([NEOVIM, HELIX, EGLOT, MINIMAL])('bulkhead-language-server --stdio with $name', (p) => {
  let s: Session;
  beforeAll(async () => {
    s = await start(p);
  });
  afterAll(async () => {
    await s?.client.dispose();
  });

  it('initializes: UTF-16 positions, incremental sync, push diagnostics, code actions, hover', () => {
    const { init } = s;
    expect(init.serverInfo?.name).toBe('bulkhead');
    expect(init.capabilities.positionEncoding).toBe('utf-16');
    expect(init.capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(init.capabilities.codeActionProvider).toMatchObject({ codeActionKinds: ['quickfix', 'source.fixAll.bulkhead'] });
    expect(init.capabilities.hoverProvider).toBe(true);
    // Diagnostics are pushed: no diagnosticProvider, so clients that can pull (Neovim, Helix) take the pushed ones.
    expect(init.capabilities.diagnosticProvider).toBeUndefined();
  });

  it('publishes diagnostics on open, with settings from workspace/configuration where the client has them', async () => {
    const d = await s.client.open(uriOf('Dockerfile'), 'dockerfile', DOCKERFILE);
    const pinned = d.diagnostics.find((x) => x.code === 'image-tag-pinned');
    expect(pinned?.range.start.line).toBe(0);
    const configured = p.configuration?.('bulkhead') && (p.configuration('bulkhead') as { rules?: unknown }).rules;
    expect(pinned?.severity).toBe(configured ? 1 : 2);
    expect(s.configurationRequests > 0).toBe(p.capabilities.workspace?.configuration === true);
    expect(d.diagnostics.find((x) => x.code === 'non-root-user')?.range).toEqual({ start: { line: 1, character: 5 }, end: { line: 1, character: 9 } });
  });

  it('columns are UTF-16 code units (after an emoji on the same line)', async () => {
    const d = await s.client.open(uriOf('compose.yaml'), 'yaml', COMPOSE);
    const line = COMPOSE.split('\n')[1];
    expect(d.diagnostics.find((x) => x.code === 'no-privileged')?.range).toEqual({
      start: { line: 1, character: line.indexOf('privileged') },
      end: { line: 1, character: line.indexOf('true') + 4 },
    });
  });

  it('code actions: the fix, the ignores and the docs, in the form the client takes; the fix clears the finding', async () => {
    const uri = uriOf('actions/compose.yaml');
    const opened = await s.client.open(uri, 'yaml', COMPOSE);
    const d = opened.diagnostics.find((x) => x.code === 'no-privileged')!;
    const actions = await s.client.connection.sendRequest<(CodeAction | Command)[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [asSent(p, d)], triggerKind: 1 },
    });
    expect(actions.map((a) => a.title)).toEqual(expect.arrayContaining(['Remove "privileged: true"', 'Ignore no-privileged on this line', 'Show documentation for no-privileged']));
    const fix = actions.find((a) => a.title === 'Remove "privileged: true"')!;
    let edit: WorkspaceEdit;
    if (p.capabilities.textDocument?.codeAction?.codeActionLiteralSupport) {
      const action = await resolved(s, fix as CodeAction, p);
      expect(action.kind).toBe('quickfix');
      expect(action.diagnostics?.[0].code).toBe('no-privileged');
      edit = action.edit!;
      // documentChanges (versioned) for clients that take them: declared, or implied by resource operations (Neovim).
      expect(edit.documentChanges ? 'documentChanges' : 'changes').toBe(p.capabilities.workspace?.workspaceEdit ? 'documentChanges' : 'changes');
    } else {
      // LSP: a client without codeActionLiteralSupport gets Commands; executing one makes the server send workspace/applyEdit.
      const command = fix as Command;
      expect(command.command).toBe('bulkhead.applyEdit');
      const before = s.applied.length;
      await s.client.connection.sendRequest('workspace/executeCommand', { command: command.command, arguments: command.arguments });
      expect(s.applied).toHaveLength(before + 1);
      edit = s.applied[before];
      expect(edit.changes).toBeDefined();
    }
    const fixed = applyEdits(COMPOSE, editsFor(edit, uri));
    expect(fixed).not.toMatch(/privileged: true/);
    const after = await s.client.change(uri, [{ text: fixed }]);
    expect(after!.diagnostics.some((x) => x.code === 'no-privileged')).toBe(false);
  });

  it('"Show documentation" opens the rule page, or says where it is', async () => {
    const shown = s.shown.length;
    const messages = s.messages.length;
    await s.client.connection.sendRequest('workspace/executeCommand', { command: 'bulkhead.showRuleDocs', arguments: ['no-privileged'] });
    if (p.capabilities.window?.showDocument?.support) expect(s.shown.slice(shown)).toEqual([expect.stringMatching(/docs\/rules\/no-privileged\.md$/)]);
    else await expect.poll(() => s.messages.slice(messages)).toEqual([expect.stringMatching(/no-privileged: .*docs\/rules\/no-privileged\.md$/)]);
  });

  it('hover on a finding, in Markdown or plain text as the client asks', async () => {
    const uri = uriOf('hover/Dockerfile');
    await s.client.open(uri, 'dockerfile', DOCKERFILE);
    const h = await s.client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 6 } });
    const contents = h?.contents as { kind: string; value: string };
    expect(contents.value).toMatch(/non-root-user/);
    const formats = p.capabilities.textDocument?.hover?.contentFormat;
    expect(contents.kind).toBe(formats && !formats.includes('markdown') ? 'plaintext' : 'markdown');
  });

  // Neovim's server, used by a client that drops `Diagnostic.data` (the other profiles keep it, or take Commands).
  if (p !== NEOVIM) return;
  it('a client that drops Diagnostic.data still gets the fixes: the server finds the finding again by rule and range', async () => {
    const uri = uriOf('no-data/compose.yaml');
    const opened: PublishDiagnosticsParams = await s.client.open(uri, 'yaml', COMPOSE);
    const d = opened.diagnostics.find((x) => x.code === 'no-privileged')!;
    const actions = await s.client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [{ ...d, data: undefined }] } });
    expect((await resolved(s, actions.find((a) => a.title === 'Remove "privileged: true"')!, NEOVIM)).edit).toBeDefined();
  });
});

describe('docs/other-editors.md', () => {
  const doc = readFileSync(join(__dirname, '../../docs/other-editors.md'), 'utf8');
  const block = (lang: string) => {
    const b = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(doc)?.[1];
    expect(b, `a ${lang} block`).toBeDefined();
    return b!;
  };

  it('each configuration starts the server as these tests do: bulkhead-language-server --stdio', () => {
    expect(block('lua')).toContain("cmd = { 'bulkhead-language-server', '--stdio' }");
    expect(block('toml')).toMatch(/command = "bulkhead-language-server"\nargs = \["--stdio"\]/);
    expect(block('elisp')).toContain('("bulkhead-language-server" "--stdio")');
  });

  it('each sends Dev Container configurations as jsonc, the language id the server analyses them under', () => {
    expect(block('lua')).toMatch(/devcontainer%\.json'\] = 'jsonc'/);
    expect(block('toml')).toContain('language-id = "jsonc"');
    expect(block('elisp')).toContain(':language-id "jsonc"');
  });
});
