import { describe, expect, it } from 'vitest';
import { capabilityName, DOCKER_DEFAULT_CAPABILITIES, HOST_CAPABILITIES } from '../../server/src/knowledge/capabilities';

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

describe('HOST_CAPABILITIES', () => {
  it('never lists a capability Docker grants by default', () => {
    for (const cap of DOCKER_DEFAULT_CAPABILITIES) expect(HOST_CAPABILITIES[cap], cap).toBeUndefined();
  });
  it('only makes SYS_PTRACE depend on the host PID namespace', () => {
    expect(Object.entries(HOST_CAPABILITIES).filter(([, c]) => c.onlyWithHostPid).map(([n]) => n)).toEqual(['SYS_PTRACE']);
  });
});
