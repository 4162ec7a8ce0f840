/**
 * Default e2e launcher (npm run test:e2e): runs the suite in a real VS Code, code-server, driven by
 * Debian's Chromium through playwright-core. Per run:
 *
 *   1. unpack the packaged VSIX (npm run package, once per invocation) into a fresh run directory
 *      outside the clone, and check its files;
 *   2. copy the fixture workspace; install the VSIX into the run's extensions dir; start code-server
 *      in its own process group;
 *   3. UI window: open compose.yaml then the Dockerfile by clicking in the Explorer, wait for the
 *      squiggles, open the Problems panel, read its rows, take a screenshot; the same for
 *      .devcontainer/devcontainer.json after the checklist screenshot;
 *   3b. screenshot window (screenshots.ts): the showcase project, a realistic one, for the README's
 *      pictures (the editor and Problems, the quick-fix menu, a hover, the checklist);
 *   4. test window: load the unpacked VSIX as the development extension and run suite/index.js in
 *      the real (node) extension host through the URL payload; relay mocha's report;
 *   5. tear down: close Chromium, kill code-server's process group, then kill by pid anything still
 *      carrying this run's marker in its environment.
 *
 * `--host web` (and the second half of the default `--host both`) runs the same cycle with the
 * extension forced into the browser's web worker extension host by the `remote.extensionKind`
 * setting: both windows then run the browser build (dist/browser/*), and the test window runs the
 * web suite (out/web-suite/index.js, the same *.e2e.ts files) from a small web runner extension
 * next to the unpacked VSIX, because VS Code runs extension tests in the host of the extension
 * that contains them.
 *
 * Prints `e2e: N passed, M failed` last; exits non-zero on any failure or timeout.
 * Usage: node test/e2e/out/run-code-server.js [--host node|web|both] [--runs N] [--vsix FILE]
 *        [--force-fail] [--grep TEXT] [--update-screenshots] [--keep]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ENV, HOST_ENV, REPORT_MARK, WEB_RUNNER } from './suite/result';
import {
  Tally,
  abort,
  checkPackagedFiles,
  copyWorkspace,
  finish,
  keepScreenshot,
  killMarked,
  log,
  makeRunDir,
  packageVsix,
  parseArgs,
  readSuiteResult,
  removeDir,
  requireBuiltSuite,
  since,
  sleep,
  unpackVsix,
  withTimeout,
  DISABLED_BUILTINS,
  stageSuite,
  stageWebRunner,
  unstageSuite,
  EXTENSION_ID,
  type HostKind,
} from './lib/common';
import { findTools, type Tools } from './lib/tools';
import { copyShowcase, showcaseScreenshots } from './screenshots';

const USAGE = `usage: npm run test:e2e -- [--host node|web|both] [--runs N] [--vsix FILE] [--force-fail] [--grep TEXT] [--update-screenshots] [--keep]
  --host HOST           the extension host to force the extension into: node (code-server's remote Node
                        host), web (the browser's web worker host, with the browser build) or both (default)
  --runs N              run the whole cycle N times (fresh directories and processes each time)
  --vsix FILE           test this VSIX instead of running npm run package
  --force-fail          add a failing test (also BULKHEAD_E2E_FORCE_FAIL=1)
  --grep TEXT           run only the suite's tests whose title contains TEXT
  --update-screenshots  also write the screenshots to docs/images/ (the README's)
  --keep                keep the run directory (it is always kept when the run fails)`;

/** Hard limits (the issue's): the workbench must be up in 60 s, the suite done in 180 s. */
const WORKBENCH_TIMEOUT = 60_000;
const SUITE_TIMEOUT = 180_000;
const SERVER_START_TIMEOUT = 30_000;
const UI_STEP_TIMEOUT = 30_000;
/** The first squiggle waits for the extension host, the activation and the language server to start. */
const FIRST_DIAGNOSTIC_TIMEOUT = 90_000;
/** A last resort for anything the limits above do not cover (a hung teardown, say). */
const CYCLE_WATCHDOG = 8 * 60_000;

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  // The web workbench defaults to afterDelay: an edit made by a test could be saved into the fixture copy.
  'files.autoSave': 'off',
  // A single click in the Explorer would open a preview tab that the next click replaces (closing the document).
  'workbench.editor.enablePreview': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.cursorBlinking': 'solid',
  'editor.minimap.enabled': false,
  // The screenshots show the file's own first lines, not sticky headers of the scope above the cursor.
  'editor.stickyScroll.enabled': false,
  'window.restoreWindows': 'none',
};

