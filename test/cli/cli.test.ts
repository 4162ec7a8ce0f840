import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/rules';
import { built } from '../helpers/bundle';
import { runCaptured as run, testWorkspaces } from '../helpers/cli';

const workspace = testWorkspaces();

const ROOT_DOCKERFILE = 'FROM alpine:3.20\nUSER root\n';
const PRIVILEGED = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

describe('bulkhead check: formats', () => {
  it('json follows the version 1 contract with 1-based positions', () => {
    const dir = workspace({ Dockerfile: ROOT_DOCKERFILE });
    const r = run(['check', '--format', 'json'], dir);
    const out = JSON.parse(r.stdout);
    expect(out.version).toBe(1);
    const f = out.findings.find((x: { rule: string }) => x.rule === 'non-root-user');
    expect(f).toEqual({
      file: 'Dockerfile',
      line: 2,
      column: 6,
      endLine: 2,
      endColumn: 10,
      rule: 'non-root-user',
      practice: 4,
      severity: 'warning',
      message: 'The final stage switches to root as its last USER; switch to an unprivileged user',
      fixable: expect.any(Boolean),
    });
    for (const x of out.findings) {
      expect(Object.keys(x).sort()).toEqual(['column', 'endColumn', 'endLine', 'file', 'fixable', 'line', 'message', 'practice', 'rule', 'severity']);
      expect(['error', 'warning', 'info', 'hint']).toContain(x.severity);
      expect(Number.isInteger(x.practice) && x.practice >= 1 && x.practice <= 20).toBe(true);
    }
    // A warning alone does not fail the default gate (errors only).
    expect(r.code).toBe(0);
  });

  it('sarif is SARIF 2.1.0 with rule descriptors from the metadata', () => {
    const dir = workspace({ 'compose.yaml': PRIVILEGED });
    const r = run(['check', '-f', 'sarif'], dir);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const run0 = sarif.runs[0];
    expect(run0.tool.driver.name).toBe('bulkhead');
    expect(run0.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(RULES.map((x) => x.meta.id));
    const result = run0.results.find((x: { ruleId: string }) => x.ruleId === 'no-privileged');
    expect(result).toMatchObject({
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'compose.yaml' }, region: { startLine: 4, startColumn: 5, endLine: 4, endColumn: 21 } } }],
    });
    expect(run0.tool.driver.rules[result.ruleIndex].id).toBe('no-privileged');
    expect(run0.tool.driver.rules[result.ruleIndex].properties['security-severity']).toBe('8.0');
  });

  it('text shows position, severity, message, rule, practice and a caret underline', () => {
    const dir = workspace({ Dockerfile: ROOT_DOCKERFILE });
    const r = run(['check', '--no-color'], dir);
    expect(r.stdout).toContain('Dockerfile\n');
    expect(r.stdout).toContain('  2:6     warning The final stage switches to root as its last USER; switch to an unprivileged user  non-root-user · practice 4');
    expect(r.stdout).toContain('          | USER root\n          |      ^^^^\n');
    expect(r.stdout).toMatch(/\d+ findings? \(.*\) in 1 of 1 file\.\n\d+ hints? (is|are) advice, not listed above: add --hints to list (it|them) \(--format json lists every finding\)\.\n$/);
  });

  it('lists advice (hints) only with --hints; the summary counts it either way', () => {
    const dir = workspace({ Dockerfile: ROOT_DOCKERFILE });
    const plain = run(['check', '--no-color'], dir).stdout;
    const withHints = run(['check', '--no-color', '--hints'], dir).stdout;
    expect(plain).not.toMatch(/^ {2}\d+:\d+ +hint /m);
    expect(withHints).toMatch(/^ {2}1:1 {5}hint {4}The Dockerfile has no "# syntax=" directive/m);
    const summary = (s: string) => /^\d+ findings? \(.*\) in 1 of 1 file\.$/m.exec(s)?.[0];
    expect(summary(plain)).toBe(summary(withHints));
    expect(withHints).not.toContain('not listed above');
  });
});

