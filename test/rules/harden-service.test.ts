import { describe, expect, it } from 'vitest';
import { lint } from '../../server/src/engine/lint';
import { unfoldFindings } from '../../server/src/engine/fold-advice';
import rule from '../../server/src/rules/harden-service';
import type { Finding, LintConfig } from '../../server/src/core/types';
import { at } from '../helpers/rule-tester';

/**
 * `harden-service` is built by the engine from the advice of other rules, so it is tested through
 * `lint` with the whole registry rather than with the one-rule tester.
 */

/** End-of-life data is compared with a fixed date, so the expected lists do not change with the clock. */
const compose = (text: string, config: LintConfig = {}) => lint({ kind: 'compose', text, uri: '/work/project/compose.yaml' }, { now: new Date('2026-01-15'), ...config });
const show = (fs: Finding[]) => fs.map((f) => `${at(f.range)} ${f.severity} ${f.ruleId}`);

const BARE = 'services:\n  api:\n    image: ghcr.io/acme/api:2.3\n';

describe('harden-service (default profile)', () => {
  it('folds the advice on a service key into one hint; the memory-limit risk stays a warning of its own', () => {
    const findings = compose(BARE);
    expect(show(findings)).toEqual(['2:3-2:6 hint harden-service', '2:3-2:6 warning require-resource-limits']);
    const group = findings[0];
    expect(group.message).toBe('Service "api" lacks 4 hardening settings: cap_drop: [ALL], read_only: true, a healthcheck, no-new-privileges:true');
    expect(group.practice).toBe(18);
    expect(group.members!.map((m) => `${m.ruleId}/${m.messageId} ${m.severity} p${m.practice}`)).toEqual([
      'drop-all-capabilities/missing hint p9',
      'read-only-root-filesystem/missing hint p8',
      'require-healthcheck/image hint p17',
      'require-no-new-privileges/missing hint p18',
    ]);
    // Every member keeps its own message and fixes, on the group's range.
    for (const m of group.members!) expect(m.range).toEqual(group.range);
    expect(group.members![0].message).toBe('Service "api" keeps Docker\'s default capabilities; add "cap_drop: [ALL]" and add back only what it needs with "cap_add"');
  });

  it('offers "Harden service" once, first, then the fixes the combined one does not cover', () => {
    const [group] = compose(BARE);
    expect(group.fixes.map((f) => f.title)).toEqual([
      'Harden service "api" (read_only, tmpfs, cap_drop: ALL, no-new-privileges)',
      'Add a healthcheck with a placeholder test',
    ]);
  });

  it('names CPU and PIDs limits as a gap once a memory limit is set', () => {
    const text = 'services:\n  db:\n    image: postgres:17.2\n    mem_limit: 1g\n    read_only: true\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:true]\n';
    const findings = compose(text);
    expect(show(findings)).toEqual(['2:3-2:5 hint harden-service']);
    expect(findings[0].message).toBe('Service "db" lacks 2 hardening settings: a healthcheck, CPU and PIDs limits');
    expect(findings[0].fixes.map((f) => f.title)).toEqual(['Add the usual healthcheck for "postgres:17.2"', 'Add placeholder limits (cpus: "0.50", pids_limit: 256)']);
  });

  it('leaves advice that is not on a service key (a published port) as a hint of its own', () => {
    const findings = compose('services:\n  web:\n    image: ghcr.io/acme/web:1.4\n    ports:\n      - "8080:80"\n');
    expect(show(findings)).toEqual(['2:3-2:6 hint harden-service', '2:3-2:6 warning require-resource-limits', '5:9-5:18 hint bind-ports-to-localhost']);
  });

  it('a fully hardened service gets nothing (the good example)', () => {
    expect(compose(rule.meta.examples.good[0].code)).toEqual([]);
    expect(compose(rule.meta.examples.bad[0].code).map((f) => f.ruleId)).toContain('harden-service');
  });

  it('the checklist view of the findings unfolds the group into its members, each under its practice', () => {
    expect(unfoldFindings(compose(BARE)).map((f) => `${f.ruleId} p${f.practice}`)).toEqual([
      'drop-all-capabilities p9',
      'read-only-root-filesystem p8',
      'require-healthcheck p17',
      'require-no-new-privileges p18',
      'require-resource-limits p5',
    ]);
  });
});

