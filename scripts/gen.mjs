// `npm run gen`: regenerates everything derived from rule metadata.
// 1. server/src/rules/index.ts (plain JS, no bundling needed);
// 2. README tables and docs/rules/*.md, computed by scripts/generate.ts (bundled on the fly with esbuild).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { renderRuleIds, renderRuleIndex } from './gen-rule-index.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function write(rel, content) {
  const p = join(root, rel);
  if (content === null) {
    rmSync(p, { force: true });
    console.log(`deleted ${rel}`);
    return;
  }
  let prev = null;
  try {
    prev = readFileSync(p, 'utf8');
  } catch {}
  if (prev === content) return;
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
  console.log(`wrote ${rel}`);
}

write('server/src/rules/index.ts', renderRuleIndex());
write('server/src/rules/ids.ts', renderRuleIds());

const tmp = mkdtempSync(join(tmpdir(), 'bulkhead-gen-'));
const out = join(tmp, 'generate.cjs');
await build({ entryPoints: [join(root, 'scripts/generate.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
const { generatedFiles } = createRequire(import.meta.url)(out);
for (const [rel, content] of generatedFiles(root)) write(rel, content);
rmSync(tmp, { recursive: true, force: true });
