// Renders media/icon.svg to media/icon.png (128×128, the size the Marketplace and Open VSX show)
// with the headless Chromium the e2e suite uses (playwright-core + Debian's chromium), offline.
// Usage: node scripts/render-icon.mjs [--chromium PATH]   (default: $BULKHEAD_E2E_CHROMIUM or /usr/bin/chromium)
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const SIZE = 128;
const arg = process.argv.indexOf('--chromium');
const executablePath = arg > 0 ? process.argv[arg + 1] : process.env.BULKHEAD_E2E_CHROMIUM || '/usr/bin/chromium';
const svg = readFileSync(new URL('../media/icon.svg', import.meta.url));
const src = `data:image/svg+xml;base64,${svg.toString('base64')}`;

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<body style="margin:0;background:transparent"><img id="icon" src="${src}" width="${SIZE}" height="${SIZE}"></body>`);
  await page.waitForFunction(() => document.getElementById('icon')?.complete);
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
  writeFileSync(new URL('../media/icon.png', import.meta.url), png);
  console.log(`media/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
} finally {
  await browser.close();
}
