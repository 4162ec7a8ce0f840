import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import {
  createProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { parseConfigFile } from '../../server/src/engine/config-file';
import { lint } from '../../server/src/engine/lint';
import { built } from '../helpers/bundle';
import { WAIT_MS } from '../helpers/hang-guard';
import { CORPUS_DIR, HAS_CORPUS, realCorpus } from '../helpers/corpus';

/**
 * Nothing runs and nothing leaves the machine: the engine, the server and the CLI never open a
 * network connection, never start a child process and never evaluate workspace content. Checked
 * statically (what the bundles import, and from which module) and at run time (the CLI and the
 * server analyse the real corpus with every way out blocked, in a network namespace without a network).
 */

const ROOT = join(__dirname, '../..');
const PRELOAD = join(__dirname, 'no-escape.cjs');

/** Node modules that reach the network, other processes, or evaluate code. */
const FORBIDDEN = ['child_process', 'cluster', 'dgram', 'dns', 'http', 'http2', 'https', 'inspector', 'net', 'tls', 'vm', 'worker_threads'];
const bare = (m: string) => m.replace(/^node:/, '').replace(/\/.*$/, '');

/**
 * The only forbidden imports in the bundles, each by the module that makes it and why it is inert.
 * Anything else fails the test.
 */
const ALLOWED: Record<'server' | 'cli', Record<string, { module: string; reason: string }>> = {
  server: {
    child_process: {
      module: 'node_modules/vscode-languageserver/lib/node/files.js',
      reason:
        'the `Files` helpers (resolveGlobalNodePath, resolveModulePath: run npm or yarn to find a global module) are loaded by ' +
        'vscode-languageserver/node at start-up; Bulkhead never calls them',
    },
    net: {
      module: 'node_modules/vscode-jsonrpc/lib/node/main.js',
      reason:
        'the LSP transports `--socket=<port>` and `--pipe=<name>`, which connect only to the endpoint the editor chose when it ' +
        'started the server; editors start Bulkhead with --stdio or --node-ipc, which use no socket',
    },
  },
  cli: {},
};

/**
 * Calls (or `new`) of global functions in bundled code: `name(` not after `.` or an identifier
 * character, and not a definition (a method `name(...) {` or `function name(`).
 */
function globalCalls(code: string, names: string[]): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(new RegExp(`(?<![.\\w$])(${names.join('|')})\\s*\\(`, 'g'))) {
    if (/function\s*$/.test(code.slice(Math.max(0, m.index - 12), m.index))) continue;
    let depth = 0;
    let i = m.index + m[0].length - 1;
    for (; i < code.length && i < m.index + 5000; i++) {
      if (code[i] === '(') depth++;
      else if (code[i] === ')' && --depth === 0) break;
    }
    if (/^\s*\{/.test(code.slice(i + 1, i + 20))) continue;
    out.push(code.slice(Math.max(0, m.index - 40), m.index + 40));
  }
  return out;
}

/** Bundles an entry point in memory, as scripts/build.mjs does, and lists the Node built-ins each input module imports. */
async function builtinImports(entry: string): Promise<{ module: string; builtin: string }[]> {
  const result = await build({ entryPoints: [join(ROOT, entry)], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, metafile: true, logLevel: 'silent', outdir: join(ROOT, '.unused') });
  const out: { module: string; builtin: string }[] = [];
  for (const [module, info] of Object.entries(result.metafile!.inputs)) {
    for (const imp of info.imports) if (imp.external) out.push({ module, builtin: bare(imp.path) });
  }
  return out;
}

