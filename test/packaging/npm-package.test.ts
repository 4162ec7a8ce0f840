import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/rules';

/**
 * The npm package, for CI users (`npx bulkhead@<version> check .`, `npm install -g bulkhead`):
 * `npm pack` lists exactly the CLI and server bundles (and the notices of the third-party code they
 * include), the docs they link and the licence; the
 * package has no dependencies to install; and the packed tarball, installed into an empty folder
 * with an empty npm cache and `--offline`, runs: `bulkhead --version`, `bulkhead check .` in an
 * empty folder and on a Dockerfile, `bulkhead-language-server --version`, and the same through
 * `npx --package <tarball>`. Uses the dist/ that `npm test` builds (`--ignore-scripts`: no rebuild).
 */

const ROOT = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & { name: string; version: string; bin: Record<string, string> };

const ALLOWED = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'dist/cli.js',
  'dist/server.js',
  'dist/THIRD-PARTY-NOTICES.md',
  'docs/ci.md',
  'docs/cli.md',
  'docs/checklist.md',
  'docs/other-editors.md',
  'docs/bulkhead.schema.json',
  ...RULES.map((r) => `docs/rules/${r.meta.id}.md`),
].sort();

const DOCKERFILE = 'FROM python:3.12\nUSER root\nCMD ["python", "app.py"]\n';

/** What the repository's own CLI bundle prints for `check .` in a folder: the installed copy must print the same. */
const fromRepo = (cwd: string) => spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'check', '.'], { cwd, encoding: 'utf8', timeout: 60_000 }).stdout;

let tmp: string;
let tarball: string;
let listing: string[];

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...env } });
}

beforeAll(() => {
  for (const f of Object.values(pkg.bin)) if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` (npm test does it first)`);
  tmp = mkdtempSync(join(tmpdir(), 'bulkhead-npm-package-'));
  mkdirSync(join(tmp, 'pack'));
  const r = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', join(tmp, 'pack')], ROOT);
  expect(r.status, r.stderr).toBe(0);
  const [info] = JSON.parse(r.stdout) as { filename: string; files: { path: string }[] }[];
  listing = info.files.map((f) => f.path).sort();
  tarball = join(tmp, 'pack', info.filename);
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('lists exactly the CLI, the server, their third-party notices, the docs they link, the changelog and the licence', () => {
    expect(listing).toEqual(ALLOWED);
  });

  it('lists the same as `npm pack --dry-run`', () => {
    const r = npm(['pack', '--dry-run', '--json', '--ignore-scripts'], ROOT);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path).sort()).toEqual(listing);
  });

  it('has nothing to install besides itself: the bundles hold every import', () => {
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
      expect(pkg[field], `package.json "${field}": the bundles are self-contained, list build inputs in devDependencies`).toBeUndefined();
    }
    expect(pkg.bin).toEqual({ bulkhead: 'dist/cli.js', 'bulkhead-language-server': 'dist/server.js' });
    expect(pkg.engines).toMatchObject({ node: '>=20.19.0' });
  });

  it('writes the tarball the README tells users to install, and every doc the README links is in the package', () => {
    expect(tarball.endsWith(`/${pkg.name}-${pkg.version}.tgz`)).toBe(true);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`npm install --global ./${pkg.name}-${pkg.version}.tgz`);
    // Relative links to Markdown files under docs/ (the rule pages are checked by the allow-list above).
    const linked = [...readme.matchAll(/\]\((docs\/[a-z-]+\.md)(?:#[^)]*)?\)/g)].map((m) => m[1]);
    expect(linked.length).toBeGreaterThanOrEqual(4);
    for (const doc of new Set(linked.filter((d) => d !== 'docs/corpus-report.md'))) expect(listing, doc).toContain(doc);
  });

  it('can be published: not private, MIT, with a repository', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.license).toBe('MIT');
    expect(pkg.repository).toMatchObject({ url: expect.stringMatching(/^https:\/\/github\.com\//) });
  });
});

describe('the tarball, installed offline into an empty folder', () => {
  let bin: (name: string, args: string[], cwd: string) => SpawnSyncReturns<string>;

  beforeAll(() => {
    const project = join(tmp, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{ "name": "ci-job", "private": true }\n');
    // An empty cache: anything besides the tarball would have to come from the network, which --offline forbids.
    const r = npm(['install', '--offline', '--no-package-lock', '--cache', join(tmp, 'cache'), tarball], project);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    bin = (name, args, cwd) => spawnSync(join(project, 'node_modules/.bin', name), args, { cwd, encoding: 'utf8', timeout: 60_000 });
  }, 120_000);

  it('installs the package alone', () => {
    const r = npm(['ls', '--all', '--parseable', '--offline'], join(tmp, 'project'));
    expect(r.stdout.trim().split('\n').map((l) => l.slice(join(tmp, 'project').length))).toEqual(['', '/node_modules/bulkhead']);
  });

  it('bulkhead --version and bulkhead-language-server --version print the version', () => {
    expect(bin('bulkhead', ['--version'], tmp).stdout).toBe(`bulkhead ${pkg.version}\n`);
    expect(bin('bulkhead-language-server', ['--version'], tmp).stdout).toBe(`bulkhead-language-server ${pkg.version}\n`);
  });

  it('bulkhead check . passes in an empty folder and finds USER root in a Dockerfile', () => {
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    const clean = bin('bulkhead', ['check', '.'], empty);
    expect({ status: clean.status, stdout: clean.stdout, stderr: clean.stderr }).toEqual({ status: 0, stdout: fromRepo(empty), stderr: '' });
    expect(clean.stdout).toMatch(/\b0 files\b/);

    const repo = join(tmp, 'repo');
    mkdirSync(repo);
    writeFileSync(join(repo, 'Dockerfile'), DOCKERFILE);
    const r = bin('bulkhead', ['check', '.', '--format', 'json'], repo);
    // USER root is a warning, and the default gate (--fail-on error) fails on errors only.
    expect(r.status, r.stderr).toBe(0);
    const findings = (JSON.parse(r.stdout) as { findings: { file: string; line: number; rule: string }[] }).findings;
    expect(findings).toContainEqual(expect.objectContaining({ file: 'Dockerfile', line: 2, rule: 'non-root-user' }));
  });

  it('npx --package <tarball> bulkhead check . works from an empty folder too', () => {
    const empty = join(tmp, 'npx-empty');
    mkdirSync(empty);
    const r = spawnSync('npx', ['--offline', '--yes', '--cache', join(tmp, 'npx-cache'), '--package', tarball, 'bulkhead', 'check', '.'], {
      cwd: empty,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(fromRepo(empty));
  }, 120_000);
});
