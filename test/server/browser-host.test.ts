import { afterEach, describe, expect, it } from 'vitest';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { UriPaths } from '../../server/src/lsp/uri-paths';
import { CHECKLIST_REQUEST, LIST_FILES_REQUEST, READ_FILES_REQUEST, type ChecklistResult, type ListFilesParams, type ReadFilesParams } from '../../server/src/shared/protocol';
import { listCandidateFiles, type DirectoryEntry } from '../../server/src/shared/scan';
import { TestClient } from '../helpers/lsp-client';

/**
 * The server as the web worker runs it (server/src/browser-server.ts): no disk, URIs of a virtual
 * workspace, and every file that is not open read through the client's `bulkhead/readFiles` and
 * `bulkhead/listFiles`, answered here from an in-memory file system as the VS Code client answers
 * them from `vscode.workspace.fs`.
 */

const WS = 'vscode-vfs://github/acme/shop';

let client: TestClient;
afterEach(async () => {
  await client?.dispose();
});

interface Served {
  reads: string[][];
  lists: string[];
}

/** A browser-like server whose client serves `files` (URI → text). */
async function browserClient(files: Record<string, string>, opts: { clientFiles?: boolean; folders?: string[] } = {}): Promise<Served> {
  const paths = new UriPaths();
  client = TestClient.inProcessWithHost({ uriToPath: (u) => paths.toPath(u), pathToUri: (p) => paths.toUri(p) });
  const served: Served = { reads: [], lists: [] };
  client.connection.onRequest(READ_FILES_REQUEST, (p: ReadFilesParams) => {
    served.reads.push(p.uris);
    return { texts: p.uris.map((u) => files[u] ?? null) };
  });
  client.connection.onRequest(LIST_FILES_REQUEST, (p: ListFilesParams) => {
    served.lists.push(p.uri);
    // The client walks workspace.fs with the shared walker; here the walk runs over the URI strings.
    const readDirectory = (dir: string): DirectoryEntry[] | undefined => {
      const prefix = `${dir}/`;
      const out = new Map<string, DirectoryEntry>();
      for (const u of Object.keys(files)) {
        if (!u.startsWith(prefix)) continue;
        const [name, ...rest] = u.slice(prefix.length).split('/');
        out.set(name, { name, type: rest.length > 0 ? 'directory' : 'file' });
      }
      return [...out.values()];
    };
    const r = listCandidateFiles(p.uri, readDirectory, { files: p.maxFiles, entries: p.maxEntries });
    return { uris: r.paths, truncated: r.truncated };
  });
  const folders = opts.folders ?? [WS];
  await client.initialize({ workspace: { workspaceFolders: true } }, { debounceMs: 0, clientFiles: opts.clientFiles ?? true }, { workspaceFolders: folders.map((uri) => ({ uri, name: uri })) });
  return served;
}

const codes = (diags: { code?: string | number }[]) => diags.map((d) => String(d.code));

