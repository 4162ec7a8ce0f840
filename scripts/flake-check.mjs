// The flake check: runs `npm test` several times, several at once and beside CPU-heavy jobs, and
// reports every test whose result changed between runs, with the timings. A test that passes alone
// but fails when the machine is busy shows up here.
//
// Usage: npm run flake-check -- [--runs N] [--parallel P] [--hog H] [--out DIR]
//   --runs N      rounds, one after another (default 5)
//   --parallel P  `npm test` runs at the same time in each round, in this clone (default 2)
//   --hog H       busy-loop processes running beside them the whole time (default 0)
//   --out DIR     where the logs and vitest JSON reports go (default: a new folder in the system temp folder)
// Exits 0 when every run passed and no test changed its result; 1 otherwise.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', 5));
const PARALLEL = Number(arg('parallel', 2));
const HOGS = Number(arg('hog', 0));
const OUT = resolve(arg('out', '') || mkdtempSync(join(tmpdir(), 'bulkhead-flake-')));
const ROOT = process.cwd();
mkdirSync(OUT, { recursive: true });
if (!existsSync(join(ROOT, 'package.json')) || !existsSync(join(ROOT, 'test/vitest.config.mts'))) {
  console.error('flake-check: run it from the root of a Bulkhead clone (npm run flake-check)');
  process.exit(2);
}

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const secs = (ms) => `${(ms / 1000).toFixed(0)} s`;
console.log(`flake-check: ${RUNS} round(s) of ${PARALLEL} \`npm test\` at once, ${HOGS} CPU hog(s) beside; ${availableParallelism()} cores; clone ${ROOT}; logs in ${OUT}`);
console.log(`load average (1, 5, 15 min) at the start: ${load()}`);

const hogs = [];
for (let i = 0; i < HOGS; i++) hogs.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopHogs = () => {
  for (const h of hogs) if (h.exitCode === null) h.kill('SIGKILL');
};
process.on('exit', stopHogs);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

/** One `npm test` with vitest's JSON report written to `json`; resolves with its exit code and wall time. */
function npmTest(name) {
  const json = join(OUT, `${name}.json`);
  const log = join(OUT, `${name}.log`);
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn('npm', ['test'], { cwd: ROOT, env: { ...process.env, BULKHEAD_TEST_JSON: json, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (d) => chunks.push(d));
    child.stderr.on('data', (d) => chunks.push(d));
    child.on('close', (code, signal) => {
      writeFileSync(log, Buffer.concat(chunks));
      done({ name, code: code ?? signal, ms: Date.now() - started, json, log });
    });
  });
}

/** The result of every test of one run, keyed by file and full name; null when the run wrote no report. */
function results(run) {
  if (!existsSync(run.json)) return null;
  const report = JSON.parse(readFileSync(run.json, 'utf8'));
  const tests = new Map();
  const files = new Map();
  for (const file of report.testResults) {
    const rel = relative(ROOT, file.name);
    files.set(rel, file.endTime - file.startTime);
    for (const t of file.assertionResults) {
      let key = `${rel} > ${t.fullName}`;
      for (let n = 2; tests.has(key); n++) key = `${rel} > ${t.fullName} (#${n})`;
      tests.set(key, { status: t.status, failure: (t.failureMessages ?? []).join('\n').split('\n')[0] });
    }
  }
  return { tests, files, counts: { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + (report.numTodoTests ?? 0) } };
}

const runs = [];
for (let round = 1; round <= RUNS; round++) {
  const before = load();
  const batch = await Promise.all(Array.from({ length: PARALLEL }, (_, p) => npmTest(`round${round}-run${p + 1}`)));
  for (const r of batch) {
    r.round = round;
    r.results = results(r);
    r.load = `${before} -> ${load()}`;
    runs.push(r);
    const c = r.results?.counts;
    console.log(
      `round ${round}, ${r.name}: ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`} in ${secs(r.ms)}` +
        (c ? ` (${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped)` : ' (no test report: see the log)') +
        `; load ${r.load}; log ${r.log}`,
    );
  }
}
stopHogs();

// Every test's result in every run ("missing" where a run did not report it).
const keys = new Set(runs.flatMap((r) => (r.results ? [...r.results.tests.keys()] : [])));
const changed = [];
const alwaysFailed = [];
for (const key of [...keys].sort()) {
  const statuses = runs.map((r) => r.results?.tests.get(key)?.status ?? 'missing');
  const distinct = new Set(statuses);
  if (distinct.size > 1) changed.push({ key, statuses, failure: runs.map((r) => r.results?.tests.get(key)?.failure).find((f) => f) });
  else if (statuses[0] === 'failed') alwaysFailed.push(key);
}

console.log(`\n${keys.size} tests x ${runs.length} runs`);
console.log(`changed result between runs: ${changed.length === 0 ? 'none' : changed.length}`);
for (const c of changed) console.log(`  ${c.key}\n    ${c.statuses.join(' ')}${c.failure ? `\n    first failure: ${c.failure}` : ''}`);
console.log(`failed in every run: ${alwaysFailed.length === 0 ? 'none' : alwaysFailed.length}`);
for (const k of alwaysFailed) console.log(`  ${k}`);

const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
console.log(`\nnpm test wall time: min ${secs(sorted[0])}, median ${secs(sorted[Math.floor(sorted.length / 2)])}, max ${secs(sorted.at(-1))}`);
const fileTimes = new Map();
for (const r of runs) for (const [f, ms] of r.results?.files ?? []) fileTimes.set(f, [...(fileTimes.get(f) ?? []), ms]);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('slowest test files (median, min-max over runs):');
for (const [f, ms] of [...fileTimes].sort((a, b) => median(b[1]) - median(a[1])).slice(0, 10)) {
  console.log(`  ${(median(ms) / 1000).toFixed(1).padStart(6)} s (${(Math.min(...ms) / 1000).toFixed(1)}-${(Math.max(...ms) / 1000).toFixed(1)})  ${f}`);
}
console.log(`load average at the end: ${load()}`);

const passedRuns = runs.filter((r) => r.code === 0).length;
const ok = passedRuns === runs.length && changed.length === 0;
console.log(`\nflake-check: ${ok ? 'PASS' : 'FAIL'}: ${passedRuns} of ${runs.length} runs passed, ${changed.length} test(s) changed result`);
process.exit(ok ? 0 : 1);
