import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { built } from '../helpers/bundle';
import { TestClient } from '../helpers/lsp-client';

const DOCKERFILE = 'file:///project/Dockerfile';
const COMPOSE = 'file:///project/compose.yaml';

let client: TestClient;
afterEach(async () => {
  await client?.dispose();
});

/** The diagnostics of one rule, as `code range severity source` lines (other rules may fire on the same text). */
function summary(diags: { code?: number | string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity?: number; source?: string }[], code = 'non-root-user') {
  return diags.filter((d) => d.code === code).map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} sev${d.severity} ${d.source}`);
}

describe('language server over JSON-RPC (in process)', () => {
  it('publishes Dockerfile diagnostics on open and updates them on incremental edits', async () => {
    client = TestClient.inProcess();
    const init = await client.initialize();
    expect(init.serverInfo?.name).toBe('bulkhead');
    expect(init.capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });

    const opened = await client.open(DOCKERFILE, 'dockerfile', 'FROM python:3.12-slim\nCMD ["python"]\n');
    expect(summary(opened.diagnostics)).toEqual(['non-root-user 0:0-0:21 sev2 bulkhead']);
    const d = opened.diagnostics.find((x) => x.code === 'non-root-user')!;
    expect(d.codeDescription?.href).toMatch(/docs\/rules\/non-root-user\.md$/);
    // The diagnostic names its finding in this version's analysis; the fixes stay on the server.
    expect(d.data).toEqual({ ruleId: 'non-root-user', practice: 4, version: 1, index: opened.diagnostics.indexOf(d) });

    // Insert "USER 10001\n" before CMD: the finding disappears.
    const fixed = await client.change(DOCKERFILE, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'USER 10001\n' }]);
    expect(summary(fixed!.diagnostics)).toEqual([]);

    // Switch to root: the finding comes back on the word "root".
    const root = await client.change(DOCKERFILE, [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 10 } }, text: 'root' }]);
    expect(summary(root!.diagnostics)).toEqual(['non-root-user 1:5-1:9 sev2 bulkhead']);
  });

  it('publishes Compose diagnostics for dockercompose and for yaml documents named like Compose files', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    const a = await client.open(COMPOSE, 'dockercompose', text);
    expect(a.diagnostics.find((x) => x.code === 'no-privileged')).toMatchObject({
      severity: DiagnosticSeverity.Error,
      range: { start: { line: 3, character: 4 }, end: { line: 3, character: 20 } },
      source: 'bulkhead',
    });
    const b = await client.open('file:///project/docker-compose.prod.yml', 'yaml', text);
    expect(b.diagnostics.some((x) => x.code === 'no-privileged')).toBe(true);
    const edited = await client.change(COMPOSE, [{ range: { start: { line: 3, character: 16 }, end: { line: 3, character: 20 } }, text: 'false' }]);
    expect(edited!.diagnostics.some((x) => x.code === 'no-privileged')).toBe(false);
  });

  it('ignores YAML that is not Compose and clears diagnostics on close', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    await client.open(DOCKERFILE, 'dockerfile', 'FROM alpine:3.20\n');
    const cleared = await client.close(DOCKERFILE);
    expect(cleared.diagnostics).toEqual([]);
    // A GitHub workflow is YAML but not Compose: nothing is published for it.
    const uri = 'file:///project/.github/workflows/ci.yml';
    const none = client.next(uri, () => true, 300).then(() => 'published', () => 'silent');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'on: push\njobs: {}\n' } });
    expect(await none).toBe('silent');
  });

  it('reports a YAML syntax error as one diagnostic', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    const p = await client.open(COMPOSE, 'dockercompose', 'services:\n  web:\n    image: [nginx\n');
    expect(p.diagnostics.map((x) => x.code)).toEqual(['syntax-error']);
  });

  it('debounces: rapid edits end with diagnostics for the final text only', async () => {
    client = TestClient.inProcess();
    await client.initialize({}, { debounceMs: 200 });
    await client.open(DOCKERFILE, 'dockerfile', 'FROM alpine:3.20\nUSER app\n');
    // 50 edits toggling the user between root and app; the last one leaves root.
    for (let i = 0; i < 49; i++) {
      const word = i % 2 === 0 ? 'root' : 'app ';
      client.change(DOCKERFILE, [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 9 } }, text: word }], false);
    }
    const last = await client.change(DOCKERFILE, [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 9 } }, text: 'root' }]);
    expect(summary(last!.diagnostics)).toEqual(['non-root-user 1:5-1:9 sev2 bulkhead']);
    // Publishes come in version order, the last one for the final text, and the debounce coalesced the burst.
    const versions = client.published.filter((p) => p.uri === DOCKERFILE).map((p) => p.version!);
    expect(versions.every((v, i) => i === 0 || v > versions[i - 1])).toBe(true);
    expect(versions.at(-1)).toBe(51);
    expect(versions.length).toBeLessThan(10);
  });
});

describe('bundled server over stdio (dist/server.js, as other editors start it)', () => {
  it('initializes and publishes diagnostics', async () => {
    client = TestClient.stdio(built('server.js'));
    const init = await client.initialize();
    expect(init.serverInfo).toMatchObject({ name: 'bulkhead' });
    const p = await client.open('file:///tmp/bulkhead-stdio/Dockerfile', 'dockerfile', 'FROM alpine:3.20\nUSER root\n');
    expect(summary(p.diagnostics)).toEqual(['non-root-user 1:5-1:9 sev2 bulkhead']);
  });
});

describe('bundled server over stdio, in an environment that asks yaml to log', () => {
  it('publishes Compose diagnostics with LOG_TOKENS and LOG_STREAM set: nothing but the protocol reaches stdout', async () => {
    // The CommonJS build of yaml prints its tokens to stdout when these are set; over stdio that
    // text lands in the protocol stream. The bundle inlines the ES module build, which does not.
    client = TestClient.stdio(built('server.js'), { ...process.env, LOG_TOKENS: '1', LOG_STREAM: '1' });
    await client.initialize();
    const p = await client.open('file:///tmp/bulkhead-stdio/compose.yaml', 'dockercompose', 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n');
    expect(summary(p.diagnostics, 'no-privileged')).toEqual(['no-privileged 3:4-3:20 sev1 bulkhead']);
  });
});
