import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKLIST_REQUEST, LIST_FILES_REQUEST, READ_FILES_REQUEST, type ChecklistResult, type ListFilesParams, type ReadFilesParams } from '../../server/src/shared/protocol';
import { built } from '../helpers/bundle';
import { VSCODE_LIKE } from '../helpers/lsp-client';
import { FakeWorker, WorkerRpc } from '../helpers/web-worker';

/**
 * The built web extension: dist/browser/server.js runs in a context that has a web worker's
 * globals and none of Node's, and serves diagnostics, code actions, hover and the checklist over
 * `postMessage`, reading files through the client; the browser bundles import no Node built-in.
 */

const dist = (p: 'browser/server.js' | 'browser/extension.js') => built(p);
const WS = 'memfs:/ws';

interface Diag {
  code?: string;
  severity?: number;
  range: { start: { line: number; character: number } };
}
interface Published {
  uri: string;
  diagnostics: Diag[];
}

let worker: FakeWorker | undefined;
afterEach(() => worker?.terminate());

function start(files: Record<string, string>): { rpc: WorkerRpc; reads: string[] } {
  worker = new FakeWorker(dist('browser/server.js'));
  const reads: string[] = [];
  const rpc = new WorkerRpc(worker, {
    [READ_FILES_REQUEST]: (p) => {
      const { uris } = p as ReadFilesParams;
      reads.push(...uris);
      return { texts: uris.map((u) => files[u] ?? null) };
    },
    [LIST_FILES_REQUEST]: (p) => ({ uris: Object.keys(files).filter((u) => u.startsWith(`${(p as ListFilesParams).uri}/`) && /(Dockerfile|compose\.ya?ml)$/.test(u)), truncated: false }),
  });
  return { rpc, reads };
}

async function initialize(rpc: WorkerRpc) {
  const init = await rpc.request<{ serverInfo?: { name: string }; capabilities: Record<string, unknown> }>('initialize', {
    processId: null,
    rootUri: WS,
    workspaceFolders: [{ uri: WS, name: 'ws' }],
    capabilities: VSCODE_LIKE,
    initializationOptions: { debounceMs: 0, clientFiles: true },
  });
  rpc.notify('initialized', {});
  return init;
}

function open(rpc: WorkerRpc, uri: string, languageId: string, text: string): Promise<Published> {
  const published = rpc.next<Published>('textDocument/publishDiagnostics', (p) => p.uri === uri);
  rpc.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return published;
}

describe('the web worker server bundle (dist/browser/server.js)', () => {
  it('exists and is newer than its sources (npm test builds it)', () => {
    expect(existsSync(dist('browser/server.js'))).toBe(true);
    expect(existsSync(dist('browser/extension.js'))).toBe(true);
  });

  it('imports no Node built-in and reads no Node global', () => {
    for (const bundle of ['browser/server.js', 'browser/extension.js'] as const) {
      const code = readFileSync(dist(bundle), 'utf8');
      expect(code, bundle).not.toMatch(/\brequire\(["'](node:[a-z_/]+|fs|path|os|child_process|net|tls|http|https|crypto|stream|worker_threads|vm|url|util)["']\)/);
      expect(code, bundle).not.toMatch(/\bBuffer\.from\(/);
    }
  });

  it('runs with a web worker\'s globals only: diagnostics for a Dockerfile and a Compose file', async () => {
    const { rpc } = start({});
    expect(worker!.nodeGlobals()).toEqual([]);
    const init = await initialize(rpc);
    expect(init.serverInfo?.name).toBe('bulkhead');
    expect(init.capabilities.positionEncoding).toBe('utf-16');
    const d = await open(rpc, `${WS}/Dockerfile`, 'dockerfile', 'FROM python:3.12-slim\nUSER root\n');
    expect(d.diagnostics.map((x) => x.code)).not.toContain('syntax-error');
    expect(d.diagnostics.find((x) => x.code === 'non-root-user')).toMatchObject({ severity: 2, range: { start: { line: 1, character: 5 } } });
    const c = await open(rpc, `${WS}/compose.yaml`, 'dockercompose', 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n');
    expect(c.diagnostics.find((x) => x.code === 'no-privileged')).toMatchObject({ severity: 1 });
  });

  it('reads .bulkhead.yaml through the client, and answers code actions and hover', async () => {
    const { rpc, reads } = start({ [`${WS}/.bulkhead.yaml`]: 'rules:\n  non-root-user: error\n' });
    await initialize(rpc);
    const d = await open(rpc, `${WS}/app/Dockerfile`, 'dockerfile', 'FROM python:3.12-slim\nUSER root\n');
    expect(reads).toContain(`${WS}/.bulkhead.yaml`);
    expect(d.diagnostics.find((x) => x.code === 'non-root-user')?.severity).toBe(1);

    const uri = `${WS}/compose.yaml`;
    const c = await open(rpc, uri, 'dockercompose', 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n');
    const diag = c.diagnostics.find((x) => x.code === 'no-privileged')!;
    const actions = await rpc.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri }, range: (diag as unknown as { range: unknown }).range, context: { diagnostics: [diag], only: ['quickfix'] } });
    expect(actions.map((a) => a.title)).toContain('Remove "privileged: true"');
    const hover = await rpc.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 6 } });
    expect(hover?.contents.value).toMatch(/no-privileged/);
  });

  it('the workspace checklist lists and reads the files through the client', async () => {
    const { rpc } = start({ [`${WS}/Dockerfile`]: 'FROM alpine:3.20\nUSER root\n', [`${WS}/deploy/compose.yaml`]: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n' });
    await initialize(rpc);
    const r = await rpc.request<ChecklistResult>(CHECKLIST_REQUEST, { scope: 'workspace' });
    expect(r.files).toBe(2);
    expect(r.practices.find((p) => p.practice === 3)?.status).toBe('findings');
  });
});
