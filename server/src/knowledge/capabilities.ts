import { entryOf } from '../core/entry';
/**
 * Linux capabilities as Compose `cap_add`/`cap_drop` spell them, the ones whose grant reaches
 * past the container into the host kernel, the host's files or the host's processes, and the ones
 * whose grant is bounded but still crosses the container's boundary.
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

/** How far a capability reaches: `host` is a route to the host (an error), `bounded` a real but limited grant (a warning). */
export type CapabilityReach = 'host' | 'bounded';

/** Where the service runs: a few capabilities reach the host only with the host's (or another container's) namespace. */
export interface ServiceNamespaces {
  /** `pid: host`, or `pid: service:x` / `container:x` (another container's processes). */
  sharedPid: boolean;
  /** `network_mode: host`. */
  hostNetwork: boolean;
}

export interface CapabilityRisk {
  /** Completes "which ...". */
  why: string;
  reach: CapabilityReach;
}

interface CapabilityEntry {
  why: string;
  reach: CapabilityReach;
  /** A different reason and reach when the service shares a namespace with the host or another container. */
  shared?: { when: keyof ServiceNamespaces; why: string };
}

/**
 * Capabilities that Compose should not add, each with its reach and the reason.
 *
 * `host`: control of, or a view into, the whole host. `bounded`: a grant whose effect stays short of a
 * takeover but still crosses the container's boundary (the host clock, scheduler and kernel log are not
 * namespaced) or undoes a default that keeps containers apart (raw packets, device nodes).
 * Deliberately left out: MAC_ADMIN and MAC_OVERRIDE (Docker's AppArmor profile and SELinux type keep
 * the policy files out of reach), the remaining capabilities Docker grants by default (CHOWN, SETUID...),
 * and narrow ones such as NET_BIND_SERVICE.
 */
const CAPABILITIES: Readonly<Record<string, CapabilityEntry>> = {
  ALL: { reach: 'host', why: 'grants every capability, including the ones below: only seccomp and AppArmor stand between the container and the host' },
  SYS_ADMIN: { reach: 'host', why: 'allows mounting filesystems, creating namespaces and loading BPF, the basis of most container escapes' },
  SYS_MODULE: { reach: 'host', why: 'loads kernel modules: code that runs inside the host kernel' },
  SYS_RAWIO: { reach: 'host', why: 'opens raw I/O ports and physical memory devices, bypassing the kernel entirely' },
  DAC_READ_SEARCH: { reach: 'host', why: 'opens host files by handle, which reaches outside the container through any bind mount (Docker always adds some)' },
  BPF: { reach: 'host', why: 'loads eBPF programs into the host kernel, whose verifier is a repeated source of kernel exploits' },
  PERFMON: { reach: 'host', why: 'monitors every process and the kernel on the host, a read primitive for secrets and kernel addresses' },
  SYS_TIME: { reach: 'host', why: "sets the clock, which is not namespaced: it changes the host's time for every container, breaking certificate checks, logs and one-time passwords" },
  SYS_PTRACE: {
    reach: 'bounded',
    why: 'reads and rewrites the memory of every process in the container, also those of other users, and older kernels let it slip past seccomp',
    shared: { when: 'sharedPid', why: 'traces and injects code into every process of the PID namespace it shares, here the host\'s or another container\'s' },
  },
  NET_ADMIN: {
    reach: 'bounded',
    why: "reconfigures the container's interfaces, routes and firewall, and can sniff and redirect the traffic that passes it",
    shared: { when: 'hostNetwork', why: "reconfigures the host's own interfaces, routes and firewall, since the service uses the host network" },
  },
  NET_RAW: { reach: 'bounded', why: 'crafts raw packets, which lets it spoof ARP and DNS answers to the other containers of its network' },
  SYSLOG: { reach: 'bounded', why: "reads the host kernel log, which is not namespaced and shows the host's devices, events and kernel addresses" },
  SYS_BOOT: { reach: 'bounded', why: 'calls reboot and kexec; with a relaxed seccomp profile that loads a new kernel on the host' },
  SYS_NICE: { reach: 'bounded', why: "raises scheduling priority above the host's own processes: the scheduler is shared with the host" },
  IPC_LOCK: { reach: 'bounded', why: 'locks memory that the host can then neither swap nor reclaim' },
  LEASE: { reach: 'bounded', why: "takes leases on files it does not own, which blocks the host's own access to files it can see" },
  MKNOD: { reach: 'bounded', why: 'creates device nodes; only the device cgroup stands between them and the host\'s disks and memory' },
};

/**
 * The reason and reach of adding a capability, given the service's namespaces; undefined for
 * capabilities that are not flagged.
 */
export function capabilityRisk(name: string, ns: ServiceNamespaces): CapabilityRisk | undefined {
  const c = entryOf(CAPABILITIES, name);
  if (!c) return undefined;
  if (c.shared && ns[c.shared.when]) return { why: c.shared.why, reach: 'host' };
  return { why: c.why, reach: c.reach };
}

/** Every flagged capability name, for tests and docs. */
export const FLAGGED_CAPABILITIES: readonly string[] = Object.keys(CAPABILITIES);

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
