import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One version everywhere a user or a release step reads it: package.json's is the truth (the CLI,
 * the server and the extension read it at build time); the commands in the docs pin it, and a
 * release that bumps package.json must bump them too, or this fails and names the place.
 */

const ROOT = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };

/** Where a pinned version appears: `bulkhead@X`, `bulkhead-X.vsix`, `bulkhead-X.tgz` (npm pack), `rev: vX`, `#vX`. */
const PINS = [/\bbulkhead@(\d+\.\d+\.\d+\S*)/g, /\bbulkhead-(\d+\.\d+\.\d+[^\s/]*?)\.vsix\b/g, /\bbulkhead-(\d+\.\d+\.\d+[^\s/]*?)\.tgz\b/g, /\brev: v(\d+\.\d+\.\d+\S*)/g, /#v(\d+\.\d+\.\d+[\w.-]*)/g];
const FILES = ['README.md', 'CONTRIBUTING.md', 'docs/ci.md', 'docs/cli.md', 'docs/checklist.md', 'docs/other-editors.md', '.pre-commit-hooks.yaml'];

function pins(text: string): string[] {
  return PINS.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]));
}

describe('the version, pinned in the docs and scripts', () => {
  for (const f of FILES) {
    it(`${f} pins only package.json's version (${pkg.version})`, () => {
      const found = pins(readFileSync(join(ROOT, f), 'utf8'));
      expect(found.filter((v) => v !== pkg.version)).toEqual([]);
    });
  }

  it('npm run package writes bulkhead-<version>.vsix', () => {
    expect(pins(pkg.scripts.package)).toEqual([pkg.version]);
  });

  it('the docs do pin it where CI users copy from, and the check sees a stale pin', () => {
    expect(pins(readFileSync(join(ROOT, 'docs/ci.md'), 'utf8')).length).toBeGreaterThanOrEqual(4);
    // The README's install commands name the VSIX and the tarball that npm run package and npm pack write.
    expect(pins(readFileSync(join(ROOT, 'README.md'), 'utf8')).length).toBeGreaterThanOrEqual(4);
    expect(pins('run: npx bulkhead@0.0.9 check .\nrev: v0.0.9\nbulkhead-0.0.9.vsix\ngithub:x/bulkhead#v0.0.9\nnpm install --global ./bulkhead-0.0.9.tgz')).toEqual(['0.0.9', '0.0.9', '0.0.9', '0.0.9', '0.0.9']);
  });
});
