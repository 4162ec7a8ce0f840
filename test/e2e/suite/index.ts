/**
 * The extension-test entry point that both launchers hand to VS Code as extensionTestsPath: VS Code
 * calls run() inside the real extension host once the window is up. It runs every compiled
 * `*.e2e.js` file next to it with mocha, prints mocha's spec report (the launcher relays it), writes
 * a SuiteResult to BULKHEAD_E2E_RESULT_FILE and rejects when a test failed.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { ENV, REPORT_MARK, type SuiteResult } from './result';

/** Files that must run first, in this order; the rest follow alphabetically. */
const FIRST = ['activation.e2e.js'];

function order(a: string, b: string): number {
  const ia = FIRST.indexOf(a);
  const ib = FIRST.indexOf(b);
  if (ia !== ib) return (ia < 0 ? FIRST.length : ia) - (ib < 0 ? FIRST.length : ib);
  return a.localeCompare(b);
}

export async function run(): Promise<void> {
  const result: SuiteResult = { passed: 0, failed: 0, pending: 0, tests: [] };
  const write = (): void => {
    const file = process.env[ENV.resultFile];
    if (file) writeFileSync(file, JSON.stringify(result, null, 2));
  };
  // Mark the report's lines: the code-server launcher relays the window's whole console and keeps only these.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(REPORT_MARK + format(...args));
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 30_000, slow: 5_000 });
  const grep = process.env[ENV.grep];
  if (grep) mocha.grep(grep);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.e2e.js'))
    .sort(order);
  for (const f of files) mocha.addFile(join(__dirname, f));

  try {
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (t) => {
        result.passed++;
        result.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
      });
      runner.on('fail', (t, err: unknown) => {
        result.failed++;
        const e = err instanceof Error ? err : new Error(String(err));
        result.tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error: `${e.message}\n${e.stack ?? ''}` });
      });
      runner.on('pending', (t) => {
        result.pending++;
        result.tests.push({ title: t.fullTitle(), state: 'pending' });
      });
    });
  } catch (e) {
    // A test file that does not load (a syntax error, a missing module) fails the run.
    result.failed++;
    result.tests.push({ title: 'loading the e2e test files', state: 'failed', error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
    console.log(REPORT_MARK + format('Could not run the e2e tests: %O', e));
  }
  if (result.passed + result.failed === 0) {
    result.failed++;
    result.tests.push({ title: 'the suite ran at least one test', state: 'failed', error: `no test ran (files: ${files.join(', ') || 'none'})` });
  }
  write();
  if (result.failed > 0) throw new Error(`${result.failed} e2e test(s) failed`);
}
