import type { ComposeModel, Entry } from '../parse/compose';
import { childEntries, path as entryAt, scalarText, type VolumeMount } from '../parse/compose-values';
import { substitute } from '../parse/variables';

/**
 * Host paths as bind-mount sources: normalising what is written (`~/.ssh`, `${HOME}/.aws`,
 * `/var/run//docker.sock/`, `${SOCK:-/run/docker.sock}`, `\\.\pipe\docker_engine`) and telling
 * which ones hand the container a container-engine socket or a sensitive part of the host.
 */

export interface HostPath {
  /** Normalised absolute path: `/run/docker.sock`, `~/.ssh` (a user's home), `//./pipe/docker_engine`. */
  path: string;
  /** False when a variable without a default makes up part of the path: only the file name can be trusted. */
  complete: boolean;
}

const HOME_PREFIX = /^(?:~[A-Za-z0-9._-]{0,64}|\$HOME|\$\{HOME(?::?-[^}]{0,200})?\}|\$USERPROFILE|\$\{USERPROFILE\}|%USERPROFILE%)(?=[\\/]|$)/;
const WINDOWS_HOME = /^[A-Za-z]:[\\/]Users[\\/][^\\/]{1,256}(?=[\\/]|$)/i;
const NAMED_PIPE = /^(?:\\\\|\/\/)\.[\\/]pipe[\\/](.{1,256})$/i;

/** The host path a bind-mount source names, or null for relative paths, volume names and Windows drives. */
export function hostPathOf(source: string | null | undefined): HostPath | null {
  let s = (source ?? '').trim();
  if (s === '') return null;
  const pipe = NAMED_PIPE.exec(s);
  if (pipe) return { path: '//./pipe/' + pipe[1].replace(/\\/g, '/'), complete: true };
  let home = false;
  const h = HOME_PREFIX.exec(s) ?? WINDOWS_HOME.exec(s);
  if (h) {
    home = true;
    s = s.slice(h[0].length);
  }
  let complete = true;
  if (s.includes('$')) {
    const r = substitute(s, () => undefined);
    s = r.value;
    complete = r.unresolved.length === 0;
  }
  s = s.replace(/\\/g, '/');
  if (!home && !s.startsWith('/')) return null;
  const segments: string[] = [];
  for (const seg of s.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg !== '..') segments.push(seg);
    else if (segments.pop() === undefined && home) return null; // `~/../x`: outside the home directory, unknown
  }
  const path = (home ? '~' : '') + (segments.length > 0 || !home ? '/' : '') + segments.join('/');
  return { path, complete };
}

