/**
 * `npm run bench`: Bulkhead side by side with the parse floor and its peers, on this machine, in one
 * run. Every workload runs in its own Node process (warm-up, then the median of several rounds),
 * so one tool's heap and JIT never colour another's figures. Writes docs/benchmarks.md.
 *
 * Environment: BENCH_ROUNDS (default 5) rounds per workload; BENCH_QUICK=1 skips dclint and the
 * 100,000-line inputs (for trying the harness; the committed report is a full run).
 * `npm run bench -- --render` writes docs/benchmarks.md again from the last full run's figures
 * (kept in node_modules/.cache/bulkhead-bench.json) and the current profile notes, measuring nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { yamlEsm } from '../../scripts/esbuild-yaml.mjs';
import { HAS_CORPUS, CORPUS_DIR } from '../helpers/corpus';
import { corpus, p90AndLargest } from './inputs';
import { editLatency, serverMemory, SERVERS, type Latency } from './lsp';
import { renderReport, type Results, type Scale } from './report';
import type { Timing } from './timing';
import { median } from './timing';

const ROOT = process.cwd();
const QUICK = process.env.BENCH_QUICK === '1';
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

async function bundleWorkers(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of ['work-floor', 'work-bulkhead', 'work-peers', 'work-floor-process']) {
    out[name] = join(dir, `${name}.cjs`);
    await build({ entryPoints: [join(ROOT, `test/bench/${name}.ts`)], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out[name], logLevel: 'error', plugins: [yamlEsm] });
  }
  return out;
}

function child<T>(file: string, args: string[]): T {
  const r = spawnSync(process.execPath, [file, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, BULKHEAD_CORPUS: CORPUS_DIR } });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

/** A whole process, spawn to exit, `runs` times after a warm-up run: the median wall clock, and the median CPU time the process reports at exit (cpu-at-exit.cjs). */
function wholeProcess(args: string[], runs: number, tmp: string): Timing {
  const times: number[] = [];
  const cpu: number[] = [];
  const cpuFile = join(tmp, 'cpu.txt');
  for (let i = 0; i <= runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['-r', join(ROOT, 'test/bench/cpu-at-exit.cjs'), ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      env: { ...process.env, BULKHEAD_CORPUS: CORPUS_DIR, BULKHEAD_BENCH_CPU_FILE: cpuFile },
    });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.error || (r.status !== 0 && r.status !== 1)) throw new Error(`${args.join(' ')} failed: ${r.error ?? r.stderr}`);
    if (i === 0) continue;
    times.push(ms);
    cpu.push(Number(readFileSync(cpuFile, 'utf8')));
  }
  return { ms: median(times), cpuMs: median(cpu), rounds: runs };
}

/** dclint is a command-line tool: time its process over every corpus Compose file. */
function dclint(files: string[], runs: number): Timing {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/dclint/bin/dclint.cjs'), '--color', 'false', ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.error) throw r.error;
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { ms: median(times), cpuMs: NaN, rounds: runs };
}

const SAVED = join(ROOT, 'node_modules/.cache/bulkhead-bench.json');

function write(results: Results): void {
  const report = renderReport(results, readFileSync(join(ROOT, 'test/bench/profile.md'), 'utf8'));
  process.stdout.write(report.table + '\n');
  if (!results.machine.quick) writeFileSync(join(ROOT, 'docs/benchmarks.md'), report.markdown);
  log(results.machine.quick ? 'quick run: docs/benchmarks.md not written' : 'wrote docs/benchmarks.md');
}