describe('bulkhead check: exit codes and --fail-on', () => {
  it('exits 0 when nothing reaches the threshold and 1 when something does', () => {
    const dir = workspace({ Dockerfile: ROOT_DOCKERFILE });
    expect(run(['check', '--fail-on', 'error'], dir).code).toBe(0);
    expect(run(['check', '--fail-on', 'warning'], dir).code).toBe(1);
    // The default gate fails on errors only: a root USER is a warning.
    expect(run(['check'], dir).code).toBe(0);
    expect(run(['check'], workspace({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n' })).code).toBe(1);
    expect(run(['check', '--fail-on', 'never'], dir).code).toBe(0);
  });

  it('exits 0 for a file without warnings or errors', () => {
    const dir = workspace({ 'sub/Dockerfile': 'FROM scratch\nCOPY app /app\nUSER 10001\nENTRYPOINT ["/app"]\n' });
    const r = run(['check', 'sub', '--format', 'json'], dir);
    expect(JSON.parse(r.stdout).findings.filter((f: { severity: string }) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('usage errors exit 2 with a message', () => {
    const dir = workspace({});
    for (const argv of [['check', '--format', 'xml'], ['lint'], ['check', '--fail-on'], ['check', '--bogus']]) {
      const r = run(argv, dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^bulkhead: /);
    }
  });
});

describe('bulkhead check: files and directories', () => {
  it('walks directories by file name, skipping node_modules and .git', () => {
    const dir = workspace({
      'Dockerfile': ROOT_DOCKERFILE,
      'api/Dockerfile.prod': ROOT_DOCKERFILE,
      'api/worker.Dockerfile': ROOT_DOCKERFILE,
      'web/Containerfile': ROOT_DOCKERFILE,
      'deploy/compose.yaml': PRIVILEGED,
      'deploy/docker-compose.override.yml': PRIVILEGED,
      'deploy/compose.prod.yml': PRIVILEGED,
      'deploy/values.yaml': PRIVILEGED,
      'README.md': '# not analysed',
      'Dockerfile.md': '# docs about the Dockerfile',
      'node_modules/pkg/Dockerfile': ROOT_DOCKERFILE,
      '.git/Dockerfile': ROOT_DOCKERFILE,
    });
    const r = run(['check', '--format', 'json', '--fail-on', 'never'], dir);
    const files = [...new Set(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file))].sort();
    expect(files).toEqual(['Dockerfile', 'api/Dockerfile.prod', 'api/worker.Dockerfile', 'deploy/compose.prod.yml', 'deploy/compose.yaml', 'deploy/docker-compose.override.yml', 'web/Containerfile']);
    expect(r.code).toBe(0);
  });

  it('--kind forces the kind of explicit files; YAML with top-level services is Compose by content', () => {
    const dir = workspace({ 'stack.yml': PRIVILEGED, 'build.txt': ROOT_DOCKERFILE });
    const a = run(['check', 'stack.yml', '--format', 'json'], dir);
    expect(JSON.parse(a.stdout).findings.some((f: { rule: string }) => f.rule === 'no-privileged')).toBe(true);
    const b = run(['check', 'build.txt', '--format', 'json'], dir);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('build.txt: not recognised as a Dockerfile, Compose file or Dev Container configuration');
    const c = run(['check', 'build.txt', '--kind', 'dockerfile', '--format', 'json'], dir);
    expect(JSON.parse(c.stdout).findings.some((f: { rule: string }) => f.rule === 'non-root-user')).toBe(true);
  });

  it('an unreadable path exits 2 with a one-line reason, and the other files are still analysed', () => {
    const dir = workspace({ Dockerfile: ROOT_DOCKERFILE });
    const r = run(['check', 'missing/Dockerfile', 'Dockerfile', '--format', 'json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bulkhead: missing/Dockerfile: no such file or directory\n');
    expect(JSON.parse(r.stdout).findings.some((f: { file: string }) => f.file === 'Dockerfile')).toBe(true);
  });

  it('a file without read permission and a binary file are reported, exit 2', () => {
    const dir = workspace({ 'a/Dockerfile': ROOT_DOCKERFILE, 'b/Dockerfile': 'FROM x\0\0binary' });
    const locked = join(dir, 'a/Dockerfile');
    chmodSync(locked, 0o000);
    const r = run(['check', '--format', 'json'], dir);
    chmodSync(locked, 0o644);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('b/Dockerfile: binary file');
    if (process.getuid?.() !== 0) expect(r.stderr).toContain('a/Dockerfile: permission denied');
  });

  it('a linked directory (here a loop) is not entered: the walk finishes and finds each file once', () => {
    const dir = workspace({ 'app/Dockerfile': ROOT_DOCKERFILE });
    mkdirSync(join(dir, 'app/nested'));
    symlinkSync(join(dir, 'app'), join(dir, 'app/nested/loop'));
    const r = run(['check', '--format', 'json', '--fail-on', 'warning'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'non-root-user').map((f: { file: string }) => f.file)).toEqual(['app/Dockerfile']);
  });
});

describe('bulkhead rules', () => {
  it('lists every rule with its metadata as JSON', () => {
    const r = run(['rules', '--format', 'json'], process.cwd());
    const out = JSON.parse(r.stdout);
    expect(out.rules.map((x: { id: string }) => x.id)).toEqual(RULES.map((x) => x.meta.id));
    expect(out.rules[0]).toHaveProperty('docs.summary');
    expect(r.code).toBe(0);
  });

  it('prints help and version', () => {
    expect(run(['--help'], process.cwd()).stdout).toContain('Usage: bulkhead <command>');
    expect(run(['--version'], process.cwd()).stdout).toMatch(/^bulkhead \d+\.\d+\.\d+\n$/);
  });

  it('docs/cli.md documents exactly the options --help lists, with the same values', () => {
    const help = run(['--help'], process.cwd()).stdout;
    const doc = readFileSync(join(__dirname, '../../docs/cli.md'), 'utf8');
    const synopsis = /^```text\n(bulkhead check [\s\S]*?)```/m.exec(doc)?.[1];
    expect(synopsis, 'docs/cli.md opens with the synopsis in a text block').toBeDefined();
    // --help and --version are in the synopsis, and the help does not list itself.
    const options = (text: string) => [...new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]))].filter((o) => o !== '--help' && o !== '--version').sort();
    expect(options(synopsis!)).toEqual(options(help));
    expect(options(help)).toHaveLength(9);
    // Every option has a row in the options table, and the documented values are the accepted ones.
    for (const o of options(help)) expect(doc, o).toMatch(new RegExp(`^\\| [^|\\n]*\`(-\\w, )?${o}[ \`]`, 'm'));
    expect(synopsis).toContain('--format text|json|sarif|github');
    expect(help).toMatch(/text \(default\), json, sarif, or github/);
    expect(synopsis).toContain('--kind dockerfile|compose|devcontainer');
    expect(help).toMatch(/as dockerfile, compose\s+or devcontainer/);
    expect(run(['check', '--kind', 'devcontainer', 'x.json'], workspace({ 'x.json': '{ "image": "alpine:3.20", "privileged": true }\n' })).stdout).toContain('no-privileged');
  });
});

describe('the bundled bin', () => {
  it('dist/cli.js runs as `bulkhead`', async () => {
    const { execFileSync } = await import('node:child_process');
    const dir = workspace({ Dockerfile: ROOT_DOCKERFILE });
    writeFileSync(join(dir, 'compose.yaml'), PRIVILEGED);
    const cli = built('cli.js');
    let code = 0;
    let out = '';
    try {
      out = execFileSync(process.execPath, [cli, 'check', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    } catch (e) {
      const err = e as { status: number; stdout: string };
      code = err.status;
      out = err.stdout;
    }
    expect(code).toBe(1);
    expect(JSON.parse(out).findings.map((f: { rule: string }) => f.rule)).toContain('no-privileged');
  });
});