describe('harden-service and the configuration', () => {
  it('the strict profile shows each setting as its own finding at the rule\'s severity, and no group', () => {
    expect(show(compose(BARE, { profile: 'strict' }))).toEqual([
      '2:3-2:6 info drop-all-capabilities',
      '2:3-2:6 info read-only-root-filesystem',
      '2:3-2:6 info require-healthcheck',
      '2:3-2:6 info require-no-new-privileges',
      '2:3-2:6 warning require-resource-limits',
    ]);
  });

  it('a rule given a severity is shown on its own at that severity; the rest stay folded', () => {
    const findings = compose(BARE, { rules: { 'drop-all-capabilities': 'warning' } });
    expect(show(findings)).toEqual(['2:3-2:6 warning drop-all-capabilities', '2:3-2:6 hint harden-service', '2:3-2:6 warning require-resource-limits']);
    expect(findings[1].members!.map((m) => m.ruleId)).toEqual(['read-only-root-filesystem', 'require-healthcheck', 'require-no-new-privileges']);
  });

  it('harden-service given a severity shows the group at it; turned off, the members are hints of their own', () => {
    expect(show(compose(BARE, { rules: { 'harden-service': 'info' } }))).toEqual(['2:3-2:6 info harden-service', '2:3-2:6 warning require-resource-limits']);
    expect(show(compose(BARE, { rules: { 'harden-service': 'off' } }))).toEqual([
      '2:3-2:6 hint drop-all-capabilities',
      '2:3-2:6 hint read-only-root-filesystem',
      '2:3-2:6 hint require-healthcheck',
      '2:3-2:6 hint require-no-new-privileges',
      '2:3-2:6 warning require-resource-limits',
    ]);
  });

  it('a rule turned off is not in the group', () => {
    const [group] = compose(BARE, { rules: { 'require-healthcheck': 'off' } });
    expect(group.message).toBe('Service "api" lacks 3 hardening settings: cap_drop: [ALL], read_only: true, no-new-privileges:true');
  });
});

describe('harden-service and bulkhead-ignore comments', () => {
  it('an ignore of harden-service above the service suppresses the group, and is not reported as unused', () => {
    const text = 'services:\n  # bulkhead-ignore harden-service -- a throwaway debug container\n  api:\n    image: ghcr.io/acme/api:2.3\n';
    expect(show(compose(text))).toEqual(['3:3-3:6 warning require-resource-limits']);
  });

  it('an ignore of one folded rule takes that gap out of the group only', () => {
    const text = 'services:\n  # bulkhead-ignore drop-all-capabilities -- the entrypoint needs CHOWN and SETUID\n  api:\n    image: ghcr.io/acme/api:2.3\n';
    const findings = compose(text);
    expect(show(findings)).toEqual(['3:3-3:6 hint harden-service', '3:3-3:6 warning require-resource-limits']);
    expect(findings[0].message).toBe('Service "api" lacks 3 hardening settings: read_only: true, a healthcheck, no-new-privileges:true');
  });

  it('an ignore of harden-service on a service with nothing to fold is reported as unused', () => {
    const text =
      'services:\n  # bulkhead-ignore harden-service\n  api:\n    image: ghcr.io/acme/api:2.3\n    read_only: true\n    cap_drop: [ALL]\n' +
      '    security_opt: [no-new-privileges:true]\n    mem_limit: 1g\n    cpus: 1\n    pids_limit: 100\n    healthcheck:\n      test: ["CMD", "/app/check"]\n';
    expect(show(compose(text))).toEqual(['2:21-2:35 info ignore-comment']);
  });
});

describe('version 1 Compose files are analysed like any other', () => {
  it('the jessfraz/openvpn shape: host network, a capability, advice folded per service', () => {
    const text = 'vpn:\n  build: .\n  volumes:\n    - .:/etc/openvpn\n  net: host\n  devices:\n    - /dev/net/tun:/dev/net/tun\n  cap_add:\n    - NET_ADMIN\n';
    expect(show(compose(text))).toEqual([
      '1:1-1:4 hint harden-service',
      '1:1-1:4 hint no-obsolete-compose-version',
      '1:1-1:4 warning require-resource-limits',
      '5:3-5:12 error no-host-namespaces',
      '9:7-9:16 error no-dangerous-capabilities',
    ]);
  });
});

describe('harden-service in ignore comments under the strict profile', () => {
  it('an ignore of harden-service suppresses the per-setting findings of the service there too', () => {
    const text = 'services:\n  # bulkhead-ignore harden-service -- a throwaway debug container\n  api:\n    image: ghcr.io/acme/api:2.3\n';
    expect(show(compose(text, { profile: 'strict' }))).toEqual(['3:3-3:6 warning require-resource-limits']);
  });
});
