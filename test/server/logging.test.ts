import { afterEach, describe, expect, it, vi } from 'vitest';
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, LogMessageNotification, MessageType, SetTraceNotification } from 'vscode-languageserver-protocol/node';
import { parseConfigFile } from '../../server/src/engine/config-file';
import { ServerLog } from '../../server/src/lsp/log';
import { RULES } from '../../server/src/rules';
import { VERSION } from '../../server/src/shared/version';
import pkg from '../../package.json';
import { TestClient } from '../helpers/lsp-client';

/**
 * What the language server writes to the client's log (VS Code's "Bulkhead" output channel): its
 * version once started, each configuration file it finds with its problems, a failing rule with
 * its stack, and, at `bulkhead.trace.server: verbose` only, the time of each analysis.
 */

const DOCKERFILE = 'file:///project/Dockerfile';
const TEXT = 'FROM python:3.12\nUSER root\n';
const CONFIG = 'rules:\n  no-such-rule: error\n';

let client: TestClient | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await client?.dispose();
  client = undefined;
});

const TYPE: Record<number, string> = { [MessageType.Error]: 'error', [MessageType.Warning]: 'warn', [MessageType.Info]: 'info', [MessageType.Log]: 'log' };

/** Every `window/logMessage` from now on, as `level: text`. */
function logs(c: TestClient): string[] {
  const out: string[] = [];
  c.connection.onNotification(LogMessageNotification.type, (m) => {
    out.push(`${TYPE[m.type] ?? m.type}: ${m.message}`);
  });
  return out;
}

/** A server whose disk holds `files` (path -> text). */
function withDisk(files: Record<string, string>): TestClient {
  return TestClient.inProcess({ readFile: (p) => files[p] });
}

const analysed = (lines: string[]) => lines.filter((l) => l.startsWith('info: Analysed '));

describe('the version', () => {
  it('comes from package.json', () => {
    expect(VERSION).toBe(pkg.version);
  });

  it('is the first line the server logs once initialized, with the runtime', async () => {
    client = withDisk({});
    const lines = logs(client);
    const init = await client.initialize();
    expect(init.serverInfo).toEqual({ name: 'bulkhead', version: pkg.version });
    await client.open(DOCKERFILE, 'dockerfile', TEXT);
    expect(lines[0]).toBe(`info: Bulkhead language server ${pkg.version} started (Node.js ${process.versions.node}, ${process.platform}).`);
  });
});

describe('configuration files', () => {
  it('each one found is logged once with its problems, and again when it changes', async () => {
    const files: Record<string, string> = { '/project/.bulkhead.yaml': CONFIG };
    client = withDisk(files);
    const lines = logs(client);
    await client.initialize();
    await client.open(DOCKERFILE, 'dockerfile', TEXT);
    const [problem] = parseConfigFile(CONFIG).problems;
    const expected = ['info: Configuration file /project/.bulkhead.yaml: 1 problem', `warn: /project/.bulkhead.yaml:2:3: ${problem.message}`];
    expect(lines.slice(1)).toEqual(expected);

    // A second Dockerfile under the same file: nothing new.
    await client.open('file:///project/api/Dockerfile', 'dockerfile', TEXT);
    expect(lines.slice(1)).toEqual(expected);

    // The file is fixed on disk: logged again, without problems.
    files['/project/.bulkhead.yaml'] = 'rules:\n  non-root-user: error\n';
    const republished = client.next(DOCKERFILE, (p) => p.diagnostics.some((d) => d.code === 'non-root-user' && d.severity === 1));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: 'file:///project/.bulkhead.yaml', type: FileChangeType.Changed }] });
    await republished;
    expect(lines.slice(1 + expected.length)).toEqual(['info: Configuration file /project/.bulkhead.yaml']);
  });

  it('a folder without one logs no configuration line', async () => {
    client = withDisk({});
    const lines = logs(client);
    await client.initialize();
    await client.open(DOCKERFILE, 'dockerfile', TEXT);
    expect(lines.filter((l) => l.includes('Configuration'))).toEqual([]);
  });
});

