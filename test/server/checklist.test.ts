import { symlinkSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DidChangeWorkspaceFoldersNotification, type ClientCapabilities } from 'vscode-languageserver-protocol/node';
import { listCandidateFiles, type DirectoryEntry } from '../../server/src/lsp/checklist';
import type { ServerHost } from '../../server/src/lsp/start';
import { CHECKLIST_REQUEST, type ChecklistParams, type ChecklistResult } from '../../server/src/shared/protocol';
import { built } from '../helpers/bundle';
import { TestClient } from '../helpers/lsp-client';
import { makeWorkspace } from '../helpers/workspace';

/** An in-memory disk: absolute paths to contents; directories are implied by the paths. */
function memoryHost(files: Record<string, string>): Partial<ServerHost> {
  const disk = new Map(Object.entries(files));
  return {
    readFile: (p) => disk.get(p),
    readDirectory(dir): DirectoryEntry[] | undefined {
      const prefix = dir.endsWith('/') ? dir : `${dir}/`;
      const out = new Map<string, DirectoryEntry>();
      for (const p of disk.keys()) {
        if (!p.startsWith(prefix)) continue;
        const [name, ...rest] = p.slice(prefix.length).split('/');
        out.set(name, { name, type: rest.length > 0 ? 'directory' : 'file' });
      }
      return out.size > 0 ? [...out.values()] : undefined;
    },
  };
}

const ROOT_DOCKERFILE = 'FROM alpine:3.20\nUSER root\n';
const GOOD_DOCKERFILE = 'FROM alpine:3.20\nUSER 10001\n';
const PRIVILEGED = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

let client: TestClient;
afterEach(async () => {
  await client?.dispose();
});

const request = (params: ChecklistParams) => client.connection.sendRequest<ChecklistResult>(CHECKLIST_REQUEST, params);
const statusOf = (r: ChecklistResult, n: number) => r.practices.find((p) => p.practice === n)!.status;
const practiceOf = (r: ChecklistResult, n: number) => r.practices.find((p) => p.practice === n)!;
const findingUris = (r: ChecklistResult) => [...new Set(r.practices.flatMap((p) => p.findings.map((f) => f.uri)))].sort();

async function workspaceClient(files: Record<string, string>, folders = ['file:///ws'], capabilities: ClientCapabilities = {}) {
  client = TestClient.inProcess(memoryHost(files));
  await client.initialize({ workspace: { workspaceFolders: true, ...capabilities.workspace } }, { debounceMs: 0 }, { workspaceFolders: folders.map((uri) => ({ uri, name: uri })) });
}

describe('bulkhead/checklist: file scope', () => {
  it('an open Dockerfile: findings with uri and range, Compose-only practices not applicable', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    await client.open('file:///p/Dockerfile', 'dockerfile', ROOT_DOCKERFILE);
    const r = await request({ scope: 'file', uri: 'file:///p/Dockerfile' });
    expect(r.scope).toBe('file');
    expect(r.uri).toBe('file:///p/Dockerfile');
    expect(r.files).toBe(1);
    expect(r.groups.map((g) => g.title)).toEqual(['Docker and host configuration', 'Securing images', 'Container monitoring']);
    expect(r.practices).toHaveLength(20);
    expect(practiceOf(r, 4)).toMatchObject({ group: 'host', title: 'Run as a non-root user (rootless)', status: 'findings' });
    expect(practiceOf(r, 4).findings).toEqual([
      {
        uri: 'file:///p/Dockerfile',
        file: '/p/Dockerfile',
        range: { start: { line: 1, character: 5 }, end: { line: 1, character: 9 } },
        ruleId: 'non-root-user',
        severity: 'warning',
        message: expect.stringContaining('root'),
        fixable: true,
      },
    ]);
    expect(practiceOf(r, 4)).toMatchObject({ short: 'Non-root', counts: { warning: 1 }, suppressed: [], overrides: [] });
    expect(statusOf(r, 5)).toBe('not-applicable');
    expect(statusOf(r, 12)).toBe('needs-person');
    expect(practiceOf(r, 12).review).toContain('scanning');
  });

  it('follows edits: the status and the fingerprint change with the text', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    await client.open('file:///p/Dockerfile', 'dockerfile', ROOT_DOCKERFILE);
    const before = await request({ scope: 'file', uri: 'file:///p/Dockerfile' });
    await client.change('file:///p/Dockerfile', [{ text: GOOD_DOCKERFILE }]);
    const after = await request({ scope: 'file', uri: 'file:///p/Dockerfile' });
    expect(statusOf(before, 4)).toBe('findings');
    expect(statusOf(after, 4)).toBe('passed');
    expect(practiceOf(after, 4).fingerprint).not.toBe(practiceOf(before, 4).fingerprint);
    // A Compose-only practice has no file behind it in this scope: its fingerprint stays.
    expect(practiceOf(after, 5).fingerprint).toBe(practiceOf(before, 5).fingerprint);
  });

  it('a file that is not open is read from disk; an unknown one gives an empty scope', async () => {
    client = TestClient.inProcess(memoryHost({ '/p/compose.yaml': PRIVILEGED }));
    await client.initialize();
    const r = await request({ scope: 'file', uri: 'file:///p/compose.yaml' });
    expect(r.files).toBe(1);
    expect(statusOf(r, 3)).toBe('findings');
    const none = await request({ scope: 'file', uri: 'file:///p/notes.txt' });
    expect(none.files).toBe(0);
    expect(statusOf(none, 3)).toBe('not-applicable');
  });
});

