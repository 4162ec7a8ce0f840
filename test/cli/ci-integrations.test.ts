import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv-draft-04';
import { parse } from 'yaml';
import { escapeData, escapeProperty, formatGithub } from '../../server/src/cli/format-github';
import { RULES } from '../../server/src/rules';
import { built } from '../helpers/bundle';
import { WAIT_MS } from '../helpers/hang-guard';
import { runCaptured as run, testWorkspaces } from '../helpers/cli';

/**
 * The CI integrations of docs/ci.md: SARIF against the SARIF 2.1.0 JSON schema (the copy that
 * @microsoft/jest-sarif ships), `--format github` against GitHub's workflow-command syntax and
 * escaping rules, the workflows on that page, and `.pre-commit-hooks.yaml` with the package
 * pre-commit installs.
 */

const root = new URL('../../', import.meta.url).pathname;
const require = createRequire(import.meta.url);

const workspace = testWorkspaces();

const FILES = {
  Dockerfile: 'FROM python:latest\nUSER root\nCOPY . .\nCMD ["python", "app.py"]\n',
  'compose.yaml': 'services:\n  web:\n    image: nginx\n    privileged: true\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
  'deploy/docker-compose.prod.yml': 'services:\n  api:\n    build: ..\n    network_mode: host\n',
};

describe('--format sarif: valid SARIF 2.1.0', () => {
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  // unicodeRegExp: false: one pattern in the schema (a language tag) is not valid with the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  const validate = ajv.compile(schema);

  it('the output for several files and findings validates against the schema', () => {
    const r = run(['check', '.', '--format', 'sarif'], workspace(FILES));
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    const ok = validate(sarif);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toEqual([]);
    expect(ok).toBe(true);
    expect(sarif.runs[0].results.length).toBeGreaterThan(3);
  });

  it('the schema check is real: a wrong level or a missing message fails it', () => {
    const sarif = JSON.parse(run(['check', '.', '--format', 'sarif'], workspace(FILES)).stdout);
    sarif.runs[0].results[0].level = 'fatal';
    expect(validate(sarif)).toBe(false);
    sarif.runs[0].results[0].level = 'error';
    delete sarif.runs[0].results[0].message;
    expect(validate(sarif)).toBe(false);
  });

  it('an empty result validates too, and every rule descriptor is there', () => {
    const r = run(['check', '.', '--format', 'sarif'], workspace({ 'README.md': '# nothing to check\n' }));
    const sarif = JSON.parse(r.stdout);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(sarif.runs[0].results).toEqual([]);
    expect(sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(RULES.map((x) => x.meta.id));
  });

  it('what code scanning needs: ruleId and ruleIndex, a relative artifact URI, a 1-based region', () => {
    const r = run(['check', '.', '--format', 'sarif'], workspace(FILES));
    const run0 = JSON.parse(r.stdout).runs[0];
    for (const res of run0.results) {
      expect(run0.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).not.toMatch(/^\/|^[a-z]+:/i);
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.region.startColumn).toBeGreaterThanOrEqual(1);
      expect(['error', 'warning', 'note']).toContain(res.level);
    }
    for (const rule of run0.tool.driver.rules) expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
  });
});

/** GitHub's workflow command: `::{command} {key}={value},...::{message}`, one per line. */
const COMMAND = /^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:\r\n]*)(?:,[a-zA-Z]+=[^,:\r\n]*)*)::(.*)$/;
const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