/** `/var/run` is a symlink to `/run` on every current distribution. */
function canonical(path: string): string {
  return path.replace(/^\/var\/run(?=\/|$)/, '/run');
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const SOCKET_FILE = /(?:dockerd?|containerd|crio|podman|dockershim)\.sock(?:\.raw)?$/i;
const ENGINE_PIPE = /^\/\/\.\/pipe\/(?:docker_engine|dockerDesktop\w{0,40}Engine|podman-)/i;
const SOCKET_DIRS = [
  /^\/run$/,
  /^\/run\/(?:containerd|podman|crio|docker\/containerd|k3s\/containerd)$/,
  /^\/run\/user\/\d{1,10}(?:\/podman|\/docker)?$/,
];

/**
 * Whether a host path is a container-engine socket (Docker, containerd, CRI-O, Podman, the Windows
 * engine pipe) or a directory that holds one (`/run`, `/var/run`, `/run/containerd`, `/run/user/<uid>`).
 */
export function engineSocket(p: HostPath): 'socket' | 'directory' | null {
  if (ENGINE_PIPE.test(p.path)) return 'socket';
  if (SOCKET_FILE.test(basename(p.path))) return 'socket';
  if (!p.complete) return null;
  const c = canonical(p.path);
  return SOCKET_DIRS.some((re) => re.test(c)) ? 'directory' : null;
}

interface SensitiveEntry {
  /** Segments; `*` matches one segment, `~` is a user's home. */
  pattern: string;
  /** `tree`: the path and everything under it; `exact`: only the path itself (and its parents). */
  scope: 'tree' | 'exact';
  /** Only a writable mount is a risk. */
  writableOnly?: boolean;
  /** A read-only mount of this path is fine, even inside a broader entry (`/sys/fs/cgroup` inside `/sys`). */
  readOnlyFine?: boolean;
  /** Completes "which ...". */
  why: string;
}

const HOMES = ['~', '/home/*', '/Users/*'];
const CREDENTIAL_DIRS: [string, string][] = [
  ['.ssh', 'SSH private keys'],
  ['.aws', 'AWS credentials'],
  ['.kube', 'Kubernetes credentials'],
  ['.docker', 'registry credentials'],
  ['.gnupg', 'GnuPG private keys'],
  ['.azure', 'Azure credentials'],
  ['.config/gcloud', 'Google Cloud credentials'],
];
const PROGRAMS = 'the host programs and libraries, which a writable mount can replace';

const SENSITIVE: readonly SensitiveEntry[] = [
  { pattern: '/', scope: 'exact', why: 'is the whole host filesystem' },
  { pattern: '/etc', scope: 'exact', why: 'holds the host configuration, password hashes and sudo rules' },
  { pattern: '/etc/shadow', scope: 'tree', why: 'holds the host password hashes' },
  { pattern: '/etc/gshadow', scope: 'tree', why: 'holds the host group password hashes' },
  { pattern: '/etc/passwd', scope: 'tree', writableOnly: true, why: 'is writable, so the container can add a root account to the host' },
  { pattern: '/etc/group', scope: 'tree', writableOnly: true, why: 'is writable, so the container can add itself to privileged host groups' },
  { pattern: '/etc/sudoers', scope: 'tree', why: 'holds the host sudo rules' },
  { pattern: '/etc/sudoers.d', scope: 'tree', why: 'holds the host sudo rules' },
  { pattern: '/etc/ssh', scope: 'tree', why: 'holds the host SSH keys and server configuration' },
  { pattern: '/etc/kubernetes', scope: 'tree', why: 'holds cluster admin credentials and certificates' },
  { pattern: '/etc/rancher', scope: 'tree', why: 'holds cluster admin credentials' },
  { pattern: '/etc/docker', scope: 'tree', why: 'holds the Docker daemon configuration and TLS keys' },
  { pattern: '/run/systemd', scope: 'tree', why: "holds systemd's private control socket, through which any command starts on the host as root" },
  { pattern: '/proc', scope: 'tree', why: "exposes the host's processes and kernel settings" },
  // A read-only cgroup tree is how systemd and monitoring containers see their own limits; a writable one changes the host's.
  { pattern: '/sys/fs/cgroup', scope: 'tree', readOnlyFine: true, why: "is writable, so the container can change the host's resource limits and escape through cgroup release agents" },
  { pattern: '/sys', scope: 'tree', why: "exposes the host's kernel and device settings" },
  { pattern: '/dev', scope: 'exact', why: 'holds every host device node' },
  { pattern: '/dev/shm', scope: 'tree', why: "is the host's shared memory, where host processes keep data the container could read and change" },
  { pattern: '/dev/kmsg', scope: 'tree', why: 'is the host kernel log, readable and writable' },
  ...['/dev/mem', '/dev/kmem', '/dev/port'].map((pattern): SensitiveEntry => ({ pattern, scope: 'tree', why: "gives raw access to the host's physical memory or I/O ports" })),
  ...['/dev/md', '/dev/mapper', '/dev/disk', '/dev/sd*', '/dev/nvme*', '/dev/vd*', '/dev/xvd*', '/dev/dm-*', '/dev/md*'].map(
    (pattern): SensitiveEntry => ({ pattern, scope: 'tree', why: "is a host disk, whose filesystems (the host's included) the container can read and rewrite block by block" }),
  ),
  { pattern: '/boot', scope: 'tree', why: 'holds the host kernel and boot loader' },
  { pattern: '/root', scope: 'tree', why: "is root's home directory" },
  { pattern: '/var/lib/docker', scope: 'tree', why: "holds every container's files and the Docker engine state" },
  { pattern: '/var/lib/containerd', scope: 'tree', why: "holds every container's files and the containerd state" },
  { pattern: '/var/lib/containers', scope: 'tree', why: "holds every container's files and the Podman state" },
  { pattern: '/var/lib/kubelet', scope: 'tree', why: "holds the kubelet credentials and every pod's secrets" },
  { pattern: '/lib/modules', scope: 'tree', why: 'holds the host kernel modules' },
  { pattern: '/usr/lib/modules', scope: 'tree', why: 'holds the host kernel modules' },
  ...['/etc/crontab', '/etc/cron.d', '/etc/cron.hourly', '/etc/cron.daily', '/etc/cron.weekly', '/etc/cron.monthly', '/var/spool/cron', '/etc/anacrontab'].map(
    (pattern): SensitiveEntry => ({ pattern, scope: 'tree', writableOnly: true, why: 'is writable, so the container can schedule a job that the host runs as root' }),
  ),
  { pattern: '/etc/systemd', scope: 'tree', writableOnly: true, why: 'is writable, so the container can install a service that the host starts as root' },
  ...['/usr', '/bin', '/sbin', '/lib', '/lib64', '/usr/bin', '/usr/sbin', '/usr/local/bin'].map(
    (pattern): SensitiveEntry => ({ pattern, scope: 'exact', why: `holds ${PROGRAMS}` }),
  ),
  { pattern: '/home', scope: 'exact', why: 'holds every user home directory, with their SSH keys and cloud credentials' },
  { pattern: '/Users', scope: 'exact', why: 'holds every user home directory, with their SSH keys and cloud credentials' },
  ...HOMES.map((pattern): SensitiveEntry => ({ pattern, scope: 'exact', why: 'is a home directory, with its SSH keys and cloud credentials' })),
  ...CREDENTIAL_DIRS.flatMap(([dir, what]) => HOMES.map((home): SensitiveEntry => ({ pattern: `${home}/${dir}`, scope: 'tree', why: `holds ${what}` }))),
];

function segmentsOf(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** One segment: `*` matches any, `sd*` any that starts with `sd`. */
function segmentMatches(pattern: string, segment: string): boolean {
  if (pattern === '*' || pattern === segment) return true;
  return pattern.endsWith('*') && segment.startsWith(pattern.slice(0, -1));
}

/** Pattern segments against path segments from the start: how many match (stops at the first mismatch). */
function commonPrefix(pattern: string[], path: string[]): number {
  let n = 0;
  while (n < pattern.length && n < path.length && segmentMatches(pattern[n], path[n])) n++;
  return n;
}

function display(pattern: string): string {
  return pattern.replace(/\/\*(?=\/|$)/g, '/<user>').replace(/\*$/, '<n>');
}

export interface SensitiveMatch {
  /** Completes "which ..." in a message. */
  why: string;
}

/**
 * Whether a host path is, lies under, or contains a sensitive part of the host. Engine sockets and their
 * directories are not reported here (see `engineSocket`); incomplete paths never match.
 */
export function sensitiveHostPath(p: HostPath, readOnly: boolean): SensitiveMatch | null {
  if (!p.complete || engineSocket(p)) return null;
  const path = segmentsOf(canonical(p.path));
  let ancestorOf: SensitiveEntry | null = null;
  for (const e of SENSITIVE) {
    const pattern = segmentsOf(e.pattern);
    const n = commonPrefix(pattern, path);
    const at = n === pattern.length && (path.length === n || e.scope === 'tree');
    if (at && e.readOnlyFine && readOnly) return null;
    if ((e.writableOnly || e.readOnlyFine) && readOnly) continue;
    if (at) return { why: e.why };
    if (n === path.length && n < pattern.length && !ancestorOf) ancestorOf = e;
  }
  if (ancestorOf) return { why: `contains "${display(ancestorOf.pattern)}", which ${ancestorOf.why}` };
  return null;
}

/** A top-level named volume that is really a bind mount (`driver_opts: {type: none, o: bind, device: /path}`). */
export interface BoundVolume {
  name: string;
  /** The `device` entry: where to report. */
  device: Entry;
  source: string;
  readOnly: boolean;
}

/**
 * The host path behind a service's volume mount: its own bind source, or, for a named volume that is a
 * bind mount in disguise, the device that volume binds (`volume` names it). Null for named volumes of
 * other drivers, anonymous volumes and tmpfs.
 */
export function mountedHostPath(mount: VolumeMount, bound: ReadonlyMap<string, BoundVolume>): { path: HostPath; readOnly: boolean; volume: BoundVolume | null } | null {
  if (mount.type === 'bind' || mount.type === 'npipe') {
    const path = hostPathOf(mount.source);
    return path && { path, readOnly: mount.readOnly, volume: null };
  }
  const volume = mount.type === 'volume' && mount.source ? bound.get(mount.source) : undefined;
  const path = volume ? hostPathOf(volume.source) : null;
  return volume && path ? { path, readOnly: mount.readOnly || volume.readOnly, volume } : null;
}

/** `boundVolumes` by name. */
export function boundVolumesByName(model: ComposeModel): Map<string, BoundVolume> {
  return new Map(boundVolumes(model).map((v) => [v.name, v]));
}

/** Named volumes of the `local` driver that bind a host directory. */
export function boundVolumes(model: ComposeModel): BoundVolume[] {
  const out: BoundVolume[] = [];
  for (const [name, volume] of childEntries(model, model.top.get('volumes'))) {
    const driver = scalarText(childEntries(model, volume).get('driver')?.value);
    if (driver && driver !== 'local') continue;
    const opts = entryAt(model, volume, 'driver_opts');
    const o = childEntries(model, opts);
    const mountOptions = (scalarText(o.get('o')?.value) ?? '').split(',').map((x) => x.trim());
    const device = o.get('device');
    const source = scalarText(device?.value);
    if (!device || !source || !mountOptions.some((x) => x === 'bind' || x === 'rbind')) continue;
    out.push({ name, device, source, readOnly: mountOptions.includes('ro') });
  }
  return out;
}
