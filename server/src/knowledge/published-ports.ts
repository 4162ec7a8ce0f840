import type { ComposeModel, Service } from '../parse/compose';
import { ports, scalarText, type PortMapping } from '../parse/compose-values';
import { substitute } from '../parse/variables';

/**
 * What a service's `ports:` publish on the host: which interface and which host ports, with
 * `${VAR:-default}` resolved to its default and anything that depends on an unset variable
 * marked unknown. Ports of a service on the host network are not published (Compose drops them).
 */

export interface PublishedPort {
  port: PortMapping;
  /** The host interface; null for every interface; undefined when a variable decides. */
  hostIp: string | null | undefined;
  /** First and last host port; null when Docker picks a free one; undefined when a variable decides. */
  hostPorts: [number, number] | null | undefined;
}

/** Host interface values that mean "every interface". */
const ALL_INTERFACES = new Set(['', '0.0.0.0', '::', '[::]']);

export function onEveryInterface(hostIp: string | null | undefined): boolean {
  return hostIp === null || (hostIp !== undefined && ALL_INTERFACES.has(hostIp.trim()));
}

function resolve(text: string): string | undefined {
  if (!text.includes('$')) return text;
  const r = substitute(text, () => undefined);
  return r.unresolved.length === 0 ? r.value : undefined;
}

function hostPortsOf(published: string | null): [number, number] | null | undefined {
  if (published === null) return null;
  const text = resolve(published.trim());
  if (text === undefined) return undefined;
  if (text === '') return null;
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!m) return undefined;
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  return first === 0 && last === 0 ? null : [first, last];
}

/** Whether the service shares the host's network stack, where `ports:` has no effect. */
export function usesHostNetwork(service: Service): boolean {
  const mode = scalarText(service.get('network_mode')?.value ?? service.get('net')?.value);
  return mode?.trim().toLowerCase() === 'host';
}

export function publishedPorts(model: ComposeModel, service: Service): PublishedPort[] {
  if (usesHostNetwork(service)) return [];
  const out: PublishedPort[] = [];
  for (const port of ports(model, service.get('ports'))) {
    // A long-syntax `published` that is neither a port, a range nor a variable is not something
    // Compose accepts (`published: 127.0.0.1:8080`); say nothing about it.
    if (port.long && port.published !== null && !port.published.includes('$') && !/^\d{1,5}(-\d{1,5})?$/.test(port.published.trim())) continue;
    // `- ` with nothing after it (a half-typed entry) publishes nothing.
    if (port.target.trim() === '') continue;
    // `- ${PORTS}`: the whole mapping comes from the environment.
    if (!port.long && port.published === null && port.target.includes('$')) continue;
    const ip = port.hostIp === null ? null : resolve(port.hostIp);
    out.push({ port, hostIp: ip === '' ? null : ip, hostPorts: hostPortsOf(port.published) });
  }
  return out;
}
