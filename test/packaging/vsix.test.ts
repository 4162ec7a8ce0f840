import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPOSITORY_URL } from '../../server/src/engine/docs';
import { RULES } from '../../server/src/rules';
import { imageSources, packagedReadme, ROOT, text, vsixFiles, type Manifest, type VsceFile } from './vsce';

/**
 * The VS Code extension as vsce packages it (the same file list as `vsce ls`, computed offline by
 * vsce's own library from .vscodeignore; `ovsx publish` packages the same way): exactly the files
 * of the allow-list below, a manifest the Marketplace and Open VSX accept and show well (a 128×128
 * PNG icon, banner, category, keywords, links, licence), and a README whose images the Extensions
 * view can show (it allows only `https:` images): each is HTTPS in the packaged README and, when
 * the source names it by a relative path, vsce rewrote it to a file this repository holds.
 */

const RAW_BASE = `${REPOSITORY_URL}/raw/HEAD/`;

/** What the VSIX holds, exactly. */
const ALLOWED: (string | RegExp)[] = [
  'extension.vsixmanifest',
  '[Content_Types].xml',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/extension.js',
  'extension/dist/server.js',
  'extension/dist/browser/extension.js',
  'extension/dist/browser/server.js',
  'extension/dist/THIRD-PARTY-NOTICES.md',
  'extension/syntaxes/bulkhead-ignore.injection.tmLanguage.json',
  'extension/docs/bulkhead.schema.json',
  'extension/media/icon.png',
  'extension/media/bulkhead.svg',
  /^extension\/docs\/rules\/[a-z0-9-]+\.md$/,
];

const allowed = (p: string) => ALLOWED.some((a) => (typeof a === 'string' ? a === p : a.test(p)));

let manifest: Manifest;
let files: VsceFile[];

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/extension.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
  ({ manifest, files } = await vsixFiles());
}, 60_000);

const paths = () => files.map((f) => f.path).sort();
const file = (p: string) => {
  const f = files.find((x) => x.path === p);
  if (!f) throw new Error(`${p} is not in the VSIX`);
  return f;
};

/** The repository's tracked files (what the default branch will hold once pushed). */
function tracked(): Set<string> {
  return new Set(execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean));
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const b = readFileSync(path);
  expect(b.subarray(0, 8).toString('hex'), `${path} is not a PNG`).toBe('89504e470d0a1a0a');
  expect(b.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('the VSIX listing', () => {
  it('holds only the allow-listed files', () => {
    expect(paths().filter((p) => !allowed(p))).toEqual([]);
  });

  it('holds every allow-listed file, and one documentation page per rule', () => {
    for (const a of ALLOWED) if (typeof a === 'string') expect(paths(), a).toContain(a);
    const pages = paths().filter((p) => p.startsWith('extension/docs/rules/'));
    expect(pages).toEqual(RULES.map((r) => `extension/docs/rules/${r.meta.id}.md`).sort());
  });

  it('has the entry points the manifest names, and no source, test, map or node_modules file', () => {
    for (const entry of [manifest.main, manifest.browser] as string[]) expect(paths()).toContain(`extension/${entry.replace(/^\.\//, '')}`);
    expect(paths().filter((p) => /node_modules|\.map$|\.ts$|^extension\/(server|client|test|scripts)\//.test(p))).toEqual([]);
  });

  it('comes from .vscodeignore alone: vsce refuses a package.json "files" field beside it', () => {
    expect(manifest.files).toBeUndefined();
  });

  it('the check is real: a file outside the allow-list fails it', () => {
    expect(allowed('extension/media/icon.svg')).toBe(false);
    expect(allowed('extension/dist/cli.js')).toBe(false);
    expect(allowed('extension/docs/rules/../ci.md')).toBe(false);
  });
});

describe('the manifest, as the Marketplace and Open VSX show it', () => {
  it('has a 128×128 PNG icon, drawn from media/icon.svg', () => {
    expect(manifest.icon).toBe('media/icon.png');
    expect(pngSize(join(ROOT, 'media/icon.png'))).toEqual({ width: 128, height: 128 });
    expect(readFileSync(join(ROOT, 'media/icon.svg'), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 128 128"/);
  });

  it('has a banner, the Linters category, keywords, and links to one repository', () => {
    expect(manifest.galleryBanner).toEqual({ color: expect.stringMatching(/^#[0-9a-f]{6}$/i), theme: 'dark' });
    expect(manifest.categories).toContain('Linters');
    const keywords = manifest.keywords as string[];
    expect(keywords).toEqual(expect.arrayContaining(['docker', 'dockerfile', 'compose', 'security']));
    expect(keywords.length).toBeLessThanOrEqual(30); // the Marketplace's limit
    expect(manifest.repository).toEqual({ type: 'git', url: `${REPOSITORY_URL}.git` });
    expect(manifest.homepage).toBe(`${REPOSITORY_URL}#readme`);
    expect(manifest.bugs).toEqual({ url: `${REPOSITORY_URL}/issues` });
  });

  it('has what Open VSX requires: a publisher (the namespace), a licence and its file, an engine', () => {
    expect(manifest.publisher).toBe('bulkhead');
    expect(manifest.license).toBe('MIT');
    expect(text(file('extension/LICENSE.txt'))).toMatch(/^MIT License/);
    expect(manifest.engines).toMatchObject({ vscode: expect.stringMatching(/^\^1\.\d+\.\d+$/) });
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('packs the CHANGELOG, whose first section is this version', () => {
    expect(text(file('extension/changelog.md'))).toMatch(new RegExp(`^# Changelog\\n[\\s\\S]*?\\n## ${manifest.version.replace(/\./g, '\\.')}[ \\n]`));
  });
});

describe('README images in the Extensions view', () => {
  it('every image of the packaged README is HTTPS, and each relative one became a file of this repository', async () => {
    const source = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const packaged = text(file('extension/readme.md'));
    const before = imageSources(source);
    const after = imageSources(packaged);
    expect(after).toHaveLength(before.length);
    const files = tracked();
    before.forEach((src, i) => {
      expect(after[i], `image ${src}`).toMatch(/^https:\/\//);
      expect(after[i], `image ${src}: the Marketplace refuses SVG images`).not.toMatch(/\.svg$/i);
      if (/^https:\/\//.test(src)) {
        expect(after[i]).toBe(src);
      } else {
        expect(src, 'relative to the repository root').not.toMatch(/^(\/|\.\.\/)/);
        expect(after[i]).toBe(`${RAW_BASE}${src.replace(/^\.\//, '')}`);
        expect(files.has(src.replace(/^\.\//, '')), `${src} is not a committed file: its rewritten URL would be broken`).toBe(true);
      }
    });
  });

  it('the check is real: vsce rewrites a relative image to the repository and refuses an insecure or SVG one', async () => {
    const md = '# T\n\n![shot](docs/images/editor-problems.png)\n\n<img src="media/icon.png" width="64">\n';
    expect(imageSources(await packagedReadme(manifest, md))).toEqual([`${RAW_BASE}docs/images/editor-problems.png`, `${RAW_BASE}media/icon.png`]);
    await expect(packagedReadme(manifest, '![x](http://example.com/x.png)\n')).rejects.toThrow(/HTTPS/);
    await expect(packagedReadme(manifest, '![x](docs/x.svg)\n')).rejects.toThrow(/SVG/);
  });
});