describe('bulkhead/checklist: workspace scope', () => {
  it('scans the workspace folders by file name, skipping node_modules, .git and ignored files', async () => {
    await workspaceClient({
      '/ws/.bulkhead.yaml': 'ignore: [vendor/]\n',
      '/ws/Dockerfile': ROOT_DOCKERFILE,
      '/ws/deploy/compose.yaml': PRIVILEGED,
      '/ws/deploy/notes.md': '# not ours\n',
      '/ws/vendor/Dockerfile': ROOT_DOCKERFILE,
      '/ws/node_modules/pkg/Dockerfile': ROOT_DOCKERFILE,
      '/ws/.git/Dockerfile': ROOT_DOCKERFILE,
      '/elsewhere/Dockerfile': ROOT_DOCKERFILE,
    });
    const r = await request({ scope: 'workspace' });
    expect(r.scope).toBe('workspace');
    expect(r.files).toBe(2);
    expect(r.truncated).toBe(false);
    expect(findingUris(r)).toEqual(['file:///ws/Dockerfile', 'file:///ws/deploy/compose.yaml']);
    expect(statusOf(r, 3)).toBe('findings');
    expect(statusOf(r, 4)).toBe('findings');
  });

  it('a dev container\'s Compose file that cannot be read is listed as not analysed, never as passed', async () => {
    await workspaceClient({ '/ws/.devcontainer/devcontainer.json': '{ "dockerComposeFile": "../ops/missing.yaml", "service": "dev" }\n' });
    const r = await request({ scope: 'workspace' });
    expect(r.files).toBe(2);
    expect(statusOf(r, 3)).toBe('partly-checked');
    expect(practiceOf(r, 3).unchecked).toEqual([{ file: 'ops/missing.yaml', reason: 'not read' }]);
    expect(statusOf(r, 5)).toBe('needs-person');
    expect(r.practices.some((p) => p.status === 'passed')).toBe(false);
  });

  it('a dev container\'s Compose file over the size limit gets file-too-large, as a file found directly does', async () => {
    await workspaceClient({
      '/ws/.bulkhead.yaml': 'maxFileSize: 65\n',
      '/ws/.devcontainer/devcontainer.json': '{ "dockerComposeFile": "../ops/dev.yml", "service": "dev" }\n',
      '/ws/ops/dev.yml': 'services:\n  dev:\n    image: node:22.11.0\n    privileged: true\n    user: root\n',
    });
    const r = await request({ scope: 'workspace' });
    expect(practiceOf(r, 3).unchecked).toEqual([{ file: 'ops/dev.yml', reason: 'too large' }]);
    expect(r.practices.flatMap((p) => p.findings.map((f) => f.ruleId))).toContain('file-too-large');
  });

  it('open documents win over the disk, and open YAML files recognised by content count', async () => {
    await workspaceClient({ '/ws/Dockerfile': ROOT_DOCKERFILE, '/ws/ops/stack.yaml': PRIVILEGED });
    await client.open('file:///ws/Dockerfile', 'dockerfile', GOOD_DOCKERFILE);
    let r = await request({ scope: 'workspace' });
    expect(statusOf(r, 4)).toBe('passed');
    expect(r.files).toBe(1); // stack.yaml is not named like a Compose file and is not open
    await client.open('file:///ws/ops/stack.yaml', 'yaml', PRIVILEGED);
    r = await request({ scope: 'workspace' });
    expect(r.files).toBe(2);
    expect(findingUris(r)).toContain('file:///ws/ops/stack.yaml');
  });

  it('fingerprints change when a file behind the practice changes on disk', async () => {
    const files = { '/ws/Dockerfile': ROOT_DOCKERFILE, '/ws/compose.yaml': PRIVILEGED };
    const host = memoryHost(files);
    client = TestClient.inProcess({ ...host, readFile: (p) => files[p as keyof typeof files] });
    await client.initialize({}, { debounceMs: 0 }, { workspaceFolders: [{ uri: 'file:///ws', name: 'ws' }] });
    const before = await request({ scope: 'workspace' });
    files['/ws/compose.yaml'] = 'services:\n  web:\n    image: nginx:1.27\n';
    const after = await request({ scope: 'workspace' });
    expect(statusOf(after, 3)).not.toBe('findings');
    expect(practiceOf(after, 3).fingerprint).not.toBe(practiceOf(before, 3).fingerprint);
    // The same findings for the other practices: the edit is not theirs (ticks are tied to findings, not bytes).
    expect(practiceOf(after, 5).fingerprint).toBe(practiceOf(before, 5).fingerprint);
    expect(practiceOf(after, 20).fingerprint).toBe(practiceOf(before, 20).fingerprint);
  });

  it('without workspace folders the open documents are the workspace; folder changes are followed', async () => {
    await workspaceClient({ '/a/Dockerfile': ROOT_DOCKERFILE, '/b/compose.yaml': PRIVILEGED }, []);
    await client.open('file:///loose/Dockerfile', 'dockerfile', ROOT_DOCKERFILE);
    expect(findingUris(await request({ scope: 'workspace' }))).toEqual(['file:///loose/Dockerfile']);
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: 'file:///a', name: 'a' }, { uri: 'file:///b', name: 'b' }], removed: [] } });
    expect(findingUris(await request({ scope: 'workspace' }))).toEqual(['file:///a/Dockerfile', 'file:///b/compose.yaml']);
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [{ uri: 'file:///a', name: 'a' }] } });
    expect(findingUris(await request({ scope: 'workspace' }))).toEqual(['file:///b/compose.yaml']);
  });

  it('a host without a disk still checks the open documents of the folders', async () => {
    client = TestClient.inProcess();
    await client.initialize({}, { debounceMs: 0 }, { workspaceFolders: [{ uri: 'file:///ws', name: 'ws' }] });
    await client.open('file:///ws/compose.yaml', 'dockercompose', PRIVILEGED);
    await client.open('file:///other/Dockerfile', 'dockerfile', ROOT_DOCKERFILE);
    const r = await request({ scope: 'workspace' });
    expect(r.files).toBe(1);
    expect(findingUris(r)).toEqual(['file:///ws/compose.yaml']);
  });
});

