/**
 * What both launchers share: options, the packaged VSIX, the fixture copy, the tally and its
 * closing line, and the clean-up of every process a run started.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CHECKLIST_PARITY, ENV, WEB_RUNNER, type SuiteResult, type WebRunnerConfig } from '../suite/result';
import { extractZip } from './zip';

/** The repository root: the launchers run from test/e2e/out/. */
export const REPO = resolve(__dirname, '../../..');
export const E2E = join(REPO, 'test/e2e');
export const OUT = join(E2E, 'out');
export const SUITE_INDEX = join(OUT, 'suite/index.js');
export const WEB_SUITE_INDEX = join(OUT, 'web-suite/index.js');
export const FIXTURE = join(E2E, 'fixtures/workspace');
export const EXTENSION_ID = 'bulkhead.bulkhead';

/**
 * Built-in extensions that the tests do not need and that cost an overloaded machine seconds at
 * every window start (git, github and copilot activate on startup). The languages the extension
 * relies on (docker, yaml) stay on.
 */
export const DISABLED_BUILTINS = [
  'GitHub.copilot-chat',
  'vscode.git',
  'vscode.git-base',
  'vscode.github',
  'vscode.github-authentication',
  'vscode.microsoft-authentication',
  'vscode.emmet',
  'vscode.merge-conflict',
  'vscode.debug-auto-launch',
  'vscode.npm',
  'vscode.typescript-language-features',
  'ms-vscode.js-debug',
];

const T0 = Date.now();
export function log(msg: string): void {
  console.log(`[e2e ${((Date.now() - T0) / 1000).toFixed(1).padStart(6)}s] ${msg}`);
}
export function since(t: number): string {
  return `${((Date.now() - t) / 1000).toFixed(1)} s`;
}

export type HostKind = 'node' | 'web';

export interface Options {
  runs: number;
  /** The extension hosts to run in, in order (`--host node|web|both`, default both). */
  hosts: HostKind[];
  vsix: string | undefined;
  keep: boolean;
  updateScreenshots: boolean;
  forceFail: boolean;
  grep: string | undefined;
}

export function parseArgs(argv: string[], usage: string): Options {
  const hostArg = (v: string): HostKind[] => {
    if (v === 'both') return ['node', 'web'];
    if (v === 'node' || v === 'web') return [v];
    fail(`--host must be node, web or both (got "${v}")\n${usage}`);
  };
  const o: Options = {
    runs: 1,
    hosts: ['node', 'web'],
    vsix: process.env.BULKHEAD_E2E_VSIX || undefined,
    keep: process.env.BULKHEAD_E2E_KEEP === '1',
    updateScreenshots: process.env.BULKHEAD_E2E_UPDATE_SCREENSHOTS === '1',
    forceFail: process.env[ENV.forceFail] === '1',
    grep: process.env[ENV.grep] || undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value\n${usage}`);
      return v;
    };
    if (a === '--runs') o.runs = Number(value());
    else if (a === '--host') o.hosts = hostArg(value());
    else if (a === '--vsix') o.vsix = resolve(value());
    else if (a === '--keep') o.keep = true;
    else if (a === '--update-screenshots') o.updateScreenshots = true;
    else if (a === '--force-fail') o.forceFail = true;
    else if (a === '--grep') o.grep = value();
    else if (a === '--help' || a === '-h') {
      console.log(usage);
      process.exit(0);
    } else fail(`unknown option ${a}\n${usage}`);
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) fail(`--runs needs a positive integer\n${usage}`);
  return o;
}

/** A usage or setup error: no test ran. Still ends with the closing line, so CI reads a failure. */
export function fail(msg: string): never {
  console.error(`e2e: ERROR: ${msg}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(2);
}

/** Set once a signal started the teardown: what fails after that is a consequence, not a finding. */
export const abort = { started: false };

/** Counts checks (launcher-side ones and the suite's tests) and prints them like mocha's spec reporter. */
export class Tally {
  passed = 0;
  failed = 0;
  readonly failures: string[] = [];
  pass(title: string, ms?: number): void {
    if (abort.started) return;
    this.passed++;
    console.log(`  ✔ ${title}${ms !== undefined ? ` (${ms} ms)` : ''}`);
  }
  fail(title: string, error: unknown): void {
    if (abort.started) return;
    this.failed++;
    const msg = error instanceof Error ? error.message : String(error);
    this.failures.push(`${title}: ${msg.split('\n')[0]}`);
    console.log(`  ✖ ${title}\n      ${msg.split('\n').join('\n      ')}`);
  }
  /** Runs one launcher-side check; a thrown error is a failure. Returns whether it passed. */
  async check(title: string, fn: () => Promise<void> | void): Promise<boolean> {
    const t = Date.now();
    try {
      await fn();
      this.pass(title, Date.now() - t);
      return true;
    } catch (e) {
      this.fail(title, e);
      return false;
    }
  }
  addSuite(r: SuiteResult): void {
    this.passed += r.passed;
    this.failed += r.failed;
    for (const t of r.tests) if (t.state === 'failed') this.failures.push(`${t.title}: ${(t.error ?? '').split('\n')[0]}`);
  }
}

/** Reads the suite's result file; a missing or unreadable file is one failure. */
export function readSuiteResult(file: string): SuiteResult | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SuiteResult;
  } catch {
    return undefined;
  }
}

