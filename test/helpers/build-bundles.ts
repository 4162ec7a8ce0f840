import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleProblem, DIST, ROOT } from './bundle';

/**
 * Vitest global setup of the projects whose tests run the bundles (test/vitest.config.mts): builds
 * dist/ once, before any test starts, when a bundle is missing or older than its sources. The build
 * goes to a temporary folder and each file is then renamed into dist/, so a test of another
 * `npm test` running at the same time in the same clone reads either the old file or the new one,
 * never a half-written one.
 */
export default function setup(): void {
  const problem = bundleProblem();
  if (!problem) return;
  const cache = join(ROOT, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const tmp = mkdtempSync(join(cache, 'bulkhead-build-'));
  try {
    console.log(`[bulkhead] ${problem}: building dist/`);
    const r = spawnSync(process.execPath, ['scripts/build.mjs', '--out', tmp], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
    const move = (rel: string): void => {
      const from = join(tmp, rel);
      if (statSync(from).isDirectory()) {
        for (const e of readdirSync(from)) move(join(rel, e));
        return;
      }
      mkdirSync(dirname(join(DIST, rel)), { recursive: true });
      renameSync(from, join(DIST, rel));
    };
    move('');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const after = bundleProblem();
  if (after) throw new Error(`after the build, ${after}`);
}
