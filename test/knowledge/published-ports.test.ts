import { describe, expect, it } from 'vitest';
import { parseCompose } from '../../server/src/parse/compose';
import { onEveryInterface, publishedPorts, usesHostNetwork } from '../../server/src/knowledge/published-ports';

function published(ports: string) {
  const model = parseCompose(`services:\n  web:\n    ports:\n${ports}`);
  return publishedPorts(model, model.services[0]).map((p) => ({ hostIp: p.hostIp, hostPorts: p.hostPorts }));
}

describe('publishedPorts', () => {
  it.each([
    ['      - "8080:80"\n', null, [8080, 8080]],
    ['      - "80"\n', null, null],
    ['      - "127.0.0.1::80"\n', '127.0.0.1', null],
    ['      - "0.0.0.0:90-100:90-100/udp"\n', '0.0.0.0', [90, 100]],
    ['      - "[::1]:2222:22"\n', '::1', [2222, 2222]],
    ['      - "0:80"\n', null, null],
    ['      - "${PORT:-8080}:80"\n', null, [8080, 8080]],
    ['      - "${PORT}:80"\n', null, undefined],
    ['      - "${IP}:8080:80"\n', undefined, [8080, 8080]],
    ['      - "${IP:-}:8080:80"\n', null, [8080, 8080]],
    ['      - target: 80\n', null, null],
    ['      - {target: 80, published: "25", host_ip: "::"}\n', '::', [25, 25]],
  ])('%j → host %j, ports %j', (ports, hostIp, hostPorts) => {
    expect(published(ports)).toEqual([{ hostIp, hostPorts }]);
  });

  it('skips what it cannot read: a whole mapping from a variable, an address in "published"', () => {
    expect(published('      - "${PORTS}"\n      - {target: 80, published: "127.0.0.1:8080"}\n')).toEqual([]);
  });

  it('publishes nothing for a service on the host network', () => {
    const model = parseCompose('services:\n  web:\n    network_mode: "HOST"\n    ports: ["80:80"]\n');
    expect(usesHostNetwork(model.services[0])).toBe(true);
    expect(publishedPorts(model, model.services[0])).toEqual([]);
  });
});

describe('onEveryInterface', () => {
  it.each([null, '', '0.0.0.0', '::', '[::]', ' 0.0.0.0 '])('%j is every interface', (ip) => expect(onEveryInterface(ip)).toBe(true));
  it.each(['127.0.0.1', '::1', '192.168.1.10', undefined])('%j is not', (ip) => expect(onEveryInterface(ip)).toBe(false));
});