/** Prints the failures and the closing line, and returns the exit code. */
export function finish(total: Tally, runsLine: string): number {
  if (abort.started) return 130; // the signal handler prints the closing line once its teardown is done
  if (total.failures.length) {
    console.log(`\nfailures:`);
    for (const f of total.failures) console.log(`  - ${f}`);
  }
  console.log(runsLine);
  console.log(`e2e: ${total.passed} passed, ${total.failed} failed`);
  return total.failed === 0 && total.passed > 0 ? 0 : 1;
}

/** Checks that the compiled suite exists (test/e2e/build.mjs writes it). */
export function requireBuiltSuite(): void {
  for (const f of [SUITE_INDEX, WEB_SUITE_INDEX]) if (!existsSync(f)) fail(`${f} is missing: run node test/e2e/build.mjs (npm run test:e2e does)`);
}

/**
 * The web run's second development extension: a small web extension that holds the web suite, so
 * that VS Code runs the tests in the host that runs this extension (the web worker host, forced by
 * the `remote.extensionKind` setting), next to Bulkhead. Written into the run directory with the
 * launcher's variables and the result file's URI in suite/config.json, into `dir`. Returns `dir`.
 */
export function stageWebRunner(dir: string, config: WebRunnerConfig): string {
  mkdirSync(join(dir, 'suite'), { recursive: true });
  const manifest = {
    name: WEB_RUNNER.name,
    publisher: WEB_RUNNER.publisher,
    version: '0.0.0',
    private: true,
    engines: { vscode: '^1.91.0' },
    // A web extension that never activates: it only carries the suite, which VS Code loads as extensionTestsPath.
    browser: './noop.js',
    activationEvents: [],
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'noop.js'), 'exports.activate = function () {};\n');
  cpSync(WEB_SUITE_INDEX, join(dir, 'suite/index.js'));
  writeFileSync(join(dir, WEB_RUNNER.config), JSON.stringify(config, null, 2));
  return dir;
}

/**
 * Copies the compiled suite to out/runs/<runId>/ for one run and returns its index.js. Each run
 * loads its own copy, so a rebuild (another `npm run test:e2e` in the same checkout) cannot change
 * or delete the files under a running extension host. The copy stays inside the repository so that
 * `require('mocha')` resolves to its node_modules. unstageSuite() removes it.
 */
export function stageSuite(runId: string): string {
  const dir = join(OUT, 'runs', runId, 'suite');
  cpSync(dirname(SUITE_INDEX), dir, { recursive: true });
  return join(dir, 'index.js');
}

export function unstageSuite(runId: string): void {
  removeDir(join(OUT, 'runs', runId));
}

/** A fresh directory for one run, outside the clone (so the unpacked extension cannot reach the repo's node_modules). */
export function makeRunDir(label: string): string {
  const base = process.env.BULKHEAD_E2E_TMP || join(tmpdir(), 'bulkhead-e2e');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, `${label}-`));
  if (dir.startsWith(REPO + '/')) fail(`the run directory ${dir} must be outside the clone`);
  return dir;
}

