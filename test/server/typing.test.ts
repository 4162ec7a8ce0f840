import { afterEach, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/lsp-client';

/**
 * Typing stays calm (issue 15, item 4): while a YAML edit is half-typed, the last good findings stay
 * on screen, and the syntax error is published only once the user pauses. The delay comes from
 * `initializationOptions.syntaxErrorDelayMs`; these tests order events, they time nothing.
 */

let client: TestClient | undefined;
afterEach(async () => {
  await client?.dispose();
  client = undefined;
});

const URI = 'file:///project/compose.yaml';
const GOOD = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });
const codes = (uri: string, version: number) => client!.published.filter((p) => p.uri === uri && p.version === version).map((p) => p.diagnostics.map((d) => d.code));

describe('a half-typed edit', () => {
  it('keeps the findings on screen: its syntax error is never published when the next keystroke fixes it', async () => {
    client = TestClient.inProcess();
    // A pause longer than any test: the held error can only be replaced, never shown.
    await client.initialize({}, { debounceMs: 0, syntaxErrorDelayMs: 600_000 });
    const first = await client.open(URI, 'dockercompose', GOOD);
    expect(first.diagnostics.map((d) => d.code)).toContain('no-privileged');
    // Version 2: "[" opens a flow sequence that is not closed yet.
    client.change(URI, [{ range: at(2, 11), text: '[' }], false);
    // Version 3: "]" closes it; its findings are published, and version 2's syntax error never was.
    const third = await client.change(URI, [{ range: at(2, 23), text: ']' }]);
    expect(third!.diagnostics.map((d) => d.code)).toContain('no-privileged');
    expect(codes(URI, 2)).toEqual([]);
  });

  it('publishes the syntax error once the user pauses', async () => {
    client = TestClient.inProcess();
    await client.initialize({}, { debounceMs: 0, syntaxErrorDelayMs: 20 });
    await client.open(URI, 'dockercompose', GOOD);
    const error = await client.change(URI, [{ range: at(2, 11), text: '[' }]);
    expect(error!.diagnostics.map((d) => d.code)).toEqual(['syntax-error']);
    // Already showing the error: the next broken state replaces it at once (the delay is not waited again).
    const again = await client.change(URI, [{ range: at(2, 12), text: 'x' }]);
    expect(again!.diagnostics.map((d) => d.code)).toEqual(['syntax-error']);
  });

  it('a file opened with a syntax error shows it at once', async () => {
    client = TestClient.inProcess();
    await client.initialize({}, { debounceMs: 0, syntaxErrorDelayMs: 600_000 });
    const p = await client.open(URI, 'dockercompose', 'services:\n  web:\n    image: [nginx\n');
    expect(p.diagnostics.map((d) => d.code)).toEqual(['syntax-error']);
  });

  it('offers no "Ignore syntax-error" action', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    const p = await client.open(URI, 'dockercompose', 'services:\n  web:\n    image: [nginx\n');
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: URI }, range: p.diagnostics[0].range, context: { diagnostics: p.diagnostics } })) as { title: string }[];
    expect(actions.map((a) => a.title)).toEqual(['Show documentation for syntax-error']);
  });
});
