import type { ComposeModel, Entry, Service } from '../parse/compose';
import { environment, scalarText, type EnvVar } from '../parse/compose-values';
import { parseImageRef } from '../parse/image-ref';
import { baseName, effectiveArgv, type ShellWord } from '../parse/shell';
import { composeCommands } from './compose-commands';

/**
 * The Docker Engine API over TCP: `tcp://host:port` addresses, the daemon's listen flags, and the
 * docker:dind image, whose entrypoint listens on `tcp://0.0.0.0:2375` without TLS when
 * `DOCKER_TLS_CERTDIR` is empty. Port 2375 is the API's plain-HTTP port, 2376 its TLS port.
 */

export const PLAIN_API_PORT = 2375;

export interface TcpAddress {
  /** Without brackets; empty for `tcp://:2375` (every interface). */
  host: string;
  port: number | null;
}

/** Parses `tcp://host[:port][/]`; null for other schemes (`unix://`, `ssh://`, `npipe://`, `fd://`). */
export function tcpAddress(value: string): TcpAddress | null {
  const m = /^tcp:\/\/(?:\[([0-9A-Fa-f:.]{0,64})\]|([^:/[\]\s]{0,255}))(?::(\d{1,5}))?\/?$/i.exec(value.trim());
  if (!m) return null;
  return { host: m[1] ?? m[2] ?? '', port: m[3] ? Number(m[3]) : null };
}

/** `localhost`, `127.x.x.x`, `::1`: reachable only from inside the same network namespace. */
export function isLoopbackHost(host: string): boolean {
  return /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|0:0:0:0:0:0:0:1)$/i.test(host);
}

/** `0.0.0.0`, `::` or no host: every interface. */
export function isAnyInterface(host: string | null): boolean {
  return host === null || /^(|0\.0\.0\.0|::|\[::\])$/.test(host.trim());
}

/**
 * The official docker image in its daemon (dind) variants: `docker:dind`, `docker:27-dind`,
 * `docker:27-dind-rootless`, and the plain version tags and `latest`, which are dind too.
 * The `-cli` and Windows variants run no daemon.
 */
export function isDindImage(image: string): boolean {
  if (image.includes('$')) return false;
  const ref = parseImageRef(image.trim());
  const official = ref.repository === 'library/docker' || ref.repository.endsWith('/library/docker');
  const tag = ref.tag ?? 'latest';
  if (/dind/.test(tag)) return ref.name === 'docker';
  return official && !/cli|windows|nanoserver/.test(tag);
}

/**
 * The daemon arguments of a command that starts dockerd directly (`dockerd …`, `dockerd-rootless.sh …`,
 * `dockerd-entrypoint.sh dockerd …`); null for any other command. (`dockerd-entrypoint.sh --flag …`
 * is not read: the entrypoint adds its own TLS settings then.)
 */
export function dockerdArgs(argv: readonly ShellWord[]): ShellWord[] | null {
  const name = argv[0] ? baseName(argv[0].value) : '';
  if (name === 'dockerd' || name === 'dockerd-rootless.sh') return argv.slice(1);
  if (name === 'dockerd-entrypoint.sh' && argv[1] && baseName(argv[1].value) === 'dockerd') return argv.slice(2);
  return null;
}

export interface ListenFlag {
  /** The word holding the address (the `--host=…` word, or the word after `-H`). */
  word: ShellWord;
  address: string;
}

/**
 * The TCP addresses outside loopback that a dockerd command line listens on without client
 * certificate verification (`--tlsverify`). `--tls` alone encrypts but lets any client in.
 * A `--config-file` may turn verification on, so such command lines are not judged.
 */
export function insecureListenFlags(args: readonly ShellWord[]): ListenFlag[] {
  const hosts: ListenFlag[] = [];
  let verified = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if ((v === '-H' || v === '--host') && args[i + 1]) {
      hosts.push({ word: args[i + 1], address: args[i + 1].value });
      i++;
      continue;
    }
    const m = /^(?:-H=?|--host=)(\S+)$/.exec(v);
    if (m) hosts.push({ word: args[i], address: m[1] });
    else if (/^--tlsverify(=(true|1))?$/i.test(v) || /^--config-file(=|$)/.test(v)) verified = true;
  }
  if (verified) return [];
  return hosts.filter((h) => {
    const a = tcpAddress(h.address);
    return a !== null && !isLoopbackHost(a.host);
  });
}

/**
 * Whether a client's `DOCKER_HOST` value points at the plain-HTTP API: a `tcp://` address outside
 * loopback on port 2375 (the default port without TLS). Hosts named like a socket proxy
 * (`socket-proxy`, `docker-proxy`) are filtering proxies, not the daemon, and are not reported.
 */
export function isPlainApiClientAddress(value: string): TcpAddress | null {
  const a = tcpAddress(value);
  if (!a || isLoopbackHost(a.host) || /proxy/i.test(a.host)) return null;
  return a.port === null || a.port === PLAIN_API_PORT ? a : null;
}

/** A `DOCKER_TLS_VERIFY` value that turns verification on for every client (any non-empty value but 0/false/no/off). */
export function tlsVerifyOn(value: string | null): boolean {
  return value !== null && value.trim() !== '' && !/^(0|false|no|off)$/i.test(value.trim());
}

/** The `DOCKER_TLS_CERTDIR` set to an empty value on a docker:dind service (its daemon then listens on 2375 without TLS). */
export function emptyCertdir(model: ComposeModel, service: Service): EnvVar | null {
  const image = scalarText(service.get('image')?.value);
  if (!image || !isDindImage(image)) return null;
  const v = environment(model, service.get('environment')).find((e) => e.name === 'DOCKER_TLS_CERTDIR');
  return v && v.value !== null && v.value.trim() === '' ? v : null;
}

/** The plain TCP listeners of dockerd started by a service's `entrypoint:` or `command:`, with the entry that holds each. */
export function composeListeners(model: ComposeModel, service: Service): { flag: ListenFlag; entry: Entry }[] {
  const out: { flag: ListenFlag; entry: Entry }[] = [];
  for (const key of ['entrypoint', 'command']) {
    const entry = service.get(key);
    if (!entry) continue;
    for (const cmd of composeCommands(model, entry.value)) {
      for (const flag of insecureListenFlags(dockerdArgs(effectiveArgv(cmd)) ?? [])) out.push({ flag, entry });
    }
  }
  return out;
}

/** Whether a service runs a daemon that serves the API without TLS. */
export function servesPlainApi(model: ComposeModel, service: Service): boolean {
  return emptyCertdir(model, service) !== null || composeListeners(model, service).length > 0;
}
