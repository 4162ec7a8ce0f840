import { describe, expect, it } from 'vitest';
import { capabilityName, capabilityRisk, DOCKER_DEFAULT_CAPABILITIES, FLAGGED_CAPABILITIES } from '../../server/src/knowledge/capabilities';

describe('capabilityName', () => {
  it.each([
    ['SYS_ADMIN', 'SYS_ADMIN'],
    ['cap_sys_admin', 'SYS_ADMIN'],
    [' Net_Admin ', 'NET_ADMIN'],
    ['ALL', 'ALL'],
    ['all', 'ALL'],
  ])('%j -> %s', (written, name) => expect(capabilityName(written)).toBe(name));

  it.each(['CAP_ALL', 'cap_all', '${CAP}', '', 'SYS ADMIN', 'SYS-ADMIN'])('%j names no capability Docker accepts', (written) => {
    expect(capabilityName(written)).toBeNull();
  });
});

describe('capabilityRisk', () => {
  const own = { sharedPid: false, hostNetwork: false };
  it('never calls a capability Docker grants by default a route to the host', () => {
    for (const cap of DOCKER_DEFAULT_CAPABILITIES) expect(capabilityRisk(cap, own)?.reach ?? 'none', cap).not.toBe('host');
  });
  it('lists every capability the practice names, each with a reason', () => {
    const wanted = ['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_RAWIO', 'DAC_READ_SEARCH', 'BPF', 'PERFMON', 'SYS_TIME', 'SYS_PTRACE', 'NET_ADMIN', 'NET_RAW', 'SYSLOG', 'SYS_BOOT', 'SYS_NICE', 'IPC_LOCK', 'LEASE', 'MKNOD'];
    expect([...FLAGGED_CAPABILITIES].sort()).toEqual([...wanted].sort());
    for (const cap of wanted) expect(capabilityRisk(cap, own)!.why.length, cap).toBeGreaterThan(20);
  });
  it('SYS_PTRACE reaches the host only in a shared PID namespace, NET_ADMIN only on the host network', () => {
    expect(capabilityRisk('SYS_PTRACE', own)!.reach).toBe('bounded');
    expect(capabilityRisk('SYS_PTRACE', { sharedPid: true, hostNetwork: false })!.reach).toBe('host');
    expect(capabilityRisk('SYS_PTRACE', { sharedPid: false, hostNetwork: true })!.reach).toBe('bounded');
    expect(capabilityRisk('NET_ADMIN', own)!.reach).toBe('bounded');
    expect(capabilityRisk('NET_ADMIN', { sharedPid: false, hostNetwork: true })!.reach).toBe('host');
    const shared = { sharedPid: true, hostNetwork: true };
    expect(FLAGGED_CAPABILITIES.filter((c) => capabilityRisk(c, shared)!.reach !== capabilityRisk(c, own)!.reach)).toEqual(['SYS_PTRACE', 'NET_ADMIN']);
  });
  it('leaves narrow capabilities alone', () => {
    for (const cap of ['NET_BIND_SERVICE', 'CHOWN', 'SETUID', 'KILL', 'MAC_ADMIN']) expect(capabilityRisk(cap, own), cap).toBeUndefined();
  });
});
