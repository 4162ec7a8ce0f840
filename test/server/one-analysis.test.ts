import { afterEach, describe, expect, it } from 'vitest';
import { CodeActionRequest, CodeActionResolveRequest, HoverRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { KEPT } from '../../server/src/lsp/document-analyses';
import { CHECKLIST_REQUEST, type ChecklistResult } from '../../server/src/shared/protocol';
import { parseCount } from '../../server/src/parse/parse-count';
import { TestClient } from '../helpers/lsp-client';

/**
 * One analysis per document version: diagnostics, code actions (their fixes included), resolve and
 * hover all read the same analysis, so on an unchanged document they parse nothing. Counted through
 * the parse seam (parse/parse-count.ts), not timed.
 */

let client: TestClient;
afterEach(async () => {
  await client?.dispose();
});

const DOCKERFILE = 'file:///project/Dockerfile';
const COMPOSE = 'file:///project/compose.yaml';
const BUILT = 'FROM node:22-alpine\nUSER root\nCMD ["node", "app.js"]\n';
const DEVCONTAINER = 'file:///project/.devcontainer/devcontainer.json';
const parses = () => parseCount.dockerfile + parseCount.compose + parseCount.devcontainer;

async function everyActionAndHover(uri: string, diagnostics: Diagnostic[]): Promise<number> {
  let n = 0;
  for (const d of diagnostics) {
    const list = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    for (const a of list) {
      // Resolving "Fix all" lints the fixed text (its later passes): that is new text, counted below.
      if (a.data && (a.data as { kind: string }).kind !== 'fixAll') await client.connection.sendRequest(CodeActionResolveRequest.type, a);
      n++;
    }
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: d.range.start });
  }
  // Hover away from any finding (keyword docs) and a menu for the whole file.
  await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } });
  await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, context: { diagnostics } });
  return n;
}

describe('one analysis per document version', () => {
  for (const resolve of [false, true]) {
    it(`code actions${resolve ? ', resolve' : ''} and hover on an unchanged document parse nothing`, async () => {
      client = TestClient.inProcess({ readFile: (p) => (p === '/project/Dockerfile' ? BUILT : undefined) });
      await client.initialize(resolve ? { textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } } } : {});
      const df = await client.open(DOCKERFILE, 'dockerfile', 'FROM python:3.12\n# bulkhead-ignore made-up\nRUN apt-get update && apt-get install -y curl\nUSER root\n');
      // The Compose file builds the Dockerfile above: its analysis parses that too.
      const dc = await client.open(COMPOSE, 'dockercompose', 'services:\n  web:\n    build: .\n    privileged: true\n    ports:\n      - "8080:80"\n');
      // A Dev Container configuration: its ignore actions write `//` comments on the same cached model.
      const dv = await client.open(DEVCONTAINER, 'jsonc', '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "privileged": true,\n  "mounts": ["source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind"]\n}\n');
      expect(df.diagnostics.length).toBeGreaterThan(3);
      expect(dc.diagnostics.length).toBeGreaterThan(3);
      expect(dv.diagnostics.map((d) => d.code)).toEqual(['no-privileged', 'no-docker-socket-mount']);

      const before = parses();
      const devcontainerBefore = parseCount.devcontainer;
      const actions = (await everyActionAndHover(DOCKERFILE, df.diagnostics)) + (await everyActionAndHover(COMPOSE, dc.diagnostics)) + (await everyActionAndHover(DEVCONTAINER, dv.diagnostics));
      expect(actions).toBeGreaterThan(25);
      expect(parseCount.devcontainer).toBe(devcontainerBefore);
      expect(parses()).toBe(before);
    });
  }

  it('fix-all starts from the cached findings: it parses only the texts its passes produce', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    await client.open(DOCKERFILE, 'dockerfile', 'FROM alpine:3.22\n# bulkhead-ignore made-up\nUSER 10001\n# bulkhead-ignore also-made-up\nRUN true\n');
    const before = parseCount.dockerfile;
    const list = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: DOCKERFILE }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
    expect(list.map((a) => a.title)).toEqual(['Fix all safe Bulkhead problems']);
    // One pass applies both removals; the fixed text is parsed once to check it and find what is left.
    expect(parseCount.dockerfile - before).toBe(1);
  });

  it(`keeps the analyses of the ${KEPT} documents used last: one used before them is analysed once more, then served from the cache`, async () => {
    client = TestClient.inProcess();
    await client.initialize();
    const uri = (i: number) => `file:///project/${i}/Dockerfile`;
    for (let i = 0; i <= KEPT; i++) await client.open(uri(i), 'dockerfile', `FROM alpine:3.${i}\nUSER root\n`);
    const hover = (i: number) => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(i) }, position: { line: 1, character: 6 } });
    let before = parseCount.dockerfile;
    await hover(KEPT);
    expect(parseCount.dockerfile - before).toBe(0);
    before = parseCount.dockerfile;
    const again = await hover(0);
    expect(parseCount.dockerfile - before).toBe(1);
    expect(JSON.stringify(again)).toContain('non-root-user');
    await hover(0);
    expect(parseCount.dockerfile - before).toBe(1);
  });

  it('an edit is parsed once, however many features then ask', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    await client.open(DOCKERFILE, 'dockerfile', 'FROM python:3.12\nUSER root\n');
    const before = parseCount.dockerfile;
    const after = await client.change(DOCKERFILE, [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 9 } }, text: 'app' }]);
    await everyActionAndHover(DOCKERFILE, after!.diagnostics);
    expect(parseCount.dockerfile - before).toBe(1);
  });

  it('the checklist reads the analyses of open documents: it parses them no more, and an edit once', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    const checklist = (params: object) => client.connection.sendRequest<ChecklistResult>(CHECKLIST_REQUEST, params);
    await client.open(DOCKERFILE, 'dockerfile', '# bulkhead-ignore-file non-root-user -- drops root in its entrypoint\nFROM python:3.12\nRUN true\n');
    await client.open(COMPOSE, 'dockercompose', 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n');
    const before = parses();
    const file = await checklist({ scope: 'file', uri: DOCKERFILE });
    // Without workspace folders the open documents are the workspace.
    const workspace = await checklist({ scope: 'workspace' });
    expect(parses()).toBe(before);
    // What it shows is the analysis's: the suppressed finding with its reason, the Compose error.
    expect(file.practices.find((p) => p.practice === 4)!.suppressed.map((x) => [x.ruleId, x.ignore])).toEqual([['non-root-user', { kind: 'file', line: 0, reason: 'drops root in its entrypoint' }]]);
    expect(workspace.practices.find((p) => p.practice === 3)!.findings.map((f) => [f.ruleId, f.uri])).toEqual([['no-privileged', COMPOSE]]);

    await client.change(COMPOSE, [{ range: { start: { line: 3, character: 16 }, end: { line: 3, character: 20 } }, text: 'false' }]);
    const edited = await checklist({ scope: 'workspace' });
    expect(parses() - before).toBe(1);
    expect(edited.practices.find((p) => p.practice === 3)!.findings).toEqual([]);
  });
});