describe('--format github: GitHub Actions workflow commands', () => {
  it('one annotation per finding with file, line, col, endLine, endColumn and title; a plain summary last', () => {
    const dir = workspace(FILES);
    const r = run(['check', '.', '--format', 'github', '--hints'], dir);
    const json = JSON.parse(run(['check', '.', '--format', 'json'], dir).stdout) as { findings: { file: string; line: number; column: number; endLine: number; endColumn: number; rule: string; severity: string; message: string }[] };
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^Bulkhead: \d+ findings? in 3 files$/);
    const commands = lines.slice(0, -1);
    expect(commands).toHaveLength(json.findings.length);
    commands.forEach((line, i) => {
      const m = COMMAND.exec(line);
      expect(m, line).not.toBeNull();
      const [, command, props, message] = m!;
      const p = Object.fromEntries(props.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), unescapeProperty(kv.slice(kv.indexOf('=') + 1))]));
      expect(Object.keys(p)).toEqual(['file', 'line', 'col', 'endLine', 'endColumn', 'title']);
      const f = json.findings[i];
      expect(p).toMatchObject({ file: f.file, line: String(f.line), col: String(f.column), endLine: String(f.endLine), endColumn: String(f.endColumn) });
      expect(p.title).toBe(`Bulkhead ${f.rule}: ${RULES.find((x) => x.meta.id === f.rule)!.meta.title}`);
      expect(command).toBe({ error: 'error', warning: 'warning', info: 'notice', hint: 'notice' }[f.severity]);
      expect(unescapeData(message)).toMatch(new RegExp(`^${f.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(practice \\d+\\)$`));
    });
    expect(r.code).toBe(1);
  });

  it('annotates advice (hints) only with --hints, and counts it in the totals line', () => {
    const dir = workspace(FILES);
    const all = JSON.parse(run(['check', '.', '--format', 'json'], dir).stdout) as { findings: { severity: string }[] };
    const hints = all.findings.filter((f) => f.severity === 'hint').length;
    expect(hints).toBeGreaterThan(0);
    const lines = run(['check', '.', '--format', 'github'], dir).stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1)).toHaveLength(all.findings.length - hints);
    expect(lines.at(-1)).toBe(`Bulkhead: ${all.findings.length} findings in 3 files (${hints} hint${hints === 1 ? '' : 's'} not annotated: --hints)`);
  });

  it('escapes %, CR and LF in the message, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('dir,with:odd%name\n')).toBe('dir%2Cwith%3Aodd%25name%0A');
    const out = formatGithub(
      [{ path: 'we,ird:dir/Docker%file', text: '', findings: [{ ruleId: 'x-rule', messageId: 'm', practice: 4, severity: 'warning', message: 'line one\nline two: 50%', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, fixes: [] }] }],
      [],
    );
    const first = out.split('\n')[0];
    expect(first).toBe('::warning file=we%2Cird%3Adir/Docker%25file,line=1,col=1,endLine=1,endColumn=4,title=Bulkhead x-rule::line one%0Aline two: 50%25 (practice 4)');
    expect(COMMAND.test(first)).toBe(true);
  });

  it('is listed in --help and accepted by --format', () => {
    const dir = workspace({});
    expect(run(['--help'], dir).stdout).toMatch(/--format FORMAT\s+text \(default\), json, sarif, or github/);
    expect(run(['check', '--format', 'junit'], dir).stderr).toMatch(/text, json, sarif, github/);
  });
});

/** The fenced YAML block after an HTML marker comment in docs/ci.md. */
function docBlock(marker: string): unknown {
  const md = readFileSync(`${root}docs/ci.md`, 'utf8');
  const m = new RegExp(`<!-- ${marker} -->\\s*\`\`\`yaml\\n([\\s\\S]*?)\`\`\``).exec(md);
  expect(m, `docs/ci.md has a yaml block after <!-- ${marker} -->`).not.toBeNull();
  return parse(m![1]);
}

/** `npx bulkhead@<version> ` at the start of a documented command: the package's version, pinned. */
const NPX = new RegExp(`^npx bulkhead@${JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version.replace(/\./g, '\\.')} `);

interface Workflow {
  on: unknown;
  permissions?: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; permissions?: Record<string, string>; steps: { uses?: string; run?: string; with?: Record<string, unknown>; if?: string }[] }>;
}

