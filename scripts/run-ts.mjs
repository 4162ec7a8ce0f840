// Runs a TypeScript script of this repository: bundles it with esbuild into a temporary file under
// node_modules/.cache (so packages left external, such as esbuild itself, resolve from the
// repository), with the yaml build the bundles ship (esbuild-yaml.mjs), and executes it with the
// arguments that follow. Usage: node scripts/run-ts.mjs <file.ts> [args...]
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { yamlEsm } from './esbuild-yaml.mjs';

const [entry, ...args] = process.argv.slice(2);
const cache = resolve('node_modules/.cache');
mkdirSync(cache, { recursive: true });
const tmp = mkdtempSync(join(cache, 'bulkhead-run-'));
const out = join(tmp, 'script.cjs');
await build({ entryPoints: [resolve(entry)], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, logLevel: 'error', external: ['esbuild'], plugins: [yamlEsm] });
const r = spawnSync(process.execPath, [...process.execArgv, out, ...args], { stdio: 'inherit' });
rmSync(tmp, { recursive: true, force: true });
process.exit(r.status ?? 1);
