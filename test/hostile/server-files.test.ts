import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import type { ServerHost } from '../../server/src/lsp/host';
import { nodeServerFiles } from '../../server/src/node-fs/server-files';
import { CHECKLIST_REQUEST, type ChecklistResult } from '../../server/src/shared/protocol';
import { TestClient } from '../helpers/lsp-client';
import { buildTree, CAN_MKFIFO, HAS_DEV_ZERO, hostileTrees } from './trees';

/**
 * Issue 14 (items 1-3) and 17.2 through the language server with its real Node disk
 * (node-fs/server-files.ts): special files and links never hang it, configuration comes only from
 * inside the workspace folder or repository, `.bulkhead.yaml` applies unless a setting is set, and
 * what it read from the disk is kept until a watched file changes.
 */

const tree = hostileTrees();
let client: TestClient;
afterEach(async () => {
  await client?.dispose();
});

const ROOT = 'FROM alpine:3.22\nUSER root\n';
const uri = (p: string) => pathToFileURL(p).href;
const codes = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => String(d.code)).sort();

/** A server on the real disk; `reads` counts what it asked the disk for, by path. */
async function serverOn(folder: string | null, opts: { settings?: Record<string, unknown>; watch?: boolean } = {}) {
  const disk = nodeServerFiles();
  const reads = new Map<string, number>();
  const host: Partial<ServerHost> = {
    uriToPath: (u) => decodeURIComponent(u.replace(/^file:\/\//, '')),
    pathToUri: (p) => uri(p),
    ...disk,
    readFile: (p, o) => {
      reads.set(p, (reads.get(p) ?? 0) + 1);
      return disk.readFile(p, o);
    },
  };
  client = TestClient.inProcess(host);
  client.connection.onRequest('workspace/configuration', () => [opts.settings ?? {}]);
  client.connection.onRequest('client/registerCapability', () => null);
  await client.initialize(
    { workspace: { configuration: true, workspaceFolders: true, ...(opts.watch ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}) } },
    { debounceMs: 0 },
    folder ? { workspaceFolders: [{ uri: uri(folder), name: 'ws' }] } : {},
  );
  return reads;
}

describe('special files and links never stop the server', () => {
  it.skipIf(!HAS_DEV_ZERO)('.bulkhead.yaml and .dockerignore linked to /dev/zero, a Compose build from /dev/zero: every request is answered', async () => {
    const dir = tree({ '.bulkhead.yaml': { link: '/dev/zero' }, '.dockerignore': { link: '/dev/zero' }, Dockerfile: ROOT, 'compose.yaml': 'services:\n  web:\n    build: {context: ., dockerfile: /dev/zero}\n' });
    await serverOn(dir);
    const d = await client.open(uri(join(dir, 'Dockerfile')), 'dockerfile', ROOT);
    expect(codes(d)).toContain('non-root-user');
    const c = await client.open(uri(join(dir, 'compose.yaml')), 'dockercompose', 'services:\n  web:\n    build: {context: ., dockerfile: /dev/zero}\n');
    expect(c.diagnostics.length).toBeGreaterThan(0);
    const checklist = await client.connection.sendRequest<ChecklistResult>(CHECKLIST_REQUEST, { scope: 'workspace' });
    expect(checklist.files).toBe(2);
  });

  it.skipIf(!CAN_MKFIFO)('a FIFO named Dockerfile in the workspace: the checklist scan finishes without it', async () => {
    const dir = tree({ Dockerfile: { fifo: true }, 'app/Dockerfile': ROOT });
    await serverOn(dir);
    const checklist = await client.connection.sendRequest<ChecklistResult>(CHECKLIST_REQUEST, { scope: 'workspace' });
    expect(checklist.files).toBe(1);
    expect(checklist.practices.find((p) => p.practice === 4)!.findings.map((f) => f.uri)).toEqual([uri(join(dir, 'app/Dockerfile'))]);
  });

  it('a linked folder out of the workspace is not scanned; a linked related file out of it is not read', async () => {
    const outer = tree({ 'outside/Dockerfile': ROOT, 'outside/.dockerignore': '' });
    const dir = join(outer, 'ws');
    buildTree(outer, { 'ws/vendor': { link: '../outside' }, 'ws/root': { link: '/' }, 'ws/Dockerfile': 'FROM alpine:3.22\nCOPY . /app\nUSER 10001\n', 'ws/.dockerignore': { link: '../outside/.dockerignore' } });
    await serverOn(dir);
    const checklist = await client.connection.sendRequest<ChecklistResult>(CHECKLIST_REQUEST, { scope: 'workspace' });
    expect(checklist.files).toBe(1);
    // The empty .dockerignore outside is not read: the Dockerfile has none, and dockerignore-secrets says so.
    const d = await client.open(uri(join(dir, 'Dockerfile')), 'dockerfile', 'FROM alpine:3.22\nCOPY . /app\nUSER 10001\n');
    expect(codes(d)).toContain('dockerignore-secrets');
  });
});

describe('configuration in the editor', () => {
  it('a .bulkhead.yaml above the workspace folder or the repository root does not apply', async () => {
    const outer = tree({ '.bulkhead.yaml': 'rules: {non-root-user: off}\n', 'ws/a/Dockerfile': ROOT, 'ws/b/.bulkhead.yaml': 'rules: {non-root-user: error}\n', 'ws/b/repo/.git/HEAD': 'x', 'ws/b/repo/Dockerfile': ROOT, 'ws/b/Dockerfile': ROOT });
    await serverOn(join(outer, 'ws'));
    const severity = async (rel: string) => (await client.open(uri(join(outer, rel)), 'dockerfile', ROOT)).diagnostics.find((d) => d.code === 'non-root-user')?.severity;
    // Above the folder: not read (non-root-user keeps its default, warning = 2).
    expect(await severity('ws/a/Dockerfile')).toBe(2);
    // Inside the folder: applies (error = 1).
    expect(await severity('ws/b/Dockerfile')).toBe(1);
    // In a repository inside the folder, discovery stops at the repository root.
    expect(await severity('ws/b/repo/Dockerfile')).toBe(2);
  });

  it('17.2: maxFileSize of .bulkhead.yaml applies while bulkhead.maxFileSize is not set; a set value wins', async () => {
    const text = 'FROM alpine:3.22\nRUN apk add --no-cache curl\nUSER 10001\n';
    const dir = tree({ '.bulkhead.yaml': 'maxFileSize: 40\n', Dockerfile: text });
    await serverOn(dir, { settings: { maxFileSize: null } });
    expect(codes(await client.open(uri(join(dir, 'Dockerfile')), 'dockerfile', text))).toEqual(['file-too-large']);
    await client.dispose();
    await serverOn(dir, { settings: { maxFileSize: 1000 } });
    expect(codes(await client.open(uri(join(dir, 'Dockerfile')), 'dockerfile', text))).not.toContain('file-too-large');
  });

  it('17.2: the checklist gives a file over the limit its file-too-large finding instead of dropping it', async () => {
    const dir = tree({ '.bulkhead.yaml': 'maxFileSize: 40\n', Dockerfile: 'FROM alpine:3.22\nRUN apk add --no-cache curl\nUSER 10001\n', 'small/Dockerfile': 'FROM alpine\n' });
    await serverOn(dir);
    const checklist = await client.connection.sendRequest<ChecklistResult>(CHECKLIST_REQUEST, { scope: 'workspace' });
    expect(checklist.files).toBe(2);
    expect(checklist.practices.find((p) => p.practice === 10)!.findings.map((f) => [f.ruleId, f.uri])).toContainEqual(['file-too-large', uri(join(dir, 'Dockerfile'))]);
  });

  it('17.2: configuration and related files are read once, not per keystroke, until a watched file changes', async () => {
    const dir = tree({ '.bulkhead.yaml': 'rules: {non-root-user: error}\n', '.dockerignore': '.env\n', Dockerfile: ROOT });
    const reads = await serverOn(dir, { watch: true });
    const doc = uri(join(dir, 'Dockerfile'));
    await client.open(doc, 'dockerfile', ROOT);
    for (let i = 0; i < 5; i++) await client.change(doc, [{ text: `${ROOT}# ${i}\n` }]);
    expect(reads.get(join(dir, '.bulkhead.yaml'))).toBe(1);
    writeFileSync(join(dir, '.bulkhead.yaml'), 'rules: {non-root-user: off}\n');
    const after = client.next(doc, (p) => !codes(p).includes('non-root-user'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(join(dir, '.bulkhead.yaml')), type: FileChangeType.Changed }] });
    await after;
    expect(reads.get(join(dir, '.bulkhead.yaml'))).toBe(2);
  });
});