describe('bulkhead/checklist: what the client adds, and the projection', () => {
  it('unsaved buffers the server was not sent count instead of the disk (file and workspace scope)', async () => {
    await workspaceClient({ '/ws/Dockerfile': GOOD_DOCKERFILE, '/ws/compose.yaml': PRIVILEGED });
    const buffers = [{ uri: 'file:///ws/Dockerfile', languageId: 'plaintext', text: ROOT_DOCKERFILE }];
    expect(statusOf(await request({ scope: 'workspace' }), 4)).toBe('passed');
    const ws = await request({ scope: 'workspace', buffers });
    expect(practiceOf(ws, 4).findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.ruleId}`)).toEqual(['Dockerfile:2 non-root-user']);
    expect(ws.files).toBe(2);
    expect(statusOf(await request({ scope: 'file', uri: 'file:///ws/Dockerfile', buffers }), 4)).toBe('findings');
    // A buffer wins over the synced document too: it is what the user sees when asking.
    await client.open('file:///ws/Dockerfile', 'dockerfile', GOOD_DOCKERFILE);
    expect(statusOf(await request({ scope: 'workspace', buffers }), 4)).toBe('findings');
    // Malformed parameters are dropped, not fatal.
    expect((await client.connection.sendRequest<ChecklistResult>(CHECKLIST_REQUEST, { scope: 'workspace', buffers: [{ uri: 1 }], settingsOrigins: 'x' })).files).toBe(2);
  });

  it('settings origins name where a rule was turned off: the practice is partly checked', async () => {
    await workspaceClient({ '/ws/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    user: "1"\n    ports: ["80:80"]\n' }, ['file:///ws'], { workspace: { configuration: true } });
    client.connection.onRequest('workspace/configuration', () => [{ rules: { 'bind-ports-to-localhost': 'off' } }]);
    const origins = [{ uri: 'file:///ws', name: 'ws', workspace: { 'bind-ports-to-localhost': 'off' as const } }];
    const r = await request({ scope: 'workspace', settingsOrigins: origins });
    expect(practiceOf(r, 6)).toMatchObject({ status: 'partly-checked', findings: [] });
    expect(practiceOf(r, 6).overrides).toEqual([{ ruleId: 'bind-ports-to-localhost', practice: 6, setting: 'off', default: 'info', effect: 'off', source: { kind: 'settings', scope: 'workspace' } }]);
    // A client that does not say where: "editor settings".
    expect(practiceOf(await request({ scope: 'workspace' }), 6).overrides[0].source).toEqual({ kind: 'settings', scope: 'editor' });
  });

  it('under a folder: only its files, paths relative to the workspace folder (as the CLI run from there prints them)', async () => {
    await workspaceClient({ '/ws/Dockerfile': ROOT_DOCKERFILE, '/ws/examples/a/compose.yaml': PRIVILEGED, '/ws/examples/b/Dockerfile': ROOT_DOCKERFILE, '/elsewhere/Dockerfile': ROOT_DOCKERFILE });
    const r = await request({ scope: 'workspace', under: 'file:///ws/examples' });
    expect(r).toMatchObject({ scope: 'workspace', uri: 'file:///ws/examples', files: 2 });
    expect(practiceOf(r, 4).findings.map((f) => [f.file, f.uri])).toEqual([['examples/b/Dockerfile', 'file:///ws/examples/b/Dockerfile']]);
    expect(practiceOf(r, 3).findings.map((f) => f.file)).toEqual(['examples/a/compose.yaml']);
    // A folder outside the workspace folders is not scanned.
    expect((await request({ scope: 'workspace', under: 'file:///elsewhere' })).files).toBe(0);
  });

  it('links: a git checkout around the workspace folder with a known remote gives the forge and the commit', async () => {
    const sha = '0123456789abcdef0123456789abcdef01234567';
    await workspaceClient({
      '/repo/.git/HEAD': 'ref: refs/heads/main\n',
      '/repo/.git/refs/heads/main': `${sha}\n`,
      '/repo/.git/config': '[remote "origin"]\n\turl = https://github.com/acme/shop.git\n',
      '/repo/svc/compose.yaml': PRIVILEGED,
    }, ['file:///repo/svc']);
    const r = await request({ scope: 'workspace' });
    expect(r.forge).toEqual({ host: 'github', web: 'https://github.com/acme/shop', commit: sha, prefix: 'svc/' });
    expect(practiceOf(r, 3).findings[0].file).toBe('compose.yaml');
  });
});

describe('listCandidateFiles', () => {
  const host = memoryHost(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`/r/d${i}/Dockerfile`, 'FROM a:1\n'])));
  it('stops at the file limit and says so', () => {
    expect(listCandidateFiles('/r', host.readDirectory!, { files: 100, entries: 1000 })).toMatchObject({ truncated: false });
    const capped = listCandidateFiles('/r', host.readDirectory!, { files: 4, entries: 1000 });
    expect(capped.paths).toEqual(['/r/d0/Dockerfile', '/r/d1/Dockerfile', '/r/d2/Dockerfile', '/r/d3/Dockerfile']);
    expect(capped.truncated).toBe(true);
    expect(listCandidateFiles('/r', host.readDirectory!, { files: 100, entries: 5 }).truncated).toBe(true);
  });
});

describe('bundled server over stdio: the workspace scan reads the real disk', () => {
  it('finds the files by name, follows file links, not directory links', async () => {
    const path = built('server.js');
    const ws = makeWorkspace({ 'Dockerfile': ROOT_DOCKERFILE, 'deploy/docker-compose.yml': PRIVILEGED, 'node_modules/x/Dockerfile': ROOT_DOCKERFILE });
    symlinkSync(`${ws.dir}/deploy`, `${ws.dir}/loop`);
    symlinkSync(`${ws.dir}/Dockerfile`, `${ws.dir}/Dockerfile.linked`);
    try {
      client = TestClient.stdio(path);
      const folder = pathToFileURL(ws.dir).href;
      await client.initialize({}, { debounceMs: 0 }, { workspaceFolders: [{ uri: folder, name: 'ws' }] });
      const r = await request({ scope: 'workspace' });
      expect(r.files).toBe(3);
      expect(findingUris(r)).toEqual([`${folder}/Dockerfile`, `${folder}/Dockerfile.linked`, `${folder}/deploy/docker-compose.yml`]);
    } finally {
      ws.cleanup();
    }
  });
});