describe('static: what the bundles can reach', () => {
  for (const [name, entry] of [['server', 'server/src/server.ts'], ['cli', 'server/src/cli.ts']] as const) {
    it(`the ${name} bundle imports no network, process or evaluation module, except the allowed ones from the named modules`, async () => {
      const forbidden = (await builtinImports(entry)).filter((i) => FORBIDDEN.includes(i.builtin));
      const allowed = ALLOWED[name];
      expect(forbidden.filter((i) => allowed[i.builtin]?.module !== i.module)).toEqual([]);
      // Every allowance is still needed (a stale one would hide a new import of the same module).
      expect(Object.keys(allowed).filter((b) => !forbidden.some((i) => i.builtin === b)).sort()).toEqual([]);
    });
  }

  for (const name of ['server', 'cli'] as const) {
    it(`dist/${name}.js as built: only the allowed require() calls, no eval, no Function constructor, no dynamic import, no fetch`, () => {
      const code = readFileSync(built(`${name}.js`), 'utf8');
      const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => bare(m[1]));
      expect([...new Set(required.filter((m) => FORBIDDEN.includes(m)))].sort()).toEqual(Object.keys(ALLOWED[name]).sort());
      // A call of require with anything but a string literal could load any module.
      expect(code.match(/(?<![.\w$])require\(\s*(?!["'])[^)]/g) ?? []).toEqual([]);
      expect(globalCalls(code, ['eval', 'Function', 'import', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'])).toEqual([]);
      expect(code.match(/process\.(binding|dlopen)\b/g) ?? []).toEqual([]);
    });
  }

  it('the sources (server/src) evaluate nothing, fetch nothing and import no network or process module', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const found: string[] = [];
    for (const f of files(join(ROOT, 'server/src'))) {
      const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
      const at = (n: ts.Node) => `${relative(ROOT, f)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${n.getText(sf).slice(0, 80)}`;
      const visit = (n: ts.Node): void => {
        if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier) && FORBIDDEN.includes(bare(n.moduleSpecifier.text))) found.push(at(n));
        if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
          const callee = n.expression;
          const name = ts.isIdentifier(callee) ? callee.text : callee.kind === ts.SyntaxKind.ImportKeyword ? 'import' : null;
          if (name && ['eval', 'Function', 'fetch', 'import', 'XMLHttpRequest', 'WebSocket', 'EventSource'].includes(name)) found.push(at(n));
          if (name === 'require' && !(n.arguments?.[0] && ts.isStringLiteral(n.arguments[0]) && !FORBIDDEN.includes(bare(n.arguments[0].text)))) found.push(at(n));
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    expect(found).toEqual([]);
  });
});

describe('plain data: configuration and Compose YAML are never evaluated', () => {
  it('custom and language-specific tags stay text, and a config alias bomb is refused, not expanded', () => {
    const r = parseConfigFile('rules: !!js/function "function () { process.exit(1) }"\ntrustedRegistries: [!!python/object:os.system "id", !custom x]\nfailOn: !!str error\n');
    // Unknown tags are dropped: the values are the plain strings as written.
    expect(r.config).toEqual({ rules: {}, trustedRegistries: ['id', 'x'], failOn: 'error' });
    expect(r.problems.map((p) => p.message)).toEqual(['"rules" must map rule ids to a severity (off, hint, info, warning, error) or {severity, options}']);
    // 9^15 leaves when expanded: an expanding parser would never finish (the test's timeout reports
    // that as a hang); refused, the alias is a problem and the bomb's keys are unknown ones.
    const letters = 'abcdefghijklmno';
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...letters.slice(1).split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${letters[i]}`).join(',')}]`), 'ignore: *o'].join('\n');
    const refused = parseConfigFile(bomb);
    expect(refused.config).toEqual({});
    expect(refused.problems.map((p) => p.message)).toContain('"ignore" must be a list of strings');
    expect(lint({ kind: 'compose', text: 'services:\n  web: !!js/function "function () { process.exit(1) }"\n  db:\n    image: !!python/object:os.system postgres\n' })).toBeInstanceOf(Array);
  });
});

/** Whether this machine lets us run a command in a network namespace of its own (no interface but a down loopback). */
const UNSHARE = spawnSync('unshare', ['--net', 'true']).status === 0;
const offline = (argv: string[]) => (UNSHARE ? ['unshare', ['--net', process.execPath, '--require', PRELOAD, ...argv]] : [process.execPath, ['--require', PRELOAD, ...argv]]) as [string, string[]];

function runNode(cmd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr }));
  });
}

