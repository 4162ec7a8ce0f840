import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCaptured as run, testWorkspaces } from '../helpers/cli';

const workspace = testWorkspaces();

/**
 * The shipped examples are what a new user runs first (`npx bulkhead check examples/`): the hardened
 * one must be clean under the strictest reading (every severity, hints included, the strict profile
 * too, and the build context listed as the CLI lists it), and the insecure one must keep its errors.
 */

const root = join(__dirname, '../..');
const findings = (stdout: string) => (JSON.parse(stdout) as { findings: { file: string; rule: string; severity: string }[] }).findings;

describe('examples/', () => {
  it('examples/hardened has no finding at all, not even a hint', () => {
    const r = run(['check', 'examples/hardened', '--format', 'json', '--fail-on', 'info'], root);
    expect(findings(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('examples/hardened stays clean under the strict profile (one finding per setting)', () => {
    const config = join(workspace({ '.bulkhead.yaml': 'profile: strict\n' }), '.bulkhead.yaml');
    const r = run(['check', 'examples/hardened', '--format', 'json', '--config', config], root);
    expect(r.stderr).toBe('');
    expect(findings(r.stdout)).toEqual([]);
  });

  it('examples/insecure keeps its errors, and the default gate fails on them', () => {
    const r = run(['check', 'examples/insecure', '--format', 'json'], root);
    expect(r.code).toBe(1);
    const errors = findings(r.stdout).filter((f) => f.severity === 'error').map((f) => `${f.file} ${f.rule}`);
    expect(errors).toContain('examples/insecure/Dockerfile no-hardcoded-secrets');
    expect(errors).toContain('examples/insecure/compose.yaml no-privileged');
    expect(errors).toContain('examples/insecure/compose.yaml no-docker-socket-mount');
  });
});
