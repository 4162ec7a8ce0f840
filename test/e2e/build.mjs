// Compiles the e2e launchers and the suite with esbuild into test/e2e/out/ (git-ignored).
// The suite files are bundled one by one (each *.e2e.ts with the helpers it imports); `vscode` comes
// from the extension host and `mocha` from the repository's node_modules at run time.
// The web suite (out/web-suite/index.js) is the same *.e2e.ts files in one browser bundle for the
// web worker extension host: web/index.ts, mocha's browser build, and shims for `mocha` and `assert`.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'out');
// Stale suite files would still be picked up; out/runs/ (the suites that running launchers copied) is left alone.
rmSync(join(out, 'suite'), { recursive: true, force: true });
rmSync(join(out, 'web-suite'), { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
};

const suite = join(here, 'suite');
const suiteEntries = readdirSync(suite)
  .filter((f) => f === 'index.ts' || f.endsWith('.e2e.ts'))
  .map((f) => join(suite, f));

const e2eFiles = readdirSync(suite).filter((f) => f.endsWith('.e2e.ts')).sort();
const webEntry = [
  "import { runWeb } from './web/index';",
  'export function run() {',
  '  return runWeb({',
  ...e2eFiles.map((f) => `    ${JSON.stringify(f.replace(/\.ts$/, '.js'))}: () => require(${JSON.stringify(`./suite/${f}`)}),`),
  '  });',
  '}',
].join('\n');
/** `mocha` and `assert` become the web shims; other Node built-ins stay external and fail (by file) at load time. */
const webShims = {
  name: 'web-shims',
  setup(b) {
    b.onResolve({ filter: /^mocha$/ }, () => ({ path: join(here, 'web/mocha-shim.ts') }));
    b.onResolve({ filter: /^(node:)?assert(\/strict)?$/ }, () => ({ path: join(here, 'web/assert-shim.ts') }));
    b.onResolve({ filter: /^node:/ }, (a) => ({ path: a.path, external: true }));
  },
};

await Promise.all([
  build({
    ...common,
    stdin: { contents: webEntry, resolveDir: here, sourcefile: 'web-entry.ts', loader: 'ts' },
    platform: 'browser',
    target: 'es2022',
    outfile: join(out, 'web-suite/index.js'),
    external: ['vscode'],
    plugins: [webShims],
  }),
  build({ ...common, entryPoints: suiteEntries, outdir: join(out, 'suite'), external: ['vscode', 'mocha'] }),
  build({
    ...common,
    entryPoints: [join(here, 'run-code-server.ts'), join(here, 'run-electron.ts')],
    outdir: out,
    external: ['playwright-core', '@vscode/test-electron'],
  }),
]);
