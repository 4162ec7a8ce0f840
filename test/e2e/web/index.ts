/**
 * The extension-test entry point for the web worker extension host (the `--host web` run): the
 * same `*.e2e.ts` files as suite/index.ts, bundled into one script (test/e2e/build.mjs) with
 * mocha's browser build, an `assert` shim and a `mocha` shim, because that host has neither Node
 * built-ins nor `require` for anything but `vscode`.
 *
 * The launcher cannot pass environment variables into a web worker: it writes them, and the URI of
 * the result file, to the runner extension's suite/config.json, read here with `vscode.workspace.fs`.
 * The mocha report goes to the console with REPORT_MARK (VS Code forwards the host's console to
 * the window, and the window to `codeAutomationLog`); the SuiteResult is written with
 * `vscode.workspace.fs` to the result URI.
 */
import 'mocha/mocha.js';
import * as vscode from 'vscode';
import { ENV, REPORT_MARK, WEB_ENV_GLOBAL, WEB_RUNNER, type SuiteResult, type WebRunnerConfig } from '../suite/result';
import { format } from './format';

interface MochaRunner {
  on(event: 'pass' | 'fail' | 'pending', fn: (test: { fullTitle(): string; duration?: number }, err?: unknown) => void): void;
}
interface BrowserMocha {
  setup(opts: Record<string, unknown>): void;
  grep(re: string): void;
  run(done: (failures: number) => void): MochaRunner;
}
const g = globalThis as unknown as { mocha: BrowserMocha; Mocha: { reporters: { Base: { consoleLog: (...a: unknown[]) => void } } } } & Record<string, unknown>;

/** Files that must run first, in this order; the rest follow alphabetically (as suite/index.ts). */
const FIRST = ['activation.e2e.js'];

async function readConfig(): Promise<WebRunnerConfig> {
  const runner = vscode.extensions.getExtension(`${WEB_RUNNER.publisher}.${WEB_RUNNER.name}`);
  if (!runner) throw new Error(`the web runner extension ${WEB_RUNNER.publisher}.${WEB_RUNNER.name} is not loaded`);
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(runner.extensionUri, WEB_RUNNER.config));
  return JSON.parse(new TextDecoder().decode(bytes)) as WebRunnerConfig;
}

/** Called by the generated entry with every test file, loaded lazily (after mocha's globals exist). */
export async function runWeb(files: Record<string, () => unknown>): Promise<void> {
  const result: SuiteResult = { passed: 0, failed: 0, pending: 0, tests: [] };
  const config = await readConfig();
  const write = async () => {
    await vscode.workspace.fs.writeFile(vscode.Uri.parse(config.resultUri), new TextEncoder().encode(JSON.stringify(result, null, 2)));
  };
  g[WEB_ENV_GLOBAL] = config.env;
  g.Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(REPORT_MARK + format(...args));
  g.mocha.setup({ ui: 'bdd', reporter: 'spec', timeout: 30_000, slow: 5_000, color: false });
  const grep = config.env[ENV.grep];
  if (grep) g.mocha.grep(grep);

  const names = Object.keys(files).sort((a, b) => {
    const ia = FIRST.indexOf(a);
    const ib = FIRST.indexOf(b);
    if (ia !== ib) return (ia < 0 ? FIRST.length : ia) - (ib < 0 ? FIRST.length : ib);
    return a.localeCompare(b);
  });
  for (const name of names) {
    try {
      files[name]();
    } catch (e) {
      // A file that cannot load here (a Node built-in, say) fails the run with its name.
      result.failed++;
      result.tests.push({ title: `loading ${name} in the web worker extension host`, state: 'failed', error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
      console.log(REPORT_MARK + format('  ✖ loading %s in the web worker extension host: %s', name, e instanceof Error ? e.message : String(e)));
    }
  }

  await new Promise<void>((resolve) => {
    const runner = g.mocha.run(() => resolve());
    runner.on('pass', (t) => {
      result.passed++;
      result.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
    });
    runner.on('fail', (t, err) => {
      result.failed++;
      const e = err instanceof Error ? err : new Error(String(err));
      result.tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error: `${e.message}\n${e.stack ?? ''}` });
    });
    runner.on('pending', (t) => {
      result.pending++;
      result.tests.push({ title: t.fullTitle(), state: 'pending' });
    });
  });
  if (result.passed + result.failed === 0) {
    result.failed++;
    result.tests.push({ title: 'the suite ran at least one test', state: 'failed', error: `no test ran (files: ${names.join(', ') || 'none'})` });
  }
  await write();
  if (result.failed > 0) throw new Error(`${result.failed} e2e test(s) failed`);
}
