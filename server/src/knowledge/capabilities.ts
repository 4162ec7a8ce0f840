/**
 * Linux capabilities as Compose `cap_add`/`cap_drop` spell them, and the ones whose grant reaches
 * past the container into the host kernel, the host's files or the host's processes.
 *
 * The list is graded against what Docker actually lets through: its default seccomp profile only
 * opens the matching system calls when the capability is added (`open_by_handle_at` with
 * DAC_READ_SEARCH, `init_module` with SYS_MODULE, `bpf` with BPF, `perf_event_open` with PERFMON,
 * `iopl`/`ioperm` with SYS_RAWIO), so adding one of these really does hand the call over.
 */

/** Capabilities every Docker container already has; adding them changes nothing. */
export const DOCKER_DEFAULT_CAPABILITIES: readonly string[] = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'NET_RAW',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
];

export interface HostCapability {
  /** Completes "which ...". */
  why: string;
  /** Only a host-level grant when the service also shares the host PID namespace. */
  onlyWithHostPid?: boolean;
}

/**
 * Capabilities that amount to control of, or a view into, the whole host.
 * Deliberately left out: SYS_BOOT (the default seccomp profile keeps `kexec_load` blocked, and
 * `reboot` in a PID namespace only stops the container), MAC_ADMIN and MAC_OVERRIDE (Docker's
 * AppArmor profile and SELinux type keep the policy files out of reach), SYSLOG (reads the host
 * kernel log but grants no control), NET_ADMIN and SYS_TIME (host-wide only with host networking
 * or as a clock change, not a takeover), and the capabilities Docker grants by default.
 */
export const HOST_CAPABILITIES: Readonly<Record<string, HostCapability>> = {
  ALL: { why: 'grants every capability, including the ones below: only seccomp and AppArmor stand between the container and the host' },
  SYS_ADMIN: { why: 'allows mounting filesystems, creating namespaces and loading BPF, the basis of most container escapes' },
  SYS_MODULE: { why: 'loads kernel modules: code that runs inside the host kernel' },
  SYS_RAWIO: { why: 'opens raw I/O ports and physical memory devices, bypassing the kernel entirely' },
  DAC_READ_SEARCH: { why: 'opens host files by handle, which reaches outside the container through any bind mount (Docker always adds some)' },
  BPF: { why: 'loads eBPF programs into the host kernel, whose verifier is a repeated source of kernel exploits' },
  PERFMON: { why: 'monitors every process and the kernel on the host, a read primitive for secrets and kernel addresses' },
  SYS_PTRACE: { why: 'traces and injects code into any process it can see, and with `pid: host` that is every host process', onlyWithHostPid: true },
};

/**
 * The capability a `cap_add` item names, upper-case and without the optional `CAP_` prefix; null
 * for variables and for `CAP_ALL`, which Docker rejects (only the bare `ALL` means every capability).
 */
export function capabilityName(written: string): string | null {
  const upper = written.trim().toUpperCase();
  if (upper === '' || upper.includes('$')) return null;
  if (upper === 'ALL') return 'ALL';
  const bare = upper.startsWith('CAP_') ? upper.slice(4) : upper;
  if (bare === 'ALL') return null;
  return /^[A-Z_]{1,40}$/.test(bare) ? bare : null;
}
