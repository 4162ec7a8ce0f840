// `npm run fuzz [-- --inputs N --seed S]`: the long robustness run, outside `npm test`. Bundled and
// run by scripts/run-ts.mjs. Lints at least 100,000 generated inputs (random text, token soups of
// each file kind, mutations of the real corpus, every truncation of a handful of real files),
// checks the invariants of test/robustness/invariants.ts on each, then times the pathological
// inputs. Prints inputs tried, failures, the slowest input, how many took longer than `--slow` ms
// (default 5000) and each pathological input's time and memory; exits 1 on any failure. Times are
// figures, not failures: a time bound fails at random on a loaded machine. Failing and slowest
// inputs are written to a directory it names.
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Target } from '../../server/src/core/types';
import { CORPUS_DIR, HAS_CORPUS } from '../helpers/corpus';
import { applyMutations, corpusMutation, randomText, SEED, tokenSoup } from '../robustness/arbitraries';
import { corpusTexts, smallFiles } from '../robustness/corpus-texts';
import { devcontainerConfigs, HAS_DEVCONTAINER_CORPUS } from '../corpus/devcontainer-configs';
import { checkInvariants } from '../robustness/invariants';
import { bundleRunner, MiB, runIsolated } from '../robustness/isolated-runs';
import { PATHOLOGICAL } from '../robustness/pathological-inputs';
import { runFileTreeFuzz } from './file-tree';
import { fuzzLspProtocol } from './lsp-protocol';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
// --lsp-only runs the LSP-protocol fuzzer alone (--lsp-cases N, default 10,000).
const LSP_ONLY = process.argv.includes('--lsp-only');
const TOTAL = LSP_ONLY ? 0 : arg('inputs', 100_000);
const seed = arg('seed', SEED);
const SLOW_MS = arg('slow', 5000);
const out = join(tmpdir(), `bulkhead-fuzz-${seed}`);
mkdirSync(out, { recursive: true });

interface Slowest {
  source: string;
  kind: Target;
  ms: number;
  text: string;
}

let tried = 0;
let failures = 0;
let slow = 0;
let slowest: Slowest = { source: '', kind: 'dockerfile', ms: -1, text: '' };
const perSource = new Map<string, { inputs: number; failures: number; ms: number; findings: number; fixed: number }>();

function check(source: string, text: string, kind: Target, extra: { fixAll?: boolean } = {}, recipe?: string): void {
  tried++;
  const r = checkInvariants(text, kind, { twice: tried % 10 === 0, ...extra });
  if (r.ms > SLOW_MS) slow++;
  const s = perSource.get(source) ?? { inputs: 0, failures: 0, ms: 0, findings: 0, fixed: 0 };
  s.inputs++;
  s.ms += r.ms;
  s.findings += r.findings;
  if (r.fixesApplied > 0) s.fixed++;
  perSource.set(source, s);
  if (r.ms > slowest.ms) slowest = { source, kind, ms: r.ms, text };
  if (r.problems.length > 0) {
    failures++;
    s.failures++;
    const file = join(out, `failure-${failures}.${kind === 'compose' ? 'yaml' : kind === 'devcontainer' ? 'devcontainer.json' : 'Dockerfile'}`);
    if (failures <= 20) {
      writeFileSync(file, text);
      console.log(`FAILURE ${failures} (${source}, ${kind}, ${text.length} chars, input saved to ${file}${recipe ? `; made by ${recipe}` : ''}):\n  - ${r.problems.join('\n  - ').slice(0, 2000)}`);
    }
  }
  if (tried % 10_000 === 0) console.log(`  ${tried} inputs, ${failures} failures, slowest ${slowest.ms.toFixed(0)} ms`);
}

/** Draws `n` values from an arbitrary, in batches, each batch from its own seed derived from the run's. */
function drawn<T>(arb: fc.Arbitrary<T>, n: number, salt: number, each: (v: T) => void): void {
  const BATCH = 2000;
  for (let done = 0, b = 0; done < n; b++) {
    const count = Math.min(BATCH, n - done);
    for (const v of fc.sample(arb, { seed: seed + salt * 1_000_003 + b, numRuns: count })) each(v);
    done += count;
  }
}

const texts = corpusTexts();
if (!HAS_CORPUS) console.log(`corpus not found at ${CORPUS_DIR}: corpus mutations and truncations are SKIPPED`);
const started = performance.now();
console.log(`bulkhead fuzz: seed ${seed}, ${TOTAL} inputs at least`);

// Every truncation of a handful of real files (three of each kind).
for (const f of LSP_ONLY ? [] : smallFiles(texts, 3, 1500)) for (let end = 0; end <= f.text.length; end++) check(`truncation of ${f.path}`, f.text.slice(0, end), f.kind);
const truncations = tried;
const rest = Math.max(0, TOTAL - truncations);
const share = (fraction: number) => Math.ceil(rest * fraction);
drawn(randomText, share(0.1), 1, (t) => check('random text (dockerfile)', t, 'dockerfile'));
drawn(randomText, share(0.1), 2, (t) => check('random text (compose)', t, 'compose'));
drawn(tokenSoup('dockerfile'), share(0.2), 3, (t) => check('Dockerfile token soup', t, 'dockerfile', { fixAll: true }));
drawn(tokenSoup('compose'), share(0.2), 4, (t) => check('Compose token soup', t, 'compose', { fixAll: true }));
if (texts.length > 0)
  drawn(corpusMutation(texts), share(0.4), 5, (m) => {
    const { text, kind } = applyMutations(texts, m);
    check(`mutated corpus (${kind})`, text, kind, { fixAll: true }, JSON.stringify(m));
  });
