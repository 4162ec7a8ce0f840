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
}
const json = (stdout: string) => JSON.parse(stdout) as { version: number; files: string[]; counts: Record<string, number>; practices: JsonPractice[] };
const byNumber = (out: ReturnType<typeof json>, n: number) => out.practices.find((p) => p.practice === n)!;

const PRIVILEGED = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
const ROOT_DOCKERFILE = 'FROM alpine:3.20\nUSER root\n';
const GOOD_DOCKERFILE = 'FROM alpine:3.20\nUSER 10001\n';

describe('bulkhead checklist', () => {
  it('markdown by default: score heading, groups, findings as file:line links; exit 0 despite findings', () => {
    const dir = workspace({ Dockerfile: ROOT_DOCKERFILE, 'deploy/compose.yaml': PRIVILEGED });
    const r = run(['checklist'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^## Docker security practices: \d+\/20 passed\n\nChecked 2 files: /);
    expect(r.stdout).toContain('### Docker and host configuration\n');
    expect(r.stdout).toContain('### Securing images\n');
    expect(r.stdout).toContain('### Container monitoring\n');
    expect(r.stdout).toMatch(/^- \[ \] \*\*3\. Avoid privileged containers\*\* — ❌ 1 finding\n {2}- \[deploy\/compose\.yaml:4\]\(deploy\/compose\.yaml#L4\) `no-privileged` — Service "web" runs privileged/m);
    expect(r.stdout).toContain('  - [Dockerfile:2](Dockerfile#L2) `non-root-user` — The final stage switches to root');
    expect(r.stdout).toMatch(/^- \[ \] \*\*12\. Test and verify images\*\* — 👤 needs a person\n {2}- Review: Image scanning /m);
    expect(r.stdout).not.toContain('[x]');
  });

  it('json (version 1): every practice with group, title, status, review, fingerprint and check-style findings', () => {
    const dir = workspace({ Dockerfile: ROOT_DOCKERFILE, 'compose.yaml': PRIVILEGED });
    const r = run(['checklist', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.version).toBe(1);
    expect(out.files).toEqual(['Dockerfile', 'compose.yaml']);
    expect(out.practices.map((p) => p.practice)).toEqual(PRACTICES.map((p) => p.number));
    for (const p of out.practices) {
      expect(Object.keys(p).sort()).toEqual(['findings', 'fingerprint', 'group', 'practice', 'review', 'status', 'title']);
      expect(['findings', 'passed', 'not-applicable', 'needs-person']).toContain(p.status);
      expect(p.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(p.findings.length > 0).toBe(p.status === 'findings');
    }
    expect(byNumber(out, 3)).toMatchObject({ group: 'host', title: 'Avoid privileged containers', status: 'findings' });
    expect(byNumber(out, 3).findings[0]).toMatchObject({ file: 'compose.yaml', line: 4, column: 5, rule: 'no-privileged', practice: 3, severity: 'error' });
    expect(byNumber(out, 4).findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual(['Dockerfile:2 non-root-user']);
    expect(byNumber(out, 12).status).toBe('needs-person');
    expect(out.counts.findings + out.counts.passed + out.counts.notApplicable + out.counts.needsPerson).toBe(20);
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
    expect(r.stdout).toContain('(examples/insecure/compose.yaml#L');
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
});
