/**
 * The README's screenshots, taken in a window of their own on `fixtures/showcase/`: a small project
 * a user could have written (a Flask app, its Dockerfile, a Compose file with a database and an
 * admin tool), with no test comments in it. Each picture is one check that first reads back from
 * the DOM what the README says the picture shows, so a screenshot of the wrong thing fails the run.
 * The pictures go to the run directory, and to docs/images/ with --update-screenshots.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { E2E, keepScreenshot, sleep, type Tally } from './lib/common';

export const SHOWCASE = join(E2E, 'fixtures/showcase');

const STEP_TIMEOUT = 30_000;
const WORKBENCH_TIMEOUT = 60_000;
const FIRST_DIAGNOSTIC_TIMEOUT = 90_000;

/** A fresh copy of the showcase project, in a folder whose name the title bar and Explorer show. */
export function copyShowcase(runDir: string): string {
  const dest = join(runDir, 'showcase', 'shop');
  cpSync(SHOWCASE, dest, { recursive: true });
  return dest;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

async function open(page: Page, name: string): Promise<void> {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await row.click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
}

/** Moves the cursor of the active editor to line:column (1-based), through "Go to Line". */
async function goTo(page: Page, where: string): Promise<void> {
  await page.locator('.part.editor .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type(where);
  await page.keyboard.press('Enter');
  await sleep(300);
}

/** The editor area alone: the quick-fix menu and the hover read better without the side bar. */
async function editorArea(page: Page): Promise<Buffer> {
  const box = await page.locator('.part.editor').boundingBox();
  if (!box) throw new Error('the editor area has no box');
  // The top of it: the menu and the hover open next to the cursor, in the first 560 pixels.
  return page.screenshot({ timeout: STEP_TIMEOUT, clip: { ...box, height: Math.min(box.height, 560) } });
}

function save(png: Buffer, runDir: string, name: string, update: boolean): void {
  const paths = keepScreenshot(png, runDir, name, update);
  console.log(`      saved ${paths.join(', ')} (${Math.round(png.length / 1024)} KiB)`);
}

/**
 * One picture: a check whose failure also saves what the window showed (failed-<name> in the run
 * directory) and closes any menu or hover left open, so the next picture starts clean.
 */
async function picture(tally: Tally, page: Page, runDir: string, title: string, name: string, fn: () => Promise<void>): Promise<void> {
  await tally.check(`${title} (${name})`, async () => {
    try {
      await fn();
    } catch (e) {
      const png = await page.screenshot({ timeout: STEP_TIMEOUT }).catch(() => undefined);
      if (png) keepScreenshot(png, runDir, `failed-${name}`, false);
      throw e;
    } finally {
      await page.keyboard.press('Escape').catch(() => undefined);
    }
  });
}

export async function showcaseScreenshots(page: Page, base: string, workspace: string, runDir: string, tally: Tally, update: boolean): Promise<void> {
  const up = await tally.check('screenshots: the showcase project opens in a window of its own', async () => {
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`, { timeout: WORKBENCH_TIMEOUT });
    await page.locator('.monaco-workbench').waitFor({ state: 'attached', timeout: WORKBENCH_TIMEOUT });
  });
  if (!up) return;

  await picture(tally, page, runDir, 'screenshots: compose.yaml with its squiggles, and the Problems panel with its errors and warnings, no advice', 'editor-problems.png', async () => {
    await open(page, 'Dockerfile');
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'visible', timeout: FIRST_DIAGNOSTIC_TIMEOUT });
    await open(page, 'compose.yaml');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    await goTo(page, '25:5');
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'no-docker-socket-mount' }).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    await rows.filter({ hasText: 'non-root-user' }).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    const texts = (await rows.allInnerTexts()).map(squash);
    const want: [string, string][] = [
      ['no-hardcoded-secrets', 'Ln 19, Col 26'],
      ['no-privileged', 'Ln 25, Col 5'],
      ['no-docker-socket-mount', 'Ln 29, Col 9'],
      ['image-tag-pinned', 'Ln 24, Col 35'],
      ['compose-build-user', 'Ln 2, Col 3'],
      ['non-root-user', 'Ln 8, Col 6'],
    ];
    for (const [code, pos] of want) {
      if (!texts.some((t) => t.includes(code) && t.includes(pos))) throw new Error(`no Problems row with ${code} at ${pos}; rows: ${JSON.stringify(texts)}`);
    }
    for (const advice of ['harden-service', 'bind-ports-to-localhost', 'clean-package-cache']) {
      if (texts.some((t) => t.includes(advice))) throw new Error(`advice ${advice} is in the Problems panel; rows: ${JSON.stringify(texts)}`);
    }
    // The README's caption: three errors and five warnings.
    const entries = texts.filter((t) => t.includes('bulkhead'));
    if (entries.length !== 8) throw new Error(`expected 8 Problems rows (3 errors, 5 warnings), got ${entries.length}: ${JSON.stringify(texts)}`);
    await page.mouse.move(900, 300);
    await sleep(800);
    save(await page.screenshot({ timeout: STEP_TIMEOUT }), runDir, 'editor-problems.png', update);
    await page.keyboard.press('Control+Shift+M'); // close the panel again (focus is in it)
  });

  await picture(tally, page, runDir, 'screenshots: the quick-fix menu on privileged: true lists a fix, the ignores and the documentation', 'quick-fix.png', async () => {
    await goTo(page, '25:8');
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget').first();
    await menu.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    await page.locator('.action-widget', { hasText: 'Show documentation for no-privileged' }).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    const items = (await menu.innerText()).split('\n').map(squash).filter(Boolean);
    // The README's caption names these entries, the fix first.
    const want = ['Remove "privileged: true"', 'Ignore no-privileged on this line', 'Ignore no-privileged in this file', 'Show documentation for no-privileged'];
    const entries = items.filter((i) => i !== 'Quick Fix'); // the menu's group header
    if (JSON.stringify(entries) !== JSON.stringify(want)) throw new Error(`the quick-fix menu reads ${JSON.stringify(items)}, not ${JSON.stringify(want)}`);
    console.log(`      quick-fix menu: ${items.join(' | ')}`);
    await sleep(500);
    save(await editorArea(page), runDir, 'quick-fix.png', update);
  });

  await picture(tally, page, runDir, 'screenshots: the hover on the hardcoded password names the rule and the message, and links the rule\'s page', 'hover.png', async () => {
    await goTo(page, '19:30');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    // The problem's own hover comes first; the language server's block (with the link) follows it.
    const hover = page.locator('.monaco-hover', { hasText: 'Rule documentation' }).first();
    await hover.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    const text = squash(await hover.innerText());
    if (!/Bulkhead no-hardcoded-secrets: "POSTGRES_PASSWORD" gets a hardcoded value/.test(text)) throw new Error(`the hover reads ${JSON.stringify(text)}`);
    if (!text.includes('Rule documentation')) throw new Error(`the hover has no link to the rule's page: ${JSON.stringify(text)}`);
    await sleep(500);
    save(await editorArea(page), runDir, 'hover.png', update);
  });

  await picture(tally, page, runDir, 'screenshots: the checklist view with the practices, a finding under practice 2 and what a person checks under 12', 'checklist.png', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Bulkhead"], .activitybar .action-item[aria-label^="Bulkhead"]').first().click();
    const two = page.locator('.monaco-list-row', { hasText: '2. Daemon socket' }).first();
    await two.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    await two.click();
    await page.keyboard.press('ArrowRight');
    await page.locator('.monaco-list-row', { hasText: 'compose.yaml:29 · no-docker-socket-mount' }).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    const twelve = page.locator('.monaco-list-row', { hasText: '12. Image scan' }).first();
    await twelve.click();
    await page.keyboard.press('ArrowRight');
    await page.locator('.monaco-list-row', { hasText: 'Check by hand: Image scanning' }).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    const rows = (await page.locator('.monaco-list-row').allInnerTexts()).map(squash);
    // The README's caption: the score line, then the rows.
    const score = squash(await page.locator('.pane-body', { hasText: 'passed ·' }).first().innerText());
    if (!/4\/20 passed · 0 reviewed/.test(score)) throw new Error(`the checklist's score line reads ${JSON.stringify(score.slice(0, 120))}`);
    for (const want of [/^1\. Host updates/, /^2\. Daemon socket ?1 finding$/, /^12\. Image scan ?needs a person$/, /^20\. Metadata/]) {
      if (!rows.some((r) => want.test(r))) throw new Error(`the checklist has no row matching ${want}; rows: ${JSON.stringify(rows)}`);
    }
    await page.mouse.move(900, 300);
    await sleep(800);
    save(await page.screenshot({ timeout: STEP_TIMEOUT }), runDir, 'checklist.png', update);
  });
}
