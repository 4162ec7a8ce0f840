import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { TEST_MS, WAIT_MS } from './helpers/hang-guard';

/**
 * The vitest configuration of `npm test` (docs/testing.md explains it). A test file lands in a
 * project by its folder:
 *
 * - `integration`: test/server, test/cli, test/robustness, test/packaging. Tests that start servers
 *   and processes, run or pack the bundles, or replace module functions: each file in a fresh module graph (isolated).
 *   Its global setup builds dist/ once, before any test, when it is missing or stale.
 * - `unit`: every other folder (parse, knowledge, engine, rules, edit, fixes, architecture,
 *   conformance, corpus, syntaxes, ...). Pure tests: one module graph per worker, shared by the
 *   files it runs (no per-file isolation), so each module loads once. A unit test must leave no
 *   state behind (spies are restored after each test).
 *
 * No wall-clock bound anywhere: a test that guards against slow code compares growth
 * (test/helpers/growth.ts). The timeouts below are hang guards, minutes long, never speed checks.
 * BULKHEAD_TEST_JSON=<file> also writes vitest's JSON report there (scripts/flake-check.mjs).
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const INTEGRATION = ['test/server/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/robustness/**/*.test.ts', 'test/packaging/**/*.test.ts'];
const json = process.env.BULKHEAD_TEST_JSON;

/**
 * The files that take longest, slowest first (each about 10 to 35 s of CPU, the rest a few seconds
 * or less): started first, they do not leave one worker running alone at the end. An order, not a
 * judgement: a file missing here just runs later. Measured with `npm run flake-check`.
 */
const SLOW_FIRST = [
  'test/robustness/no-escape.test.ts',
  'test/robustness/regexes.test.ts',
  'test/corpus/real-corpus.test.ts',
  'test/parse/dockerfile-ast-adapter.test.ts',
  'test/robustness/properties.test.ts',
  'test/server/lsp-robustness.test.ts',
  'test/robustness/pathological.test.ts',
  'test/cli/ci-integrations.test.ts',
  'test/server/other-editors.test.ts',
];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.indexOf(relative(root, f.moduleId));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    return [...(await super.sort(files))].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  root,
  // The yaml build the bundles ship (scripts/esbuild-yaml.mjs), so the tests run the same parser code.
  resolve: { alias: [{ find: /^yaml$/, replacement: fileURLToPath(new URL('../node_modules/yaml/browser/index.js', import.meta.url)) }] },
  test: {
    // No results cache: it reorders files by their last run (a fresh clone has none), and two runs
    // in one clone would write it at once.
    cache: false,
    sequence: { sequencer: SlowFirst },
    // Child processes, not threads: the growth checks read process.cpuUsage(), which would count
    // every thread of the process. One worker per core (vitest's default leaves one core idle).
    pool: 'forks',
    maxWorkers: '100%',
    reporters: json ? ['default', ['json', { outputFile: json }]] : ['default'],
    // Hang guards only (test/helpers/hang-guard.ts): a test or hook still running after this long is stuck, not slow.
    testTimeout: TEST_MS,
    hookTimeout: TEST_MS,
    teardownTimeout: WAIT_MS,
    expect: { poll: { timeout: WAIT_MS } },
    restoreMocks: true,
    unstubEnvs: true,
    unstubGlobals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION,
          isolate: true,
          globalSetup: ['test/helpers/build-bundles.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...INTEGRATION, 'test/e2e/**', '**/node_modules/**'],
          isolate: false,
        },
      },
    ],
  },
});
