/**
 * Second e2e launcher (npm run test:e2e:electron): the same suite in desktop VS Code through
 * @vscode/test-electron, for machines that can download VS Code or that name an installed one
 * with VSCODE_EXECUTABLE (then nothing is downloaded). On Linux without a display, run it under
 * xvfb-run. The development extension is the unpacked VSIX, as in the default launcher; there is
 * no DOM check here (the default launcher has it).
 *
 * Usage: node test/e2e/out/run-electron.js [--runs N] [--vsix FILE] [--force-fail] [--grep TEXT] [--keep]
 * Environment: VSCODE_EXECUTABLE (a VS Code binary), VSCODE_VERSION (what to download; default stable).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ENV } from './suite/result';
import {
  Tally,
  abort,
  checkPackagedFiles,
  copyWorkspace,
  finish,
  killMarked,
  log,
  makeRunDir,
  packageVsix,
  parseArgs,
  readSuiteResult,
  removeDir,
  requireBuiltSuite,
  since,
  unpackVsix,
  withTimeout,
  DISABLED_BUILTINS,
  stageSuite,
  unstageSuite,
} from './lib/common';

const USAGE = `usage: npm run test:e2e:electron -- [--runs N] [--vsix FILE] [--force-fail] [--grep TEXT] [--keep]
  VSCODE_EXECUTABLE=/path/to/code   use this VS Code instead of downloading one`;

/** Download, start and the whole suite; the download alone can take a while on a slow link. */
const RUN_TIMEOUT = 10 * 60_000;

let currentRun: string | undefined;

async function cycle(n: number, runs: number, vsix: string, opts: ReturnType<typeof parseArgs>): Promise<Tally> {
  const tally = new Tally();
  const runId = `${process.pid}-${n}-${Date.now()}`;
  const dir = makeRunDir(`electron${n}`);
  const t0 = Date.now();
  console.log(`\n== e2e (electron) run ${n}/${runs} in ${dir}`);
  // The marker lets the teardown find what VS Code left running; test-electron passes process.env on.
  process.env.BULKHEAD_E2E_RUN = runId;
  currentRun = runId;
  try {
    const extensionDir = join(dir, 'extension');
    const ok = await tally.check('vsix: the packaged extension has its manifest, client and server bundles and nothing else', () => {
      checkPackagedFiles(extensionDir, unpackVsix(vsix, extensionDir));
    });
    if (!ok) return tally;
    const workspace = copyWorkspace(join(dir, 'workspace'), true);
    const userData = join(dir, 'user-data');
    mkdirSync(join(userData, 'User'), { recursive: true });
    const resultFile = join(dir, 'suite-result.json');
    const env: Record<string, string> = { [ENV.resultFile]: resultFile, [ENV.extensionPath]: extensionDir, [ENV.workspace]: workspace };
    if (opts.forceFail) env[ENV.forceFail] = '1';
    if (opts.grep) env[ENV.grep] = opts.grep;
    let code: number;
    try {
      code = await withTimeout(
        runTests({
          ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version: process.env.VSCODE_VERSION || 'stable' }),
          extensionDevelopmentPath: extensionDir,
          extensionTestsPath: stageSuite(runId),
          extensionTestsEnv: env,
          launchArgs: [
            workspace,
            '--user-data-dir',
            userData,
            '--extensions-dir',
            join(dir, 'extensions'),
            '--disable-extensions', // other installed extensions; built-ins (the dockerfile language) stay
            '--disable-workspace-trust',
            '--skip-welcome',
            '--skip-release-notes',
            '--disable-gpu',
            ...DISABLED_BUILTINS.flatMap((id) => ['--disable-extension', id]),
          ],
        }),
        RUN_TIMEOUT,
        'VS Code (download, start and the suite)',
      );
    } catch (e) {
      const partial = readSuiteResult(resultFile);
      if (partial) {
        tally.addSuite(partial);
        if (partial.failed === 0) tally.fail('suite: exit code', e);
      } else {
        const msg = e instanceof Error ? e.message : String(e);
        const hint = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|download/i.test(msg) && !process.env.VSCODE_EXECUTABLE
          ? '\nVS Code could not be downloaded here: set VSCODE_EXECUTABLE to an installed VS Code, or use npm run test:e2e (code-server)'
          : '';
        tally.fail('suite: VS Code runs the suite', new Error(msg + hint));
      }
      return tally;
    }
    const result = readSuiteResult(resultFile);
    if (!result) tally.fail('suite: writes its result file', new Error(`${resultFile} is missing (exit code ${code})`));
    else {
      for (const t of result.tests) console.log(`  ${t.state === 'passed' ? '✔' : t.state === 'failed' ? '✖' : '-'} ${t.title}`);
      tally.addSuite(result);
      if (code !== 0 && result.failed === 0) tally.fail('suite: exit code', new Error(`VS Code exited with ${code} but no test failed`));
    }
  } finally {
    const left = await killMarked(runId);
    unstageSuite(runId);
    if (left) log(`killed ${left} leftover process(es) by pid`);
    if (tally.failed === 0 && !opts.keep) removeDir(dir);
    else log(`kept ${dir}`);
    log(`run ${n}/${runs} took ${since(t0)}: ${tally.passed} passed, ${tally.failed} failed`);
  }
  return tally;
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2), USAGE);
  requireBuiltSuite();
  const vsix = opts.vsix ?? packageVsix();
  const total = new Tally();
  const perRun: string[] = [];
  for (let n = 1; n <= opts.runs; n++) {
    const t = Date.now();
    const r = await cycle(n, opts.runs, vsix, opts);
    total.passed += r.passed;
    total.failed += r.failed;
    total.failures.push(...r.failures);
    perRun.push(`${r.failed === 0 ? 'ok' : 'FAILED'} ${since(t)}`);
  }
  return finish(total, `e2e runs (electron): ${perRun.map((s, i) => `#${i + 1} ${s}`).join(', ')}`);
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    if (abort.started) return;
    abort.started = true;
    console.error(`e2e: ${sig}: stopping VS Code`);
    void (currentRun ? killMarked(currentRun) : Promise.resolve(0)).finally(() => {
      if (currentRun) unstageSuite(currentRun);
      console.log('e2e: 0 passed, 1 failed');
      process.exit(130);
    });
  });
}

main().then(
  (code) => {
    if (!abort.started) process.exit(code);
  },
  (e: unknown) => {
    if (abort.started) return;
    console.error(e);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
