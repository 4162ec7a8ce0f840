import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built bundles in dist/ (scripts/build.mjs), for the tests that run them: the CLI, the
 * language server over stdio, the web worker server. `npm test` builds them once, before any test,
 * in the global setup of the projects that use them (test/helpers/build-bundles.ts), and only when
 * they are missing or older than their sources. A test that runs a bundle asks for it with
 * `built(...)`, which fails the test (never skips it) when the bundle is missing or stale.
 */

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const DIST = join(ROOT, 'dist');

/** Every file `npm run build` writes that a test runs, relative to dist/. */
export const BUNDLES = ['cli.js', 'server.js', 'extension.js', 'browser/extension.js', 'browser/server.js'] as const;
export type Bundle = (typeof BUNDLES)[number];

/** What the bundles are built from: a change to any of these makes dist/ stale. */
const INPUTS = ['server/src', 'client/src', 'scripts/build.mjs', 'scripts/esbuild-yaml.mjs', 'scripts/browser-globals.js', 'package-lock.json'];

/** The most recently changed input file and its modification time. */
function newestInput(): { path: string; mtimeMs: number } {
  let newest = { path: '', mtimeMs: 0 };
  const visit = (abs: string): void => {
    const st = statSync(abs);
    if (st.isDirectory()) {
      for (const e of readdirSync(abs)) visit(join(abs, e));
    } else if (st.mtimeMs > newest.mtimeMs) newest = { path: relative(ROOT, abs), mtimeMs: st.mtimeMs };
  };
  for (const i of INPUTS) if (existsSync(join(ROOT, i))) visit(join(ROOT, i));
  return newest;
}

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

/** Why dist/ cannot be used as it is (a bundle missing, or older than a source), or null when every bundle is current. */
export function bundleProblem(): string | null {
  const newest = newestInput();
  for (const b of BUNDLES) {
    const path = join(DIST, b);
    if (!existsSync(path)) return `dist/${b} is missing`;
    const built = statSync(path).mtimeMs;
    if (built < newest.mtimeMs) return `dist/${b} (built ${time(built)}) is older than ${newest.path} (changed ${time(newest.mtimeMs)})`;
    if (minified(path)) return `dist/${b} is a minified build (npm run bench and npm run package make one), not the one the tests read`;
  }
  return null;
}

/**
 * Whether a bundle was built with `--minify`: `npm run build` links a source map at its end, a
 * minified build has none. The tests read esbuild's module comments (third-party notices) and
 * stack traces, so they need the plain build.
 */
function minified(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const size = statSync(path).size;
    const tail = Buffer.alloc(Math.min(200, size));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    return !tail.toString('utf8').includes('//# sourceMappingURL=');
  } finally {
    closeSync(fd);
  }
}

/**
 * The absolute path of a bundle, for a test that runs it. Throws, so that the test fails, when any
 * bundle is missing or older than the sources: a test must not pass or skip on a stale build.
 */
export function built(bundle: Bundle): string {
  const problem = bundleProblem();
  if (problem) throw new Error(`${problem}: run \`npm run build\` (npm test builds dist/ in its global setup, test/helpers/build-bundles.ts)`);
  return join(DIST, bundle);
}