describe('a rule that throws', () => {
  it('is logged as an error with its stack', async () => {
    const rule = RULES.find((r) => r.meta.id === 'non-root-user')!;
    vi.spyOn(rule, 'dockerfile').mockImplementation(function injected() {
      throw new Error('injected failure');
    });
    client = withDisk({});
    const lines = logs(client);
    await client.initialize();
    await client.open(DOCKERFILE, 'dockerfile', TEXT);
    const errors = lines.filter((l) => l.startsWith('error: '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^error: Rule non-root-user failed on file:\/\/\/project\/Dockerfile: injected failure\nError: injected failure\n\s+at injected /);
  });
});

describe('per-analysis timings', () => {
  it('are logged at the verbose trace level only, following $/setTrace', async () => {
    client = withDisk({});
    const lines = logs(client);
    await client.initialize({}, { debounceMs: 0 }, { trace: 'verbose' });
    const first = await client.open(DOCKERFILE, 'dockerfile', TEXT);
    expect(analysed(lines)).toHaveLength(1);
    expect(analysed(lines)[0]).toMatch(new RegExp(`^info: Analysed file:///project/Dockerfile \\(version 1\\) in \\d+\\.\\d ms: ${first.diagnostics.length} diagnostics$`));

    for (const [value, logged] of [['messages', 0], ['off', 0], ['verbose', 1]] as const) {
      lines.length = 0;
      await client.connection.sendNotification(SetTraceNotification.type, { value });
      await client.change(DOCKERFILE, [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 9 } }, text: value === 'verbose' ? 'app' : 'root' }]);
      expect(analysed(lines), `after $/setTrace ${value}`).toHaveLength(logged);
    }
    expect(analysed(lines)[0]).toMatch(/ \(version 4\) in \d+\.\d ms: \d+ diagnostics$/);
  });

  it('follow the bulkhead.trace.server setting the client pushes, alone', async () => {
    // VS Code's client sends `$/setTrace off` unless the output channel's log level is Trace: the setting must suffice.
    client = withDisk({});
    const lines = logs(client);
    await client.initialize({}, { debounceMs: 0 }, { trace: 'off' });
    await client.open(DOCKERFILE, 'dockerfile', TEXT);
    const edit = async (version: number, settings: unknown) => {
      const reanalysed = client!.next(DOCKERFILE);
      await client!.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
      await reanalysed;
      lines.length = 0;
      await client!.change(DOCKERFILE, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# c\n' }]);
      return analysed(lines).filter((l) => l.includes(`(version ${version})`)).length;
    };
    expect(await edit(2, { bulkhead: { enable: true, trace: { server: 'verbose' } } })).toBe(1);
    expect(await edit(3, null), 'settings: null keeps the last value').toBe(1);
    expect(await edit(4, { bulkhead: { enable: true, trace: { server: 'messages' } } })).toBe(0);
    expect(await edit(5, { bulkhead: { enable: true, trace: { server: 'verbose' } } })).toBe(1);
    expect(await edit(6, { bulkhead: { enable: true } }), 'no trace setting: its default, off').toBe(0);
  });

  it('are off by default', async () => {
    client = withDisk({});
    const lines = logs(client);
    await client.initialize();
    await client.open(DOCKERFILE, 'dockerfile', TEXT);
    await client.change(DOCKERFILE, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# c\n' }]);
    expect(analysed(lines)).toEqual([]);
    expect(lines.filter((l) => l.includes('Startup: '))).toEqual([]);
  });

  it('include the startup times at the verbose level: initialize answered, then the first diagnostics, once', async () => {
    client = withDisk({});
    const lines = logs(client);
    await client.initialize({}, { debounceMs: 0 }, { trace: 'verbose' });
    await client.open(DOCKERFILE, 'dockerfile', TEXT);
    await client.open('file:///project/api/Dockerfile', 'dockerfile', TEXT);
    const startup = lines.filter((l) => l.includes('Startup: '));
    expect(startup).toHaveLength(2);
    expect(startup[0]).toMatch(/^info: Startup: initialized at \d+ ms after the server process started\.$/);
    expect(startup[1]).toMatch(/^info: Startup: first diagnostics \d+ ms after the server process started\.$/);
  });

  it('map every trace value, and name a document that is not analysed', async () => {
    const out: string[] = [];
    const log = new ServerLog({ error: (m) => out.push(`error: ${m}`), warn: (m) => out.push(`warn: ${m}`), info: (m) => out.push(`info: ${m}`) }, () => 0);
    for (const [value, level] of [['verbose', 'verbose'], ['compact', 'messages'], ['messages', 'messages'], ['off', 'off'], [undefined, 'off'], [42, 'off']] as const) {
      log.setTrace(value);
      expect(log.traceLevel, String(value)).toBe(level);
    }
    log.setTrace('verbose');
    const timed = log.timed(async (_doc: { uri: string; version: number }) => null);
    expect(await timed({ uri: 'file:///x/notes.yaml', version: 3 })).toBeNull();
    expect(out).toEqual(['info: Analysed file:///x/notes.yaml (version 3) in 0.0 ms: not analysed']);
  });
});