/** Runs `npm run package` and returns the VSIX it wrote. Once per launcher invocation. */
export function packageVsix(): string {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { name: string; version: string; scripts: Record<string, string> };
  const out = /--out\s+(\S+)/.exec(pkg.scripts.package ?? '')?.[1] ?? `${pkg.name}-${pkg.version}.vsix`;
  const vsix = resolve(REPO, out);
  const t = Date.now();
  log(`npm run package -> ${out}`);
  const r = spawnSync('npm', ['run', 'package'], { cwd: REPO, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 300_000 });
  if (r.status !== 0) {
    console.error(`${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-40).join('\n'));
    fail(`npm run package failed (exit ${r.status ?? r.signal})`);
  }
  if (!existsSync(vsix) || statSync(vsix).mtimeMs < t - 1000) fail(`npm run package did not write ${vsix}`);
  log(`packaged ${out} (${Math.round(statSync(vsix).size / 1024)} KiB) in ${since(t)}`);
  return vsix;
}

/** Unpacks the VSIX's extension/ folder into `dest` and returns the relative paths of its files. */
export function unpackVsix(vsix: string, dest: string): string[] {
  return extractZip(vsix, dest, 'extension/');
}

/**
 * What .vscodeignore and the bundling must get right, checked on the unpacked files: the manifest,
 * the client bundle its `main` names, the server bundle the client starts, and nothing that should
 * stay out (node_modules with --no-dependencies, sources, tests).
 */
export function checkPackagedFiles(dir: string, files: string[]): void {
  const problems: string[] = [];
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(manifestPath)) throw new Error('extension/package.json is missing from the VSIX');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { main?: string; browser?: string };
  const entry = (e: string | undefined) => (e ? join(dir, e.endsWith('.js') ? e : `${e}.js`) : undefined);
  const main = entry(manifest.main);
  if (!main || !existsSync(main)) problems.push(`main (${manifest.main}) is not in the VSIX`);
  const browser = entry(manifest.browser);
  if (!browser || !existsSync(browser)) problems.push(`browser (${manifest.browser}), the web extension's entry, is not in the VSIX`);
  if (!existsSync(join(dir, 'dist/server.js'))) problems.push('dist/server.js (the language server the client starts) is not in the VSIX');
  if (!existsSync(join(dir, 'dist/browser/server.js'))) problems.push('dist/browser/server.js (the web worker server the browser client starts) is not in the VSIX');
  const bad = files.filter((f) => /(^|\/)node_modules\//.test(f) || /\.ts$/.test(f) || /^(test|client|server|scripts)\//.test(f));
  if (bad.length) problems.push(`files that should not be packed: ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}`);
  if (problems.length) throw new Error(problems.join('; '));
}

/** Copies the fixture workspace into `dest` (fresh per run: edits and saves never leak into the next run). */
export function copyWorkspace(dest: string, checklistParity = false): string {
  cpSync(FIXTURE, dest, { recursive: true });
  if (checklistParity) addChecklistParity(dest);
  return dest;
}

/**
 * For the suite's window: the repository's examples/ in the workspace, a `.git` that names a commit
 * and a GitHub remote (text files only, as Bulkhead reads them), and what
 * `bulkhead checklist examples --format markdown` prints there, from the CLI built next to the VSIX.
 */
function addChecklistParity(dest: string): void {
  cpSync(join(REPO, 'examples'), join(dest, 'examples'), { recursive: true });
  mkdirSync(join(dest, '.git/refs/heads'), { recursive: true });
  writeFileSync(join(dest, '.git/HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(dest, '.git/refs/heads/main'), `${CHECKLIST_PARITY.commit}\n`);
  writeFileSync(join(dest, '.git/config'), `[remote "origin"]\n\turl = ${CHECKLIST_PARITY.remote}\n`);
  const cli = join(REPO, 'dist/cli.js');
  const r = spawnSync(process.execPath, [cli, 'checklist', 'examples', '--format', 'markdown'], { cwd: dest, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${cli} checklist examples exited ${r.status ?? r.signal}: ${r.stderr}`);
  mkdirSync(join(dest, dirname(CHECKLIST_PARITY.file)), { recursive: true });
  writeFileSync(join(dest, CHECKLIST_PARITY.file), r.stdout);
}

/** Saves a screenshot into the run directory and, with --update-screenshots, into docs/images/. */
export function keepScreenshot(png: Buffer, runDir: string, name: string, update: boolean): string[] {
  const paths = [join(runDir, name)];
  if (update) paths.push(join(REPO, 'docs/images', name));
  for (const p of paths) {
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, png);
  }
  return paths;
}

/**
 * Every process started for a run carries BULKHEAD_E2E_RUN=<id> in its environment (it is inherited
 * by code-server, its extension hosts, the language server, Chromium and its helpers). After the
 * normal teardown, anything still carrying it is killed by pid: nothing outlives a run, and nothing
 * else is touched.
 */
export function markedProcesses(runId: string): number[] {
  const needle = Buffer.from(`BULKHEAD_E2E_RUN=${runId}\0`);
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${pid}/environ`);
      if (env.includes(needle)) pids.push(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

export async function killMarked(runId: string, graceMs = 3000): Promise<number> {
  let pids = markedProcesses(runId);
  const found = pids.length;
  for (const sig of ['SIGTERM', 'SIGKILL'] as const) {
    for (const pid of pids) {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
    const until = Date.now() + graceMs;
    while (Date.now() < until && (pids = markedProcesses(runId)).length) await sleep(100);
    if (!pids.length) break;
  }
  return found;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Rejects after `ms` with `what` in the message; the timer does not keep the process alive. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s: ${what}`)), ms);
    timer.unref();
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
