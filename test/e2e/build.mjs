// Compiles the e2e launchers and the suite with esbuild into test/e2e/out/ (git-ignored).
// The suite files are bundled one by one (each *.e2e.ts with the helpers it imports); `vscode` comes
// from the extension host and `mocha` from the repository's node_modules at run time.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'out');
// Stale suite files would still be picked up; out/runs/ (the suites that running launchers copied) is left alone.
rmSync(join(out, 'suite'), { recursive: true, force: true });

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

await Promise.all([
  build({ ...common, entryPoints: suiteEntries, outdir: join(out, 'suite'), external: ['vscode', 'mocha'] }),
  build({
    ...common,
    entryPoints: [join(here, 'run-code-server.ts'), join(here, 'run-electron.ts')],
    outdir: out,
    external: ['playwright-core', '@vscode/test-electron'],
  }),
]);