async function main(): Promise<void> {
  if (process.argv.includes('--render')) {
    write(JSON.parse(readFileSync(SAVED, 'utf8')) as Results);
    return;
  }
  if (!HAS_CORPUS) throw new Error(`the corpus is needed: not found at ${CORPUS_DIR} (set BULKHEAD_CORPUS)`);
  log('building the minified bundles (as npm run package does)');
  const b = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--minify'], { stdio: 'inherit' });
  if (b.status !== 0) throw new Error('build failed');
  const loadAtStart = loadavg()[0].toFixed(1);
  const tmp = mkdtempSync(join(tmpdir(), 'bulkhead-bench-'));
  try {
    const w = await bundleWorkers(tmp);
    const results: Partial<Results> = {};

    log('whole corpus: parse floor, Bulkhead, dockerfile-utils');
    results.corpus = {
      dockerfileFloor: child<Timing>(w['work-floor'], ['corpus-dockerfile']),
      dockerfileBulkhead: child<Timing & { findings: number }>(w['work-bulkhead'], ['corpus-dockerfile']),
      dockerfileUtils: child<Timing>(w['work-peers'], []),
      composeFloor: child<Timing>(w['work-floor'], ['corpus-compose']),
      composeBulkhead: child<Timing & { findings: number }>(w['work-bulkhead'], ['corpus-compose']),
      dclint: null,
      files: { dockerfile: corpus('dockerfile').length, compose: corpus('compose').length },
    };
    log('whole process: the parse floor as one process, and bulkhead check of the corpus');
    const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
    results.process = {
      floor: wholeProcess([w['work-floor-process']], rounds, tmp),
      check: wholeProcess([join(ROOT, 'dist/cli.js'), 'check', join(CORPUS_DIR, 'real'), '--fail-on', 'never'], rounds, tmp),
    };
    if (!QUICK) {
      log('dclint over every corpus Compose file (about a minute a run)');
      results.corpus.dclint = dclint(corpus('compose').map((d) => d.path), 2);
    }

    log('LSP edit -> diagnostics latency (200 edits each)');
    const df = p90AndLargest('dockerfile');
    const dc = p90AndLargest('compose');
    const lat: Latency[] = [];
    for (const [doc, label] of [[df.p90, 'p90'], [df.largest, 'largest']] as const) {
      lat.push({ ...(await editLatency({ ...SERVERS.bulkhead, languageId: 'dockerfile' }, doc)), file: `${label} Dockerfile` } as Latency);
      lat.push({ ...(await editLatency({ ...SERVERS.dockerfileLs, languageId: 'dockerfile' }, doc)), file: `${label} Dockerfile` } as Latency);
    }
    lat.push({ ...(await editLatency({ ...SERVERS.bulkhead, languageId: 'dockercompose' }, dc.p90)), file: 'p90 Compose file' } as Latency);
    lat.push({ ...(await editLatency({ ...SERVERS.composeLs, languageId: 'dockercompose' }, dc.p90)), file: 'p90 Compose file' } as Latency);
    results.latency = lat;

    log('scaling on generated inputs');
    const scale: Scale[] = [];
    for (const n of QUICK ? [100, 1000, 10000] : [100, 1000, 10000, 100000]) {
      scale.push({ kind: 'dockerfile', size: n, floor: child<Timing>(w['work-floor'], ['scale-dockerfile', String(n)]), bulkhead: child<Timing>(w['work-bulkhead'], ['scale-dockerfile', String(n)]) });
    }
    for (const n of [10, 100, 1000, 5000]) {
      scale.push({ kind: 'compose', size: n, floor: child<Timing>(w['work-floor'], ['scale-compose', String(n)]), bulkhead: child<Timing>(w['work-bulkhead'], ['scale-compose', String(n)]) });
    }
    results.scale = scale;

    log('server memory with 200 documents open');
    const docs = [...corpus('dockerfile').slice(0, 150), ...corpus('compose').slice(0, 50)];
    results.memory = await serverMemory(docs);

    log('bundles, VSIX and activation');
    const pk = spawnSync('npm', ['run', 'package', '--silent'], { cwd: ROOT, encoding: 'utf8' });
    if (pk.status !== 0) throw new Error(`npm run package failed: ${pk.stderr}`);
    const sizes = spawnSync(process.execPath, [join(ROOT, 'scripts/run-ts.mjs'), 'test/bench/bundle-size.ts', '--json'], { encoding: 'utf8', cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    if (sizes.status !== 0 && !sizes.stdout) throw new Error(`bundle-size failed: ${sizes.stderr}`);
    results.bundles = JSON.parse(sizes.stdout);

    const pkg = (name: string) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;
    results.machine = {
      date: new Date().toISOString().slice(0, 10),
      load: `${loadAtStart} at the start, ${loadavg()[0].toFixed(1)} at the end`,
      node: process.version,
      cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
      memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
      versions: {
        bulkhead: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
        'dockerfile-ast': pkg('dockerfile-ast'),
        yaml: pkg('yaml'),
        'dockerfile-utils': pkg('dockerfile-utils'),
        dclint: pkg('dclint'),
        'dockerfile-language-server-nodejs': pkg('dockerfile-language-server-nodejs'),
        '@microsoft/compose-language-service': pkg('@microsoft/compose-language-service'),
      },
      rounds: Number(process.env.BENCH_ROUNDS ?? 5),
      quick: QUICK,
    };

    if (!QUICK) writeFileSync(SAVED, JSON.stringify(results));
    write(results as Results);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
