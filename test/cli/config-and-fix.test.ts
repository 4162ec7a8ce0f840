import { readFileSync, statSync, chmodSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCaptured as run, testWorkspaces } from '../helpers/cli';

const workspace = testWorkspaces();

const PRIVILEGED = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
const rulesOf = (stdout: string, id: string) => JSON.parse(stdout).findings.filter((f: { rule: string }) => f.rule === id);

describe('configuration in the CLI', () => {
  it('uses the nearest .bulkhead.yaml above each file', () => {
    const dir = workspace({
      '.bulkhead.yaml': 'rules:\n  no-privileged: warning\n',
      'a/compose.yaml': PRIVILEGED,
      'b/.bulkhead.yaml': 'rules:\n  no-privileged: off\n',
      'b/compose.yaml': PRIVILEGED,
    });
    const r = run(['check', '--format', 'json', '--fail-on', 'never'], dir);
    expect(rulesOf(r.stdout, 'no-privileged').map((f: { file: string; severity: string }) => `${f.file} ${f.severity}`)).toEqual(['a/compose.yaml warning']);
    expect(r.code).toBe(0);
  });

  it('--config replaces discovery; failOn comes from the file unless --fail-on is given', () => {
    const dir = workspace({ 'compose.yaml': PRIVILEGED, 'ci/bulkhead.yaml': 'failOn: never\n' });
    expect(run(['check', '--config', 'ci/bulkhead.yaml'], dir).code).toBe(0);
    expect(run(['check', '--config', 'ci/bulkhead.yaml', '--fail-on', 'error'], dir).code).toBe(1);
  });

  it('ignore globs skip files in directory walks', () => {
    const dir = workspace({ '.bulkhead.yaml': 'ignore: [vendor/, "*.test.yaml"]\n', 'vendor/compose.yaml': PRIVILEGED, 'compose.test.yaml': PRIVILEGED, 'compose.yaml': PRIVILEGED });
    const files = [...new Set(JSON.parse(run(['check', '--format', 'json'], dir).stdout).findings.map((f: { file: string }) => f.file))];
    expect(files).toEqual(['compose.yaml']);
  });

  it('a malformed config is reported with file:line:column, analysis goes on with defaults, exit 2', () => {
    const dir = workspace({ '.bulkhead.yaml': 'rules:\n  no-such-rule: off\n', 'compose.yaml': PRIVILEGED });
    const r = run(['check', '--format', 'json'], dir);
    expect(r.stderr).toBe('bulkhead: .bulkhead.yaml:2:3: unknown rule "no-such-rule" (run "bulkhead rules" for the list)\n');
    expect(rulesOf(r.stdout, 'no-privileged')).toHaveLength(1);
    expect(r.code).toBe(2);
  });
});

describe('--fix and --fix-dry-run', () => {
  const STALE = 'FROM alpine:3.22\r\n# bulkhead-ignore no-privileged,non-root-user -- base image is root-free\r\nUSER 10001\r\n';

  it('--fix-dry-run prints a unified diff and changes nothing', () => {
    const dir = workspace({ Dockerfile: STALE });
    const r = run(['check', '--fix-dry-run'], dir);
    // Each line keeps its own CRLF ending, so that `git apply` and `patch` accept the diff.
    expect(r.stdout).toBe('--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,2 @@\n FROM alpine:3.22\r\n-# bulkhead-ignore no-privileged,non-root-user -- base image is root-free\r\n USER 10001\r\n');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(STALE);
    expect(r.code).toBe(0);
  });

  it('--fix writes safe fixes in place, keeps line endings and the file mode, and reports what it did', () => {
    const dir = workspace({ Dockerfile: STALE });
    chmodSync(join(dir, 'Dockerfile'), 0o640);
    const r = run(['check', '--fix', '--format', 'json'], dir);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM alpine:3.22\r\nUSER 10001\r\n');
    expect(statSync(join(dir, 'Dockerfile')).mode & 0o777).toBe(0o640);
    expect(r.stderr).toBe('bulkhead: Dockerfile: applied 2 fixes\n');
    expect(rulesOf(r.stdout, 'ignore-comment')).toEqual([]);
    // No temporary file is left behind.
    expect(readdirSync(dir)).toEqual(['Dockerfile']);
  });

  it('never touches a file that does not parse', () => {
    const broken = 'services:\n  web: [\n# bulkhead-ignore made-up\n';
    const dir = workspace({ 'compose.yaml': broken });
    const r = run(['check', '--fix'], dir);
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(broken);
    expect(r.stderr).toContain('compose.yaml: not fixed: the file does not parse');
  });

  it('leaves suggestion fixes alone', () => {
    const dir = workspace({ 'compose.yaml': PRIVILEGED });
    run(['check', '--fix'], dir);
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(PRIVILEGED);
  });
});
