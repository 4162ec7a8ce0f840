import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSearchDirs, findConfigFile, isIgnored, resolveConfig } from '../../server/src/engine/config-resolve';
import { mergeConfigs, parseConfigFile } from '../../server/src/engine/config-file';
import { lint } from '../../server/src/engine/lint';

const problems = (text: string) => parseConfigFile(text).problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`);

describe('.bulkhead.yaml', () => {
  it('reads severities, options, registries, ignore globs, failOn, maxFileSize and profile', () => {
    const { config, problems: p } = parseConfigFile(
      'rules:\n  no-privileged: warning\n  non-root-user:\n    severity: error\n    options:\n      nonRootImages: ["corp/base:*"]\ntrustedRegistries: [docker.io, "*.corp.example"]\nignore: [vendor/]\nfailOn: error\nmaxFileSize: 5000000\nprofile: strict\n',
    );
    expect(p).toEqual([]);
    expect(config).toEqual({
      rules: { 'no-privileged': 'warning', 'non-root-user': { severity: 'error', options: { nonRootImages: ['corp/base:*'] } } },
      trustedRegistries: ['docker.io', '*.corp.example'],
      ignore: ['vendor/'],
      failOn: 'error',
      maxFileSize: 5_000_000,
      profile: 'strict',
    });
  });

  it('reports each problem with its position and keeps the valid parts', () => {
    const text = 'rules:\n  no-privilegd: off\n  non-root-user: loud\n  no-privileged: {severity: off, options: {x: 1}}\nfailOn: sometimes\nextra: 1\nmaxFileSize: -3\nprofile: lenient\n';
    expect(problems(text)).toEqual([
      '2:3 unknown rule "no-privilegd" (run "bulkhead rules" for the list)',
      '3:18 rule "non-root-user": severity must be one of off, hint, info, warning, error (got "loud")',
      '4:44 rule "no-privileged" has no option "x"',
      '5:9 "failOn" must be one of error, warning, info, never (got "sometimes")',
      '6:1 unknown key "extra" (expected one of rules, trustedRegistries, ignore, failOn, maxFileSize, profile)',
      '7:14 "maxFileSize" must be a positive whole number of characters (got "-3")',
      '8:10 "profile" must be one of default, strict (got "lenient")',
    ]);
    expect(parseConfigFile(text).config.rules).toEqual({ 'no-privileged': { severity: 'off' } });
  });

  it('a file that is not YAML yields one problem and the defaults', () => {
    const r = parseConfigFile('rules: [\n');
    expect(r.config).toEqual({});
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].message).toMatch(/^not valid YAML: /);
    expect(parseConfigFile('- a\n- b\n').problems[0].message).toMatch(/must be a mapping/);
    expect(parseConfigFile('').problems).toEqual([]);
  });

  it('is plain data: custom tags are not evaluated', () => {
    const r = parseConfigFile('failOn: !!js/function "function(){}"\n');
    expect(r.config.failOn).toBeUndefined();
    expect(r.problems.length).toBeGreaterThan(0);
  });

  it('turns rules off and changes severities in lint()', () => {
    const text = 'services:\n  web:\n    privileged: true\n';
    const { config } = parseConfigFile('rules:\n  no-privileged: warning\n');
    expect(lint({ kind: 'compose', text }, config).find((f) => f.ruleId === 'no-privileged')?.severity).toBe('warning');
    const off = parseConfigFile('rules:\n  no-privileged: off\n').config;
    expect(lint({ kind: 'compose', text }, off).some((f) => f.ruleId === 'no-privileged')).toBe(false);
  });

  it('later configurations win per rule and per key', () => {
    expect(mergeConfigs({ rules: { a: 'off', b: 'error' }, failOn: 'info' }, { rules: { a: 'warning' } })).toEqual({ rules: { a: 'warning', b: 'error' }, failOn: 'info' });
  });
});

describe('config discovery and ignore globs', () => {
  it('looks upward from the file, nearest first, up to the first boundary folder', () => {
    expect(configSearchDirs('/a/b/Dockerfile', (d) => d === '/')).toEqual(['/a/b', '/a', '/']);
    expect(configSearchDirs('/a/b/Dockerfile', (d) => d === '/a')).toEqual(['/a/b', '/a']);
    const files: Record<string, string> = { '/a/.bulkhead.yaml': 'x', '/.bulkhead.yml': 'y' };
    const all = { read: (p: string) => files[p], isBoundary: (d: string) => d === '/' };
    expect(findConfigFile('/a/b/c/Dockerfile', all)).toEqual({ path: '/a/.bulkhead.yaml', text: 'x' });
    expect(findConfigFile('/z/Dockerfile', all)).toEqual({ path: '/.bulkhead.yml', text: 'y' });
  });

  it('never looks above a boundary (workspace folder, repository root), and without one only next to the file', () => {
    const files: Record<string, string> = { '/home/.bulkhead.yaml': 'ignore: ["**"]\nfailOn: never\n', '/home/repo/sub/.bulkhead.yml': 'failOn: error\n' };
    const read = (p: string) => files[p];
    // A configuration above the repository root does not apply.
    expect(resolveConfig('/home/repo/Dockerfile', { read, isBoundary: (d) => d === '/home/repo' })).toEqual({ file: null, config: {}, ignored: false });
    expect(resolveConfig('/home/repo/sub/x/Dockerfile', { read, isBoundary: (d) => d === '/home/repo' }).config).toEqual({ failOn: 'error' });
    // No boundary anywhere above: only the file's own folder counts.
    expect(resolveConfig('/home/other/Dockerfile', { read, isBoundary: () => false }).file).toBeNull();
    expect(resolveConfig('/home/Dockerfile', { read, isBoundary: () => false }).ignored).toBe(true);
    // A folder's own configuration, and settings that win key by key.
    expect(resolveConfig('/home/repo/sub', { read, isBoundary: (d) => d === '/home/repo' }, { directory: true, overrides: { maxFileSize: 9 } }).config).toEqual({ failOn: 'error', maxFileSize: 9 });
  });

  it('matches globs relative to the config directory, gitignore-style', () => {
    const cfg = '/repo/.bulkhead.yaml';
    expect(isIgnored('/repo/vendor/x/Dockerfile', cfg, ['vendor/'])).toBe(true);
    expect(isIgnored('/repo/src/vendor/Dockerfile', cfg, ['vendor/**'])).toBe(false);
    expect(isIgnored('/repo/src/testdata/Dockerfile', cfg, ['testdata'])).toBe(true);
    expect(isIgnored('/repo/deploy/compose.dev.yaml', cfg, ['*.dev.yaml'])).toBe(true);
    expect(isIgnored('/repo/deploy/compose.yaml', cfg, ['*.dev.yaml'])).toBe(false);
    expect(isIgnored('/other/Dockerfile', cfg, ['**'])).toBe(false);
  });
});

describe('the README documents the configuration truthfully', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

  it('its .bulkhead.yaml example parses with no problem and sets every top-level key', () => {
    const example = /### `\.bulkhead\.yaml`[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const { config, problems: p } = parseConfigFile(example!);
    expect(p).toEqual([]);
    expect(Object.keys(config).sort()).toEqual(['failOn', 'ignore', 'maxFileSize', 'profile', 'rules', 'trustedRegistries']);
  });

  it('its settings table lists every setting the extension contributes, with its default', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
    const settings = pkg.contributes.configuration.properties as Record<string, { default: unknown }>;
    for (const [key, spec] of Object.entries(settings)) expect(readme, key).toContain(`| \`${key}\` | \`${JSON.stringify(spec.default).replace(/^"|"$/g, '')}\` |`);
  });
});