describe('the server without a disk (web worker), files through the client', () => {
  it('maps virtual-workspace URIs to paths and back', () => {
    const p = new UriPaths();
    expect(p.toPath('vscode-vfs://github/acme/shop/app/Dockerfile')).toBe('/vscode-vfs:github/acme/shop/app/Dockerfile');
    expect(p.toPath('memfs:/sample%20folder/compose.yaml')).toBe('/memfs:/sample folder/compose.yaml');
    expect(p.toPath('file:///work/app/Dockerfile')).toBe('/work/app/Dockerfile');
    expect(p.toPath('untitled:Untitled-1')).toBe('untitled:Untitled-1');
    expect(p.toUri('/vscode-vfs:github/acme/shop/app/.dockerignore')).toBe('vscode-vfs://github/acme/shop/app/.dockerignore');
    expect(p.toUri('/memfs:/sample folder/.bulkhead.yaml')).toBe('memfs:/sample%20folder/.bulkhead.yaml');
    expect(p.toUri('/memfs:/sample folder/compose.yaml')).toBe('memfs:/sample%20folder/compose.yaml'); // the URI it came from
    expect(p.isVirtual('/vscode-vfs:github/acme/shop/x')).toBe(true);
    expect(p.isVirtual('/work/app/Dockerfile')).toBe(false);
    expect(p.toUri('/work/app/.dockerignore')).toBe('file:///work/app/.dockerignore');
  });

  it('.bulkhead.yaml that is not open applies: fetched, then the document is analysed with it', async () => {
    const served = await browserClient({ [`${WS}/.bulkhead.yaml`]: 'rules:\n  non-root-user: error\n' });
    const d = await client.open(`${WS}/app/Dockerfile`, 'dockerfile', 'FROM python:3.12-slim\nUSER root\n');
    expect(d.diagnostics.find((x) => x.code === 'non-root-user')).toMatchObject({ severity: 1 });
    // One request for everything the first round asked for (config candidates, .dockerignore files, ...).
    expect(served.reads.flat()).toContain(`${WS}/.bulkhead.yaml`);
    expect(served.reads.flat()).toContain(`${WS}/app/.bulkhead.yaml`);
  });

  it('a fetched-and-missing .dockerignore is missing; one that exists is read (no finding from an unfetched file)', async () => {
    const dockerfile = 'FROM node:22.11.0\nWORKDIR /app\nCOPY . .\nUSER node\n';
    await browserClient({ [`${WS}/app/.dockerignore`]: '.git\n**/.env\n**/.env.*\n**/*.pem\n**/*.key\n**/*.p12\n**/id_rsa*\n**/id_ed25519*\n**/.npmrc\n**/.aws\n**/.ssh\n' });
    const withIgnore = await client.open(`${WS}/app/Dockerfile`, 'dockerfile', dockerfile);
    expect(codes(withIgnore.diagnostics)).not.toContain('dockerignore-secrets');
    const without = await client.open(`${WS}/api/Dockerfile`, 'dockerfile', dockerfile);
    expect(codes(without.diagnostics)).toContain('dockerignore-secrets');
  });

  it('a Compose service reads the Dockerfile it builds through the client', async () => {
    const served = await browserClient({ [`${WS}/api/Dockerfile`]: 'FROM node:22.11.0\nUSER root\n' });
    const text = 'services:\n  api:\n    build: ./api\n    read_only: true\n';
    const d = await client.open(`${WS}/compose.yaml`, 'dockercompose', text);
    expect(served.reads.flat()).toContain(`${WS}/api/Dockerfile`);
    // The built stage's last USER is root and the service sets no user: known only from the Dockerfile.
    expect(codes(d.diagnostics)).toContain('compose-build-user');
    // A client that has no such Dockerfile: nothing is claimed about the user.
    await client.dispose();
    await browserClient({});
    expect(codes((await client.open(`${WS}/compose.yaml`, 'dockercompose', text)).diagnostics)).not.toContain('compose-build-user');
  });

  it('without clientFiles the server reads nothing and gives rules no related reader', async () => {
    const served = await browserClient({ [`${WS}/.bulkhead.yaml`]: 'rules:\n  non-root-user: error\n' }, { clientFiles: false });
    const d = await client.open(`${WS}/app/Dockerfile`, 'dockerfile', 'FROM node:22.11.0\nCOPY . .\nUSER root\n');
    expect(served.reads).toEqual([]);
    expect(d.diagnostics.find((x) => x.code === 'non-root-user')).toMatchObject({ severity: 2 });
    // No reader at all, rather than one that says every file is missing: no claim that there is no .dockerignore.
    expect(codes(d.diagnostics)).not.toContain('dockerignore-secrets');
  });

  it('forge links of the checklist: git metadata inside the workspace folder is read through the client', async () => {
    const sha = '0123456789abcdef0123456789abcdef01234567';
    const served = await browserClient({
      [`${WS}/.git/HEAD`]: 'ref: refs/heads/main\n',
      [`${WS}/.git/refs/heads/main`]: `${sha}\n`,
      [`${WS}/.git/config`]: '[remote "origin"]\n\turl = https://github.com/acme/shop.git\n',
      [`${WS}/deploy/compose.yaml`]: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
    });
    const r = await client.connection.sendRequest<ChecklistResult>(CHECKLIST_REQUEST, { scope: 'workspace' });
    expect(served.reads.flat()).toContain(`${WS}/.git/HEAD`);
    expect(r.forge).toEqual({ host: 'github', web: 'https://github.com/acme/shop', commit: sha, prefix: '' });
  });

  it('the workspace checklist lists and reads the files through the client', async () => {
    const served = await browserClient({
      [`${WS}/Dockerfile`]: 'FROM alpine:3.20\nUSER root\n',
      [`${WS}/deploy/compose.yaml`]: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
      [`${WS}/node_modules/x/Dockerfile`]: 'FROM alpine:3.20\n',
      [`${WS}/README.md`]: '# shop\n',
    });
    const r = await client.connection.sendRequest<ChecklistResult>(CHECKLIST_REQUEST, { scope: 'workspace' });
    expect(served.lists).toEqual([WS]);
    expect(r.files).toBe(2);
    const uris = [...new Set(r.practices.flatMap((p) => p.findings.map((f) => f.uri)))].sort();
    expect(uris).toEqual([`${WS}/Dockerfile`, `${WS}/deploy/compose.yaml`]);
    expect(r.practices.find((p) => p.practice === 3)!.status).toBe('findings');
  });

  it('a watched-file change drops the cache: the next analysis fetches again', async () => {
    const files: Record<string, string> = { [`${WS}/.bulkhead.yaml`]: 'rules:\n  non-root-user: error\n' };
    await browserClient(files);
    const uri = `${WS}/Dockerfile`;
    expect((await client.open(uri, 'dockerfile', 'FROM alpine:3.20\nUSER root\n')).diagnostics.find((x) => x.code === 'non-root-user')?.severity).toBe(1);
    files[`${WS}/.bulkhead.yaml`] = 'rules:\n  non-root-user: info\n';
    const next = client.next(uri, (p) => p.diagnostics.find((x) => x.code === 'non-root-user')?.severity === 3);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: `${WS}/.bulkhead.yaml`, type: FileChangeType.Changed }] });
    await next;
  });
});