/**
 * The web run forces the extension (and the web runner that carries the suite) into the browser's
 * web worker extension host: an extension kind set by the user wins over the manifest's, and a
 * remote (code-server-installed) extension of kind `web` runs there with its `browser` entry.
 */
function settingsFor(host: HostKind): Record<string, unknown> {
  if (host === 'node') return SETTINGS;
  return { ...SETTINGS, 'remote.extensionKind': { [EXTENSION_ID]: ['web'], [`${WEB_RUNNER.publisher}.${WEB_RUNNER.name}`]: ['web'] } };
}

interface Cycle {
  runId: string;
  dir: string;
  server?: ChildProcess;
  context?: BrowserContext;
}
let current: Cycle | undefined;

async function teardown(c: Cycle): Promise<void> {
  const t = Date.now();
  if (c.context) {
    await withTimeout(c.context.close(), 10_000, 'closing Chromium').catch((e: unknown) => log(`warning: ${String(e)}`));
    c.context = undefined;
  }
  const pid = c.server?.pid;
  if (pid && c.server?.exitCode === null) {
    try {
      process.kill(-pid, 'SIGTERM'); // the whole group: code-server, extension hosts, language servers, agent host
    } catch {
      // already gone
    }
    const until = Date.now() + 5_000;
    while (Date.now() < until && groupAlive(pid)) await sleep(100);
    if (groupAlive(pid)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  }
  c.server = undefined;
  const stragglers = await killMarked(c.runId);
  unstageSuite(c.runId);
  log(`teardown done in ${since(t)}${stragglers ? ` (killed ${stragglers} leftover process(es) by pid)` : ''}`);
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** The environment for everything a run starts: no VSCODE_* leaking in from a surrounding editor, HOME-free XDG dirs, the marker. */
function runEnv(c: Cycle): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(VSCODE_|ELECTRON_)/.test(k)) env[k] = v;
  for (const x of ['CONFIG', 'DATA', 'CACHE', 'STATE']) {
    env[`XDG_${x}_HOME`] = join(c.dir, 'xdg', x.toLowerCase());
    mkdirSync(env[`XDG_${x}_HOME`]!, { recursive: true });
  }
  env.BULKHEAD_E2E_RUN = c.runId;
  // The VS Code server leaves these built-ins out of its scan (its --disable-extension does not reach remote hosts).
  env.VSCODE_SKIP_BUILTIN_EXTENSIONS = DISABLED_BUILTINS.join(',');
  return env;
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function startCodeServer(c: Cycle, tools: Tools, userData: string, extensionsDir: string, vsix: string): Promise<string> {
  const config = join(c.dir, 'code-server.yaml');
  writeFileSync(config, 'auth: none\n'); // without --config, code-server writes ~/.config/code-server/config.yaml
  const entry = join(tools.codeServer, 'out/node/entry.js');
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensionsDir];
  const env = runEnv(c);

  // The UI window uses the VSIX as a user installs it.
  let t = Date.now();
  const inst = spawnSync(tools.node, [entry, ...common, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 60_000 });
  if (inst.status !== 0 || !/successfully installed/.test(inst.stdout + inst.stderr)) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${inst.status ?? inst.signal}):\n${inst.stdout}${inst.stderr}`);
  }
  log(`installed the VSIX into the run's extensions dir in ${since(t)}`);

  t = Date.now();
  const port = await freePort();
  const logFile = join(c.dir, 'code-server.log');
  const fd = openSync(logFile, 'a');
  const args = [
    entry,
    ...common,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // Extension tests come in through the URL payload, which the built workbench reads only with this option.
    '--vscode-option',
    'enable-smoke-test-driver',
    // A closed window's extension host goes away after 5 s instead of 3 hours.
    '--reconnection-grace-time',
    '5',
  ];
  // detached: its own process group (and session), so teardown can signal everything it spawned at once.
  c.server = spawn(tools.node, args, { env, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + SERVER_START_TIMEOUT;
  for (;;) {
    if (c.server.exitCode !== null) throw new Error(`code-server exited with ${c.server.exitCode}:\n${tail(logFile)}`);
    try {
      const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`code-server did not answer /healthz in ${SERVER_START_TIMEOUT / 1000} s:\n${tail(logFile)}`);
    await sleep(100);
  }
  log(`code-server ${tools.codeServerVersion} up on ${base} (pid ${c.server.pid}) in ${since(t)}`);
  return base;
}

async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'attached', timeout: WORKBENCH_TIMEOUT });
}

