import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { WAIT_MS } from '../helpers/hang-guard';

/**
 * Runs pathological inputs in child processes, so the harness, not the code under test, enforces
 * the bounds: a run that exhausts its heap dies alone, memory is measured for the linting process
 * only, and a run that never ends is killed and reported as a hang. Times are reported, never
 * judged: the hang guard is minutes, for a run that would otherwise stop the suite, not a speed limit.
 */

/** A run still going after this long has hung (the slowest input takes seconds, even on a loaded 2-core machine). */
export const HANG_MS = WAIT_MS;

export interface IsolatedResult {
  i: number;
  ms: number;
  chars?: number;
  findings?: number;
  /** The one whole-file finding, when that is the result. */
  whole?: string | null;
  /** Resident memory after the run, and the process's peak so far, in bytes. */
  rss?: number;
  peakRss?: number;
  /** Why the result is not acceptable; null when it is. */
  problem: string | null;
}

export interface IsolatedOptions {
  /** One process per input (exact peak memory per input) instead of one for all. */
  perInput?: boolean;
  /** Heap limit of the child, in MiB: a run that needs more dies, and that input fails. */
  heapMiB?: number;
}

/** The repository (under vitest, from this file; in a bundled script such as the fuzz run, the working directory). */
const ROOT = existsSync(join(__dirname, '../../server/src')) ? join(__dirname, '../..') : process.cwd();

/** Bundles the runner (esbuild, a few hundred milliseconds); returns its path and a cleanup. */
export async function bundleRunner(): Promise<{ path: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'bulkhead-pathological-'));
  const path = join(dir, 'runner.cjs');
  await build({ entryPoints: [join(ROOT, 'test/robustness/pathological-runner.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: path, logLevel: 'error' });
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the inputs in order in one child; stops at the first that hangs or kills the child. Resolves with the results so far. */
function runBatch(runner: string, indices: number[], heapMiB: number): Promise<IsolatedResult[]> {
  return new Promise((resolve) => {
    const results: IsolatedResult[] = [];
    const child = spawn(process.execPath, [`--max-old-space-size=${heapMiB}`, '--expose-gc', runner, ...indices.map(String)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    let stderr = '';
    let started = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const current = () => indices[results.length];
    const arm = () => {
      if (timer) clearTimeout(timer);
      const i = current();
      if (i === undefined) return;
      started = performance.now();
      // The guard covers building the input too; the runner's own figure is the lint alone.
      timer = setTimeout(() => {
        results.push({ i, ms: performance.now() - started, problem: `hung: no result after ${HANG_MS / 1000} s, killed by the harness` });
        settled = true;
        child.kill('SIGKILL');
      }, HANG_MS);
    };
    arm();
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const r = JSON.parse(buffered.slice(0, nl)) as IsolatedResult;
        buffered = buffered.slice(nl + 1);
        results.push(r);
        arm();
      }
    });
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      const i = current();
      if (!settled && i !== undefined) results.push({ i, ms: performance.now() - started, problem: `the process died (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-3).join(' | ')}` });
      resolve(results);
    });
  });
}

/** Runs every given input, restarting the child after one that fails hard. */
export async function runIsolated(runner: string, indices: readonly number[], options: IsolatedOptions = {}): Promise<IsolatedResult[]> {
  const heap = options.heapMiB ?? 2048;
  const out: IsolatedResult[] = [];
  let rest = [...indices];
  while (rest.length > 0) {
    const batch = options.perInput ? [rest[0]] : rest;
    const got = await runBatch(runner, batch, heap);
    out.push(...got);
    const done = new Set(out.map((r) => r.i));
    rest = rest.filter((i) => !done.has(i));
  }
  return out;
}

export const MiB = (bytes: number | undefined) => (bytes === undefined ? '?' : (bytes / 2 ** 20).toFixed(0));