describe(`at run time, with every way out blocked${UNSHARE ? ' and no network (unshare --net)' : ' (unshare unavailable: blocking preload only)'}`, () => {
  it('the preload really blocks: a child process, a connection, fetch and new Function all throw', async () => {
    const probe = `for (const f of [() => require('child_process').spawnSync('true'), () => require('net').connect(80, '127.0.0.1'), () => fetch('http://127.0.0.1/'), () => new Function('return 1'), () => require('dns').lookup('localhost', () => {})]) { try { f(); console.log('NOT BLOCKED'); } catch (e) { console.log('blocked'); } }`;
    const [cmd, args] = offline(['-e', probe]);
    const r = await runNode(cmd, args);
    expect(r.stdout.trim().split('\n')).toEqual(['blocked', 'blocked', 'blocked', 'blocked', 'blocked']);
  });

  it.skipIf(!HAS_CORPUS)('the CLI analyses ../shared/corpus/real with the same findings as with the network', async () => {
    const argv = [built('cli.js'), 'check', join(CORPUS_DIR, 'real'), '--format', 'json', '--fail-on', 'never'];
    const [cmd, args] = offline(argv);
    const [blocked, normal] = await Promise.all([runNode(cmd, args), runNode(process.execPath, argv)]);
    expect(blocked.stderr).not.toContain('BULKHEAD-BLOCKED');
    expect(blocked.code, blocked.stderr).toBe(0);
    expect(normal.code).toBe(0);
    const findings = JSON.parse(blocked.stdout).findings as { file: string }[];
    expect(new Set(findings.map((f) => f.file)).size).toBeGreaterThan(2000);
    expect(blocked.stdout).toBe(normal.stdout);
  });

  it.skipIf(!HAS_CORPUS)('the language server analyses corpus files and checks the whole corpus folder, with nothing blocked', async () => {
    const [cmd, args] = offline([built('server.js'), '--stdio']);
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const published = new Map<string, PublishDiagnosticsParams>();
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      published.set(p.uri, p);
    });
    conn.listen();
    try {
      const folder = `file://${join(CORPUS_DIR, 'real')}`;
      await conn.sendRequest('initialize', { processId: null, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'real' }], capabilities: {}, initializationOptions: { debounceMs: 0 } });
      await conn.sendNotification('initialized', {});
      const sample = realCorpus().filter((_, i) => i % 100 === 0);
      for (const f of sample) {
        await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: `file://${f.abs}`, languageId: f.kind === 'compose' ? 'dockercompose' : 'dockerfile', version: 1, text: readFileSync(f.abs, 'utf8') } });
      }
      const checklist = (await conn.sendRequest('bulkhead/checklist', { scope: 'workspace' })) as { files?: number; practices?: unknown[] };
      expect(checklist.practices?.length).toBe(20);
      await vi.waitFor(() => expect(sample.filter((f) => !published.has(`file://${f.abs}`)).map((f) => f.path)).toEqual([]), { timeout: WAIT_MS, interval: 100 });
      expect([...published.values()].some((p) => p.diagnostics.length > 0)).toBe(true);
      expect(stderr).not.toContain('BULKHEAD-BLOCKED');
      expect(child.exitCode).toBeNull();
    } finally {
      conn.dispose();
      child.kill();
    }
  });
});

describe('the extension declares untrusted-workspace and virtual-workspace support honestly', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

  it('declares both, and ships a web extension for workspaces without a disk', () => {
    expect(pkg.capabilities.untrustedWorkspaces.supported).toBe(true);
    expect(pkg.capabilities.virtualWorkspaces === true || pkg.capabilities.virtualWorkspaces?.supported === true).toBe(true);
    expect(pkg.browser).toMatch(/^\.\/dist\/browser\//);
  });

  it('no setting names a program, a path or code to run: in Restricted Mode there is nothing to restrict', () => {
    const props = pkg.contributes.configuration.properties as Record<string, { type?: string; enum?: unknown[] }>;
    const freeText = Object.entries(props).filter(([, p]) => p.type === 'string' && !p.enum);
    expect(freeText).toEqual([]);
    expect(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []).toEqual([]);
  });

  it('the client starts no process or task, evaluates nothing, and selects documents by language, not by the file scheme', () => {
    const dir = join(ROOT, 'client/src');
    const code = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    expect(code.match(/child_process|createTerminal|ShellExecution|ProcessExecution|executeTask|(?<![.\w$])eval\s*\(|new\s+Function\s*\(/g) ?? []).toEqual([]);
    expect(code.match(/scheme:\s*['"]file['"]/g) ?? []).toEqual([]);
  });
});
