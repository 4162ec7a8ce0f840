import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPackages } from '../../scripts/third-party-notices.mjs';

/**
 * dist/THIRD-PARTY-NOTICES.md, which the VSIX and the npm package ship next to the bundles, has
 * the licence of every package the bundles hold. The list is checked against the bundles
 * themselves: esbuild's unminified output (the build `npm test` makes) marks each module it
 * inlined with a `// node_modules/<package>/...` comment.
 */

const ROOT = join(__dirname, '../..');
const BUNDLES = ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/browser/extension.js', 'dist/browser/server.js'];

/** `name version` of each package whose modules a bundle inlined. */
function inlined(): string[] {
  const dirs = new Set<string>();
  for (const b of BUNDLES) {
    for (const m of readFileSync(join(ROOT, b), 'utf8').matchAll(/^\/\/ ((?:.*\/)?node_modules\/(?:@[^/\s]+\/)?[^/\s]+)\//gm)) dirs.add(m[1]);
  }
  return [...dirs].map((d) => {
    const pkg = JSON.parse(readFileSync(join(ROOT, d, 'package.json'), 'utf8')) as { name: string; version: string };
    return `${pkg.name} ${pkg.version}`;
  });
}

describe('third-party notices', () => {
  const notices = readFileSync(join(ROOT, 'dist/THIRD-PARTY-NOTICES.md'), 'utf8');
  const sections = [...notices.matchAll(/^## (\S+ \d+\.\d+\.\d+\S*)\n\nLicence: /gm)].map((m) => m[1]);

  it('has one section per package the bundles inline, and no other', () => {
    const packages = inlined();
    expect(packages.length).toBeGreaterThanOrEqual(5);
    expect(packages).toEqual(expect.arrayContaining(['dockerfile-ast 0.7.1', 'yaml 2.9.1']));
    expect([...sections].sort()).toEqual([...new Set(packages)].sort());
  });

  it('quotes each licence text', () => {
    for (const name of ['dockerfile-ast', 'vscode-languageserver', 'yaml']) {
      const section = notices.slice(notices.indexOf(`## ${name} `));
      expect(section, name).toMatch(/^## \S+ \S+\n\nLicence: (MIT|ISC)\n\n```text\n[\s\S]*?(Permission|copyright)[\s\S]*?\n```\n/i);
    }
  });

  it('reads package folders from esbuild metafile inputs, nested ones too', () => {
    const meta = { inputs: { 'node_modules/a/x.js': {}, 'node_modules/@s/b/lib/y.js': {}, 'node_modules/a/node_modules/c/z.js': {}, 'server/src/x.ts': {} } };
    expect(bundledPackages([meta])).toEqual(['node_modules/@s/b', 'node_modules/a', 'node_modules/a/node_modules/c']);
  });
});

/**
 * Every bundle inlines `yaml`'s ES module build (scripts/esbuild-yaml.mjs), the one the web
 * extension resolves anyway: bundled from its CommonJS build, the Node bundles parsed Compose
 * files about a fifth slower. The check reads the same module comments as above.
 */
describe('the yaml build the bundles inline', () => {
  for (const b of BUNDLES.filter((x) => !x.includes('extension.js'))) {
    it(`${b} holds yaml's ES module build, not its CommonJS one`, () => {
      const text = readFileSync(join(ROOT, b), 'utf8');
      expect(text).toMatch(/^ *\/\/ (?:.*\/)?node_modules\/yaml\/browser\/dist\/parse\/parser\.js$/m);
      expect(text).not.toMatch(/^ *\/\/ (?:.*\/)?node_modules\/yaml\/dist\//m);
    });
  }
});