async function openFromExplorer(page: Page, name: string): Promise<void> {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT });
  await row.click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT });
}

/** The UI window: what a user sees, read back from the DOM. */
async function uiChecks(c: Cycle, base: string, workspace: string, tally: Tally, updateScreenshots: boolean): Promise<void> {
  const page = await c.context!.newPage();
  try {
    const t = Date.now();
    const ok = await tally.check('ui: the workbench loads in headless Chromium', async () => {
      await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`, { timeout: WORKBENCH_TIMEOUT });
      await waitForWorkbench(page);
    });
    if (!ok) return;
    log(`workbench up in ${since(t)}`);

    await tally.check('ui: opening compose.yaml alone activates the extension: error squiggle under privileged: true', async () => {
      await openFromExplorer(page, 'compose.yaml');
      const squiggle = page.locator('.monaco-editor .squiggly-error').first();
      await squiggle.waitFor({ state: 'visible', timeout: FIRST_DIAGNOSTIC_TIMEOUT });
    });
    await tally.check('ui: the Dockerfile shows a warning squiggle', async () => {
      await openFromExplorer(page, 'Dockerfile');
      await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT });
    });
    await tally.check('ui: the status bar shows the Bulkhead item with the Dockerfile\'s warning count', async () => {
      const item = page.locator('.statusbar-item', { hasText: 'Bulkhead' }).filter({ has: page.locator('.codicon-warning') }).first();
      await item.waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT });
      const text = (await item.innerText()).replace(/\s+/g, ' ').trim();
      if (!/^Bulkhead \d+ [1-9]\d*$/.test(text)) throw new Error(`the status item reads "${text}", not "Bulkhead <errors> <warnings>"`);
      console.log(`      status bar: ${text}`);
    });
    await tally.check('ui: the Problems panel lists non-root-user (Ln 5, Col 6) and no-privileged (Ln 5, Col 5)', async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row');
      const want: [string, string][] = [
        ['non-root-user', 'Ln 5, Col 6'],
        ['no-privileged', 'Ln 5, Col 5'],
      ];
      for (const [code] of want) await rows.filter({ hasText: code }).first().waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT });
      const texts = (await rows.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
      for (const [code, pos] of want) {
        const row = texts.find((s) => s.includes(code));
        if (!row?.includes(pos)) throw new Error(`no Problems row with ${code} at ${pos}; rows: ${JSON.stringify(texts)}`);
        if (!row.includes('bulkhead')) throw new Error(`the ${code} row does not name the source bulkhead: ${row}`);
      }
      console.log(`      Problems panel: ${texts.join(' | ')}`);
    });
    await tally.check('ui: screenshot of the editor with the Problems panel', async () => {
      // Put the cursor on the finding so the screenshot shows the editor focused on it.
      await page.locator('.tabs-container .tab', { hasText: 'Dockerfile' }).first().click();
      await page.keyboard.press('Control+G');
      await page.keyboard.type('5');
      await page.keyboard.press('Enter');
      await page.mouse.move(900, 350); // away from the tab (its hover shows the file path over the breadcrumbs)
      await sleep(800); // let the cursor move, hovers close and the line highlight render
      const png = await page.screenshot({ timeout: UI_STEP_TIMEOUT });
      // The README's pictures come from the showcase project (screenshots.ts); this one stays in the run directory.
      const paths = keepScreenshot(png, c.dir, 'fixture-editor-problems.png', false);
      console.log(`      saved ${paths.join(', ')}`);
    });
    await tally.check('ui: the checklist view: short practice rows with their status, file-first finding rows, a suppressed finding with its reason, "check by hand" rows (screenshot)', async () => {
      await page.keyboard.press('Control+Shift+M'); // close the Problems panel for a clean picture
      await page.locator('.activitybar .action-item a[aria-label^="Bulkhead"], .activitybar .action-item[aria-label^="Bulkhead"]').first().click();
      const row = page.locator('.monaco-list-row', { hasText: '3. Privileged' }).first();
      await row.waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT });
      await page.locator('.monaco-list-row', { hasText: 'needs a person' }).first().waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT });
      // Expand practice 3 (a finding and a suppressed one) and 12 (what a person checks), so the picture shows the child rows.
      await row.click();
      await page.keyboard.press('ArrowRight');
      await page.locator('.monaco-list-row', { hasText: 'compose.yaml:5 · no-privileged' }).first().waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT });
      await page.locator('.monaco-list-row', { hasText: 'ignored: Docker-in-Docker' }).first().waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT });
      const twelve = page.locator('.monaco-list-row', { hasText: '12. Image scan' }).first();
      await twelve.click();
      await page.keyboard.press('ArrowRight');
      await page.locator('.monaco-list-row', { hasText: 'Check by hand: Image scanning' }).first().waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT });
      const rows = (await page.locator('.monaco-list-row').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
      for (const want of ['1. Host updates', '12. Image scan', '20. Metadata']) {
        if (!rows.some((r) => r.startsWith(want))) throw new Error(`the checklist has no "${want}" row; rows: ${JSON.stringify(rows)}`);
      }
      const three = (await row.innerText()).replace(/\s+/g, ' ').trim();
      // compose.yaml's and .devcontainer/devcontainer.json's `privileged: true`, and the ignored one in ci/.
      if (!/^3\. Privileged ?2 findings, 1 ignored$/.test(three)) throw new Error(`practice 3 reads ${JSON.stringify(three)}`);
      // At the default side bar width every practice row shows its whole label and status; only the
      // ", N ignored" tail may be cut (each ignored finding has its own row). An ellipsis shortens
      // the text's own boxes, so each text's natural width is measured in a hidden copy with its font.
      // (A string: this file compiles without the DOM library.)
      const cut = (await page.evaluate(`(() => {
        const width = (el, text) => {
          const span = document.createElement('span');
          const cs = getComputedStyle(el);
          Object.assign(span.style, { font: cs.font, letterSpacing: cs.letterSpacing, whiteSpace: 'pre', position: 'absolute', visibility: 'hidden' });
          span.textContent = text;
          document.body.appendChild(span);
          const w = span.getBoundingClientRect().width;
          span.remove();
          return w;
        };
        return [...document.querySelectorAll('.monaco-list-row')]
          .filter((r) => /^\\d+\\. /.test(r.querySelector('.label-name')?.textContent ?? ''))
          .map((r) => {
            const right = r.querySelector('.monaco-icon-label-container').getBoundingClientRect().right;
            const name = r.querySelector('.label-name');
            const desc = r.querySelector('.label-description');
            const text = desc?.textContent ?? '';
            const main = text.includes(', ') ? text.slice(0, text.indexOf(', ')) : text;
            const nameEnd = name.getBoundingClientRect().left + width(name, name.textContent);
            const descEnd = desc ? desc.getBoundingClientRect().left + width(desc, main) : 0;
            const fullEnd = desc ? desc.getBoundingClientRect().left + width(desc, text) : nameEnd;
            return { text: r.querySelector('.monaco-icon-label')?.textContent ?? '', over: Math.max(nameEnd, descEnd) - right, full: fullEnd - right };
          });
      })()`)) as { text: string; over: number; full: number }[];
      const tails = cut.filter((x) => x.over <= 0 && x.full > 0).map((x) => x.text);
      if (tails.length > 0) console.log(`      rows whose ", N ignored" tail is cut: ${JSON.stringify(tails)}`);
      const over = cut.filter((x) => x.over > 0);
      console.log(`      practice rows cut off at the default width: ${over.length === 0 ? 'none' : JSON.stringify(over)}`);
      await page.mouse.move(900, 350);
      await sleep(800);
      const png = await page.screenshot({ timeout: UI_STEP_TIMEOUT });
      const paths = keepScreenshot(png, c.dir, 'fixture-checklist.png', false);
      console.log(`      saved ${paths.join(', ')}`);
      if (over.length > 0) throw new Error(`practice rows cut off at the default side bar width: ${JSON.stringify(over)}`);
    });
    await tally.check('ui: .devcontainer/devcontainer.json shows no-privileged (Ln 6, Col 3) and no-docker-socket-mount (Ln 8, Col 5) in Problems', async () => {
      await page.keyboard.press('Control+Shift+E');
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: '.devcontainer' }).first().click();
      await openFromExplorer(page, 'devcontainer.json');
      await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT });
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: 'no-docker-socket-mount' }).first().waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT });
      const texts = (await rows.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
      for (const [code, pos] of [['no-privileged', 'Ln 6, Col 3'], ['no-docker-socket-mount', 'Ln 8, Col 5']]) {
        if (!texts.some((s) => s.includes(code) && s.includes(pos))) throw new Error(`no Problems row with ${code} at ${pos}; rows: ${JSON.stringify(texts)}`);
      }
    });
    await tally.check('ui: a six-service Compose file lists only its errors and warnings in Problems, the advice as hints (screenshot)', async () => {
      // Only this file open, so the Problems panel shows its entries alone.
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+W');
      await page.locator('.activitybar .action-item a[aria-label^="Explorer"], .activitybar .action-item[aria-label^="Explorer"]').first().click();
      await page.keyboard.press('Control+P');
      await page.keyboard.type('voting-app/compose.yaml');
      await sleep(500);
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: 'compose.yaml' }).waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT });
      // The cursor on the db service (its key carries a hint, faint dots, next to its memory-limit
      // warning), which scrolls the secret and the socket mount below it into view.
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+G');
      await page.keyboard.type('47:3');
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT });
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: 'no-docker-socket-mount' }).first().waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT });
      const texts = (await rows.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
      const entries = texts.filter((t) => t.includes('bulkhead'));
      for (const want of ['no-docker-socket-mount', 'no-hardcoded-secrets', 'require-resource-limits', 'image-tag-pinned']) {
        if (!entries.some((t) => t.includes(want))) throw new Error(`no Problems row for ${want}; rows: ${JSON.stringify(texts)}`);
      }
      for (const advice of ['harden-service', 'bind-ports-to-localhost', 'drop-all-capabilities']) {
        if (entries.some((t) => t.includes(advice))) throw new Error(`advice ${advice} is in the Problems panel; rows: ${JSON.stringify(texts)}`);
      }
      if (entries.length !== 9) throw new Error(`expected 9 Problems rows (2 errors, 7 warnings), got ${entries.length}: ${JSON.stringify(texts)}`);
      console.log(`      Problems panel (voting app): ${entries.length} entries`);
      await page.mouse.move(900, 350);
      await sleep(800);
      const png = await page.screenshot({ timeout: UI_STEP_TIMEOUT });
      // A new picture for the README's severity policy: written to docs/images only with --update-screenshots.
      const paths = keepScreenshot(png, c.dir, 'voting-app-problems.png', updateScreenshots);
      console.log(`      saved ${paths.join(', ')}`);
    });
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** The test window: the suite in the real extension host, loaded through the URL payload. */
async function suiteRun(c: Cycle, host: HostKind, base: string, workspace: string, extensionDir: string, tally: Tally, forceFail: boolean, grep: string | undefined): Promise<void> {
  const page = await c.context!.newPage();
  const resultFile = join(c.dir, 'suite-result.json');
  try {
    const authority = new URL(base).host;
    const extensionEnv: Record<string, string> = {
      [ENV.resultFile]: resultFile,
      [ENV.extensionPath]: extensionDir,
      [ENV.workspace]: workspace,
      [HOST_ENV]: host,
    };
    if (forceFail) extensionEnv[ENV.forceFail] = '1';
    if (grep) extensionEnv[ENV.grep] = grep;
    const remote = (path: string) => `vscode-remote://${authority}${path}`;
    // Node host: the suite as it is built. Web host: the web suite, inside a second development extension that
    // runs in the web worker host (VS Code runs the tests in the host of the extension that contains them).
    const payload =
      host === 'node'
        ? [
            ['extensionDevelopmentPath', remote(extensionDir)],
            ['extensionTestsPath', remote(stageSuite(c.runId))],
            ['extensionEnvironment', JSON.stringify(extensionEnv)],
          ]
        : (() => {
            // The payload is read into a map (one extensionDevelopmentPath), and a folder without a package.json
            // is scanned for extensions: dev/ holds the unpacked VSIX (dev/bulkhead) and the web runner (dev/web-runner).
            const devFolder = join(extensionDir, '..');
            const runner = stageWebRunner(join(devFolder, 'web-runner'), { env: extensionEnv, resultUri: remote(resultFile) });
            return [
              ['extensionDevelopmentPath', remote(devFolder)],
              ['extensionTestsPath', remote(join(runner, 'suite/index.js'))],
            ];
          })();
    let exited: (code: number) => void = () => undefined;
    const exit = new Promise<number>((r) => (exited = r));
    // The window's whole console comes through here; the mocha report's lines carry REPORT_MARK.
    const consoleLog = join(c.dir, 'test-window-console.log');
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      appendFileSync(consoleLog, `[${type}] ${text}\n`);
      if (text.startsWith(REPORT_MARK)) console.log(text.slice(REPORT_MARK.length));
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => exited(code));

    const t = Date.now();
    const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const up = await tally.check('suite: the test window loads', async () => {
      await page.goto(url, { timeout: WORKBENCH_TIMEOUT });
      await waitForWorkbench(page);
    });
    if (!up) return;
    log(`test window up in ${since(t)}; running the suite in the extension host`);
    let code: number;
    try {
      code = await withTimeout(exit, SUITE_TIMEOUT - (Date.now() - t), `the suite in the extension host (limit ${SUITE_TIMEOUT / 1000} s)`);
    } catch (e) {
      tally.fail('suite: finishes in time', e);
      const partial = readSuiteResult(resultFile);
      if (partial) tally.addSuite(partial);
      return;
    }
    log(`suite done in ${since(t)} (exit code ${code})`);
    const result = readSuiteResult(resultFile);
    if (!result) tally.fail('suite: writes its result file', new Error(`${resultFile} is missing or unreadable (exit code ${code})`));
    else {
      tally.addSuite(result);
      if (code !== 0 && result.failed === 0) tally.fail('suite: exit code', new Error(`the extension host exited with ${code} but no test failed`));
    }
  } finally {
    await page.close().catch(() => undefined);
  }
}

async function cycle(n: number, runs: number, host: HostKind, tools: Tools, vsix: string, opts: ReturnType<typeof parseArgs>): Promise<Tally> {
  const tally = new Tally();
  const c: Cycle = { runId: `${process.pid}-${host}-${n}-${Date.now()}`, dir: makeRunDir(`${host}-run${n}`) };
  current = c;
  const t0 = Date.now();
  const watchdog = setTimeout(() => {
    console.error(`e2e: run ${n} exceeded ${CYCLE_WATCHDOG / 60_000} min; tearing down`);
    void teardown(c).finally(() => {
      console.log(`e2e: ${tally.passed} passed, ${tally.failed + 1} failed`);
      process.exit(1);
    });
  }, CYCLE_WATCHDOG);
  console.log(`\n== e2e run ${n}/${runs}, ${host === 'web' ? 'web worker extension host (browser build)' : 'Node extension host'}, in ${c.dir}`);
  try {
    // The web run loads two development extensions from one folder (the URL payload holds one extensionDevelopmentPath).
    const extensionDir = host === 'web' ? join(c.dir, 'dev', 'bulkhead') : join(c.dir, 'extension');
    const unpacked = await tally.check('vsix: the packaged extension has its manifest, client and server bundles and nothing else', () => {
      checkPackagedFiles(extensionDir, unpackVsix(vsix, extensionDir));
    });
    if (!unpacked) return tally;
    // One copy per window: a window restores the editors of the last window on the same folder,
    // which would open the Dockerfile (and activate the extension) before the suite starts.
    const uiWorkspace = copyWorkspace(join(c.dir, 'ui', 'workspace'));
    const suiteWorkspace = copyWorkspace(join(c.dir, 'suite', 'workspace'), true);
    const showcaseWorkspace = copyShowcase(c.dir);
    const userData = join(c.dir, 'user-data');
    const extensionsDir = join(c.dir, 'extensions');
    mkdirSync(join(userData, 'User'), { recursive: true }); // before start, else code-server cannot create its IPC socket
    mkdirSync(extensionsDir, { recursive: true });
    writeFileSync(join(userData, 'User/settings.json'), JSON.stringify(settingsFor(host), null, 2));

    let base: string;
    try {
      base = await startCodeServer(c, tools, userData, extensionsDir, vsix);
    } catch (e) {
      tally.fail('code-server starts', e);
      return tally;
    }
    const t = Date.now();
    c.context = await chromium.launchPersistentContext(join(c.dir, 'chromium-profile'), {
      executablePath: tools.chromium,
      headless: true,
      // Without the background-networking flags Chromium keeps dialling Google's hosts on this closed network.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      env: runEnv(c),
      viewport: { width: 1280, height: 800 },
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: 30_000,
    });
    log(`Chromium up in ${since(t)}`);

    // The README's screenshots come from the Node host run (the web run's look the same).
    await uiChecks(c, base, uiWorkspace, tally, opts.updateScreenshots && host === 'node');
    const showcase = await c.context.newPage();
    try {
      await showcaseScreenshots(showcase, base, showcaseWorkspace, c.dir, tally, opts.updateScreenshots && host === 'node');
    } finally {
      await showcase.close().catch(() => undefined);
    }
    await suiteRun(c, host, base, suiteWorkspace, extensionDir, tally, opts.forceFail, opts.grep);
  } catch (e) {
    tally.fail(`run ${n}: unexpected error`, e);
  } finally {
    await teardown(c);
    clearTimeout(watchdog);
    current = undefined;
    if (tally.failed === 0 && !opts.keep) removeDir(c.dir);
    else log(`kept ${c.dir} (code-server.log, user-data/logs, suite-result.json, screenshots)`);
    log(`run ${n}/${runs} took ${since(t0)}: ${tally.passed} passed, ${tally.failed} failed`);
  }
  return tally;
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2), USAGE);
  requireBuiltSuite();
  const tools = findTools();
  const vsix = opts.vsix ?? packageVsix();
  if (!existsSync(vsix)) throw new Error(`${vsix} does not exist`);

  const total = new Tally();
  const perRun: string[] = [];
  // Each host gets its own cycles (fresh code-server, settings and browser): the Node host first, then the web worker host.
  for (const host of opts.hosts) {
    for (let n = 1; n <= opts.runs; n++) {
      const t = Date.now();
      const r = await cycle(n, opts.runs, host, tools, vsix, opts);
      total.passed += r.passed;
      total.failed += r.failed;
      const label = `${host} host${opts.runs > 1 ? ` run ${n}` : ''}`;
      total.failures.push(...r.failures.map((f) => `${label}: ${f}`));
      perRun.push(`${label} ${r.failed === 0 ? 'ok' : 'FAILED'} ${since(t)}`);
    }
  }
  return finish(total, `e2e runs: ${perRun.join(', ')}`);
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    if (abort.started) return;
    abort.started = true;
    console.error(`e2e: ${sig}: tearing down`);
    const c = current;
    void (c ? teardown(c) : Promise.resolve()).finally(() => {
      console.error(`e2e: stopped by ${sig}${c ? `; kept ${c.dir}` : ''}`);
      console.log('e2e: 0 passed, 1 failed');
      process.exit(130);
    });
  });
}

main().then(
  (code) => {
    if (!abort.started) process.exit(code); // else the signal handler exits when its teardown is done
  },
  async (e: unknown) => {
    if (abort.started) return;
    console.error(e);
    if (current) await teardown(current);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