describe('docs/ci.md: the documented workflows', () => {
  it('code scanning: installs Bulkhead, writes SARIF, uploads it with security-events: write', () => {
    const wf = docBlock('bulkhead:workflow:sarif') as Workflow;
    const job = Object.values(wf.jobs)[0];
    expect(job.permissions?.['security-events']).toBe('write');
    const steps = job.steps;
    const check = steps.findIndex((s) => NPX.test(s.run ?? '') && / check\b.*--format sarif.*> bulkhead\.sarif/.test(s.run ?? ''));
    const upload = steps.findIndex((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(steps.findIndex((s) => s.uses?.startsWith('actions/checkout@'))).toBe(0);
    expect(check).toBeGreaterThan(0);
    expect(upload).toBeGreaterThan(check);
    expect(steps[upload].with?.sarif_file).toBe('bulkhead.sarif');
    expect(steps[upload].if).toBe('always()');
  });

  it('annotations: runs bulkhead check --format github after checkout', () => {
    const wf = docBlock('bulkhead:workflow:github') as Workflow;
    const steps = Object.values(wf.jobs)[0].steps;
    expect(steps.some((s) => NPX.test(s.run ?? '') && / check \. --format github$/.test(s.run ?? ''))).toBe(true);
  });

  it('the commands in the workflows are ones the CLI accepts', () => {
    const runs = [docBlock('bulkhead:workflow:sarif'), docBlock('bulkhead:workflow:github')].flatMap((wf) => Object.values((wf as Workflow).jobs).flatMap((j) => j.steps.map((s) => s.run ?? '')));
    const dir = workspace({ 'compose.yaml': FILES['compose.yaml'] });
    const commands = runs.filter((r) => NPX.test(r));
    expect(commands).toHaveLength(2);
    for (const line of commands) {
      const argv = line.replace(NPX, '').replace(/\s*>.*$/, '').split(/\s+/);
      const r = run(argv, dir);
      expect(r.code, `${line}: ${r.stderr}`).toBeLessThan(2);
    }
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(`${root}.pre-commit-hooks.yaml`, 'utf8')) as Record<string, unknown>[];
  const hook = hooks.find((h) => h.id === 'bulkhead')!;
  // pre-commit evaluates these with Python's re.search; these patterns mean the same in JavaScript.
  const files = new RegExp(hook?.files as string);
  const exclude = new RegExp(hook?.exclude as string);
  const selected = (p: string) => files.test(p) && !exclude.test(p);

  it('defines the bulkhead hook with the keys pre-commit requires', () => {
    expect(Array.isArray(hooks)).toBe(true);
    expect(hook).toMatchObject({ id: 'bulkhead', name: expect.any(String), entry: 'bulkhead check', language: 'node' });
    expect(hook.types).toEqual(['file']);
    // `entry` names a bin of the package pre-commit installs.
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { bin: Record<string, string> };
    expect(Object.keys(pkg.bin)).toContain(String(hook.entry).split(' ')[0]);
  });

  it('selects Dockerfiles and Compose files by name, as the CLI does, and nothing else', () => {
    for (const p of ['Dockerfile', 'app/Dockerfile', 'Dockerfile.prod', 'api.Dockerfile', 'web.dockerfile', 'Containerfile', 'compose.yaml', 'deploy/compose.override.yml', 'docker-compose.yml', 'docker-compose.prod.yaml']) {
      expect(selected(p), p).toBe(true);
    }
    for (const p of ['README.md', 'Dockerfile.md', 'docs/Dockerfile.txt', 'Dockerfile.j2', 'src/app.py', 'mycompose.yaml', 'compose.json', '.github/workflows/ci.yml']) {
      expect(selected(p), p).toBe(false);
    }
  });

  it('the package npm installs for the hook holds the bin it runs', () => {
    built('cli.js');
    built('server.js');
    // The timeout is a hang guard (npm pack takes a second or two), not a speed check.
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', timeout: WAIT_MS });
    expect(r.status, r.stderr).toBe(0);
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/cli.js', 'dist/server.js']));
    expect(files.filter((f) => /^(server|client|test|scripts)\//.test(f) || f.endsWith('.map'))).toEqual([]);
  });
});