// Dev Container configurations: random text, JSONC vocabulary, mutations of the Dev Container corpus.
drawn(randomText, share(0.05), 6, (t) => check('random text (devcontainer)', t, 'devcontainer'));
drawn(tokenSoup('devcontainer'), share(0.1), 7, (t) => check('Dev Container token soup', t, 'devcontainer', { fixAll: true }));
const devcontainers = HAS_DEVCONTAINER_CORPUS ? devcontainerConfigs().map((c) => ({ path: c.name, kind: 'devcontainer' as const, text: c.text })) : [];
if (devcontainers.length > 0)
  drawn(corpusMutation(devcontainers), share(0.1), 8, (m) => {
    const { text, kind } = applyMutations(devcontainers, m);
    check('mutated Dev Container corpus', text, kind, { fixAll: true }, JSON.stringify(m));
  });

const seconds = (performance.now() - started) / 1000;
const slowFile = join(out, `slowest.${slowest.kind === 'compose' ? 'yaml' : slowest.kind === 'devcontainer' ? 'devcontainer.json' : 'Dockerfile'}`);
writeFileSync(slowFile, slowest.text);
console.log('\nInputs by source:');
for (const [source, s] of [...perSource].sort((a, b) => b[1].inputs - a[1].inputs).filter(([k]) => !k.startsWith('truncation'))) {
  console.log(
    `  ${String(s.inputs).padStart(7)}  ${String(s.failures).padStart(4)} failed  ${(s.ms / s.inputs).toFixed(2).padStart(7)} ms avg  ${(s.findings / s.inputs).toFixed(1).padStart(5)} findings avg  ${String(s.fixed).padStart(6)} fixed by fix-all  ${source}`,
  );
}
console.log(`  ${String(truncations).padStart(7)}  ${String([...perSource].filter(([k]) => k.startsWith('truncation')).reduce((n, [, s]) => n + s.failures, 0)).padStart(4)} failed  (every truncation of ${smallFiles(texts, 3, 1500).length} real files)`);
console.log(`\nInputs tried: ${tried}`);
console.log(`Failures: ${failures}`);
console.log(`Slowest input: ${slowest.ms.toFixed(1)} ms, ${slowest.source}, ${slowest.text.length} characters (saved to ${slowFile})`);
console.log(`Inputs over ${SLOW_MS} ms: ${slow} (a figure, not a failure)`);
console.log(`Time: ${seconds.toFixed(0)} s (${((seconds * 1000) / Math.max(1, tried)).toFixed(2)} ms per input)`);

// Random repositories on a real disk (links, FIFOs, encodings): the CLI and the server's reader (file-tree.ts).
const trees = LSP_ONLY ? { failures: 0 } : runFileTreeFuzz(arg('trees', 10_000), seed);

// The pathological inputs, each in a process of its own (the harness kills only a hang; its peak memory is its own).
console.log('\nPathological inputs, one process each (lint time; resident memory after the lint; peak resident memory of the process):');
void (async () => {
  const runner = await bundleRunner();
  let pathFailures = 0;
  let slowestPath = { name: '', ms: -1 };
  try {
    const results = LSP_ONLY ? [] : await runIsolated(runner.path, PATHOLOGICAL.map((_, i) => i), { perInput: true, heapMiB: 2048 });
    for (const r of results) {
      const p = PATHOLOGICAL[r.i];
      if (r.problem) pathFailures++;
      if (r.ms > slowestPath.ms) slowestPath = { name: p.name, ms: r.ms };
      const got = r.whole ?? (r.findings === undefined ? '-' : `${r.findings} findings`);
      console.log(`${r.ms.toFixed(0).padStart(7)} ms ${MiB(r.rss).padStart(6)} MiB ${MiB(r.peakRss).padStart(6)} MiB  ${p.name} (${((r.chars ?? 0) / 1e6).toFixed(2)} M chars): ${got}${r.problem ? `  FAILED: ${r.problem.split('\n')[0]}` : ''}`);
    }
  } finally {
    runner.cleanup();
  }
  console.log(`\nSlowest pathological input: ${slowestPath.name}, ${slowestPath.ms.toFixed(0)} ms`);
  console.log(`Pathological failures: ${pathFailures}`);
  console.log('\nLSP protocol: random valid and invalid frames, ranges, versions and parameters, one in-process server per case');
  // The stall wait is a hang guard (a request never answered), not a speed check: generous by default.
  const lsp = await fuzzLspProtocol({ cases: arg('lsp-cases', 10_000), first: arg('lsp-first', 0), seed, boundMs: arg('lsp-stall', 60_000), log: (l) => console.log(l) });
  console.log(`LSP cases: ${lsp.cases}; frames ${lsp.frames}; requests answered ${lsp.requestsAnswered}; parse errors ${lsp.parseErrors}; cases ending in a clean exit on a broken frame ${lsp.fatalCases}; slowest case ${lsp.slowestMs.toFixed(0)} ms; peak heap ${lsp.maxHeapMiB.toFixed(0)} MiB; ${lsp.seconds.toFixed(0)} s`);
  console.log(`LSP failures: ${lsp.failures}`);
  process.exit(failures > 0 || pathFailures > 0 || trees.failures > 0 || lsp.failures > 0 ? 1 : 0);
})();
