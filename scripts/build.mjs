// Bundles the extension client, the language server and the CLI with esbuild: the Node bundles in
// dist/, and the web extension (client and web-worker server) in dist/browser/.
// Usage: node scripts/build.mjs [--minify] [--watch] [--out DIR]   (DIR instead of dist/, for measurements)
import { build, context } from 'esbuild';
import { chmodSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { thirdPartyNotices } from './third-party-notices.mjs';
import { yamlEsm } from './esbuild-yaml.mjs';

const minify = process.argv.includes('--minify');
const watch = process.argv.includes('--watch');
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? process.argv[outArg + 1] : 'dist';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: minify ? false : 'linked',
  minify,
  logLevel: 'warning',
  legalComments: 'none',
  // `yaml`'s ES module build, as the browser bundles resolve it (esbuild-yaml.mjs says why).
  plugins: [yamlEsm],
};

/** Fails the browser builds on any import of a Node built-in (`fs`, `child_process`, `net`, ...), even one a package maps away. */
const NODE_BUILTIN = new RegExp(`^(node:.*|${builtinModules.map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})$`);
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: NODE_BUILTIN }, (args) => ({
      errors: [{ text: `the browser bundle must not import the Node built-in "${args.path}" (imported by ${args.importer})` }],
    }));
  },
};

const browser = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  plugins: [noNodeBuiltins, yamlEsm],
  inject: ['scripts/browser-globals.js'],
  // Nothing in the bundles reads the environment; this keeps a stray `process.env.X` from throwing.
  define: { 'process.env.NODE_ENV': '"production"' },
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: `${out}/extension.js`, external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: `${out}/server.js`, banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli.ts'], outfile: `${out}/cli.js`, banner: { js: '#!/usr/bin/env node' } },
  // The web extension: the client runs in the web worker extension host (CommonJS, `vscode` from the host),
  // the server in a web worker of its own (a self-contained script).
  { ...browser, entryPoints: ['client/src/browser-extension.ts'], outfile: `${out}/browser/extension.js`, external: ['vscode'] },
  { ...browser, entryPoints: ['server/src/browser-server.ts'], outfile: `${out}/browser/server.js`, format: 'iife' },
];

if (watch) {
  for (const e of entries) await (await context({ ...common, ...e })).watch();
} else {
  const results = await Promise.all(entries.map((e) => build({ ...common, ...e, metafile: true })));
  // The bundles carry third-party code, so the packages that ship them carry its notices.
  writeFileSync(`${out}/THIRD-PARTY-NOTICES.md`, thirdPartyNotices(process.cwd(), results.map((r) => r.metafile)));
  chmodSync(`${out}/cli.js`, 0o755);
  chmodSync(`${out}/server.js`, 0o755);
}
