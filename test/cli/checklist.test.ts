import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRACTICES } from '../../server/src/shared/practices';
import { RULES } from '../../server/src/rules';
import { runCaptured as run, testWorkspaces } from '../helpers/cli';

const workspace = testWorkspaces();

interface JsonPractice {
  practice: number;
  group: string;
  title: string;
  status: string;
  review: string;
  fingerprint: string;
  findings: { file: string; line: number; rule: string; practice: number }[];
  suppressed: unknown[];
  overrides: unknown[];
}
const json = (stdout: string) =>
  JSON.parse(stdout) as { version: number; files: string[]; counts: Record<string, number>; practices: JsonPractice[]; configuration: { overrides: unknown[]; fileIgnores: unknown[] } };
const byNumber = (out: ReturnType<typeof json>, n: number) => out.practices.find((p) => p.practice === n)!;

const PRIVILEGED = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
const ROOT_DOCKERFILE = 'FROM alpine:3.20\nUSER root\n';
const GOOD_DOCKERFILE = 'FROM alpine:3.20\nUSER 10001\n';

describe('bulkhead checklist', () => {
  it('markdown by default: score heading, summary table, findings in details blocks with file:line links; exit 0 despite findings', () => {
    const dir = workspace({ Dockerfile: ROOT_DOCKERFILE, 'deploy/compose.yaml': PRIVILEGED });
    const r = run(['checklist'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^## Docker security practices: \d+\/20 passed\n\nChecked 2 files: \d+ with findings, /);
    expect(r.stdout).toContain('| Practice | Status | Errors | Warnings | Info | Hints | Ignored |\n');
    expect(r.stdout).toContain('| 3. Privileged | ❌ 1 finding | 1 |  |  |  |  |\n');
    expect(r.stdout).toMatch(/^<details><summary>❌ 3\. Privileged: 1 finding<\/summary>\n\n- ❌ error \[deploy\/compose\.yaml:4\]\(deploy\/compose\.yaml#L4\) `no-privileged`: Service "web" runs privileged/m);
    expect(r.stdout).toContain('- ⚠️ warning [Dockerfile:2](Dockerfile#L2) `non-root-user`: The final stage switches to root');
    expect(r.stdout).toMatch(/^- \[ \] \*\*12\. Image scan\*\*: Image scanning /m);
    expect(r.stdout).not.toContain('[x]');
  });

  it('json (version 2): every practice with group, title, status, review, fingerprint, severities, findings, suppressed and overrides', () => {
    const dir = workspace({ Dockerfile: ROOT_DOCKERFILE, 'compose.yaml': PRIVILEGED });
    const r = run(['checklist', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.version).toBe(2);
    expect(out.files).toEqual(['Dockerfile', 'compose.yaml']);
    expect(out.practices.map((p) => p.practice)).toEqual(PRACTICES.map((p) => p.number));
    for (const p of out.practices) {
      expect(Object.keys(p).sort()).toEqual(['findings', 'fingerprint', 'group', 'overrides', 'practice', 'review', 'severities', 'short', 'status', 'suppressed', 'title', 'unchecked']);
      expect(['findings', 'passed', 'partly-checked', 'not-applicable', 'needs-person']).toContain(p.status);
      expect(p.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(p.findings.length > 0).toBe(p.status === 'findings');
    }
    expect(byNumber(out, 3)).toMatchObject({ group: 'host', title: 'Avoid privileged containers', status: 'findings', severities: { error: 1, warning: 0, info: 0, hint: 0 } });
    expect(byNumber(out, 3).findings[0]).toMatchObject({ file: 'compose.yaml', line: 4, column: 5, rule: 'no-privileged', practice: 3, severity: 'error' });
    expect(byNumber(out, 4).findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual(['Dockerfile:2 non-root-user']);
    expect(byNumber(out, 12).status).toBe('needs-person');
    expect(out.counts.findings + out.counts.passed + out.counts.partlyChecked + out.counts.notApplicable + out.counts.needsPerson).toBe(20);
    expect(out.configuration).toEqual({ overrides: [], fileIgnores: [] });
  });

  it('json: suppressed findings with the comment and its reason, overrides with the .bulkhead.yaml that set them', () => {
    const dir = workspace({
      '.bulkhead.yaml': 'rules:\n  bind-ports-to-localhost: off\n',
      'compose.yaml': '# bulkhead-ignore-file read-only-root-filesystem\nservices:\n  web:\n    image: nginx:1.27\n    user: "1"\n    # bulkhead-ignore no-privileged -- Docker-in-Docker\n    privileged: true\n    ports: ["80:80"]\n',
    });
    const out = json(run(['checklist', '--format', 'json'], dir).stdout);
    expect(byNumber(out, 3).suppressed).toEqual([
      expect.objectContaining({ file: 'compose.yaml', line: 7, rule: 'no-privileged', severity: 'error', ignore: { kind: 'line', line: 6, reason: 'Docker-in-Docker' } }),
    ]);
    expect(byNumber(out, 6)).toMatchObject({
      status: 'partly-checked',
      overrides: [{ rule: 'bind-ports-to-localhost', practice: 6, setting: 'off', default: 'info', effect: 'off', source: { kind: 'config-file', file: '.bulkhead.yaml' } }],
    });
    expect(out.configuration.fileIgnores).toEqual([{ file: 'compose.yaml', line: 1, rules: ['read-only-root-filesystem'], reason: null }]);
  });

  it('a Dockerfile-only workspace: Compose-only practices are not applicable; fixed ones pass', () => {
    const dir = workspace({ 'app/Dockerfile': GOOD_DOCKERFILE });
    const out = json(run(['checklist', '-f', 'json'], dir).stdout);
    expect(byNumber(out, 4).status).toBe('passed');
    expect(byNumber(out, 5).status).toBe('not-applicable'); // resource limits live in Compose files
    expect(byNumber(out, 12).status).toBe('needs-person');
  });

  it('an empty directory: what no file can show needs a person, the rest is not applicable', () => {
    const dir = workspace({ 'README.md': '# nothing here\n' });
    const out = json(run(['checklist', '--format=json'], dir).stdout);
    expect(out.files).toEqual([]);
    expect(out.practices.filter((p) => p.status === 'needs-person').map((p) => p.practice)).toEqual([1, 12, 15, 17]);
    expect(out.practices.filter((p) => p.status !== 'needs-person').every((p) => p.status === 'not-applicable')).toBe(true);
  });

  it('uses the configuration: ignore globs, turned-off rules and trustedRegistries', () => {
    const dir = workspace({
      '.bulkhead.yaml': 'ignore: [vendor/]\ntrustedRegistries: [docker.io]\nrules:\n  no-privileged: off\n',
      'compose.yaml': PRIVILEGED,
      'vendor/Dockerfile': ROOT_DOCKERFILE,
    });
    const out = json(run(['checklist', '--format', 'json'], dir).stdout);
    expect(out.files).toEqual(['compose.yaml']);
    expect(byNumber(out, 4).findings).toEqual([]);
    expect(byNumber(out, 3).findings).toEqual([]);
    // With an allow-list, practice 15 is up to its rules; with none written yet, a person still looks.
    const registryRules = RULES.some((r) => r.meta.practice === 15);
    expect(byNumber(out, 15).status).toBe(registryRules ? 'passed' : 'needs-person');
    if (!registryRules) expect(byNumber(out, 15).review).toMatch(/^No enabled Bulkhead rule checks this practice/);
  });

  it('the example workspace renders', () => {
    const r = run(['checklist', 'examples'], `${__dirname}/../..`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\((examples\/insecure\/compose\.yaml#L|https:\/\/[^)]*\/examples\/insecure\/compose\.yaml#L)/);
  });

  it('links point at the forge when the working directory is a git checkout with a known remote', () => {
    const sha = '0123456789abcdef0123456789abcdef01234567';
    const dir = workspace({
      'svc/compose.yaml': PRIVILEGED,
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/packed-refs': `${sha} refs/heads/main\n`,
      '.git/config': '[remote "origin"]\n\turl = git@gitlab.com:acme/platform/shop.git\n',
    });
    const md = run(['checklist'], `${dir}/svc`).stdout;
    expect(md).toContain(`[compose.yaml:4](https://gitlab.com/acme/platform/shop/-/blob/${sha}/svc/compose.yaml#L4)`);
    expect(md).toMatch(/^Checked 1 file at commit \[`0123456`\]\(https:\/\/gitlab\.com\/acme\/platform\/shop\/-\/commit\/0123456789abcdef0123456789abcdef01234567\): /m);
    expect(json(run(['checklist', '-f', 'json'], `${dir}/svc`).stdout)).toMatchObject({ commit: sha });
  });

  it('a pull-request-sized export: under 8 KB for a 12-file workspace with relative links', () => {
    const r = run(['checklist'], `${__dirname}/../fixtures/checklist-pr`);
    expect(r.stdout).toMatch(/^Checked 12 files: /m);
    expect(Buffer.byteLength(r.stdout)).toBeLessThan(8 * 1024);
  });

  it('exit 2 on usage errors and unreadable paths; the checklist is still written for the rest', () => {
    const dir = workspace({ Dockerfile: GOOD_DOCKERFILE });
    expect(run(['checklist', '--format', 'sarif'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be one of markdown, json') });
    expect(run(['checklist', '--fail-on', 'error'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option for "checklist": --fail-on') });
    const r = run(['checklist', 'Dockerfile', 'missing/compose.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bulkhead: missing/compose.yaml: no such file or directory\n');
    expect(r.stdout).toContain('Checked 1 file: ');
  });

  it('the excerpt in docs/checklist.md is what `bulkhead checklist examples/` prints, line for line (elisions aside)', () => {
    const root = join(__dirname, '../..');
    const doc = readFileSync(join(root, 'docs/checklist.md'), 'utf8');
    const excerpt = /An excerpt of `bulkhead checklist examples\/`[\s\S]*?```markdown\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(excerpt, 'docs/checklist.md has the excerpt in a markdown block').toBeDefined();
    // The repository's examples/, copied outside any git checkout so the links stay relative.
    const files: Record<string, string> = {};
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else files[relative(root, p)] = readFileSync(p, 'utf8');
      }
    };
    walk(join(root, 'examples'));
    const r = run(['checklist', 'examples/'], workspace(files));
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    // Each run of lines between two "…" is a contiguous block of the output, and the blocks come in order.
    let from = 0;
    for (const block of excerpt!.split(/^…\n/m).map((b) => b.replace(/\n$/, '').split('\n'))) {
      const at = out.findIndex((_, i) => i >= from && block.every((l, k) => out[i + k] === l));
      expect(at, `not in the output, in this order:\n${block.join('\n')}`).toBeGreaterThanOrEqual(0);
      from = at + block.length;
    }
  });
});
