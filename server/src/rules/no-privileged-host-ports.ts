import { defineRule } from '../rule-api/rule';
import { publishedPorts } from '../knowledge/published-ports';

/** Ports below this number are privileged: only root (or CAP_NET_BIND_SERVICE) may listen on them. */
const FIRST_UNPRIVILEGED = 1024;

/** The privileged ports of a host port range that are not allowed, e.g. `[22]` or `[90, ..., 1023]`. */
function offending(first: number, last: number, allowed: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (let p = Math.max(1, first); p <= Math.min(last, FIRST_UNPRIVILEGED - 1); p++) if (!allowed.has(p)) out.push(p);
  return out;
}

function portList(ports: number[]): string {
  if (ports.length <= 3) return ports.join(', ');
  return `${ports[0]}-${ports[ports.length - 1]}`;
}

export default defineRule({
  meta: {
    id: 'no-privileged-host-ports',
    practice: 6,
    title: 'Do not publish on privileged host ports',
    severity: 'info',
    kind: 'advice',
    severityReason: 'Advice: a low host port is often exactly what a mail or DNS server needs.',
    targets: ['compose'],
    docs: {
      summary:
        'A service publishes a container port on a host port below 1024 (`"22:22"`, `"25:2525"`, `"90-100:8080-8090"`), ' +
        'other than the web ports 80 and 443 (configurable).',
      rationale:
        'On the host only root may listen on ports below 1024, so clients and monitoring treat a service there as a ' +
        'system service (SSH on 22, mail on 25, DNS on 53). Docker\'s proxy and iptables rules let any container claim ' +
        'such a port, so a compromised or careless container can take the place of a host service or collide with it. ' +
        'Keeping containers on high host ports leaves the low range to the host and makes a container port stand out. ' +
        'Only the host side counts: a container may listen on port 80 inside its own network namespace.',
      howToFix:
        'Publish on a port of 1024 or above (`"2222:22"`, `"8025:25"`) and point clients or a reverse proxy at it. ' +
        'Web servers that must answer on 80 and 443 are allowed by default; add other ports that are the service\'s ' +
        'real job (for example 53 for a DNS server) to the rule\'s `allowedPorts` option.',
      references: [
        'https://docs.docker.com/reference/compose-file/services/#ports',
        'https://docs.docker.com/engine/network/#published-ports',
      ],
    },
    messages: {
      privileged: 'Service "{service}" publishes "{port}" on host port {hostPorts}, below 1024 where host system services listen; use a port of 1024 or above',
    },
    options: {
      allowedPorts: {
        type: 'string[]',
        default: ['80', '443'],
        description: 'Host ports below 1024 that may be published (as strings, e.g. `["80", "443", "53"]`).',
      },
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  git:\n    image: gitea/gitea:1.22\n    ports:\n      - "22:22"\n' }],
      good: [{ kind: 'compose', code: 'services:\n  git:\n    image: gitea/gitea:1.22\n    ports:\n      - "2222:22"\n      - "443:3000"\n' }],
    },
    aliases: {
      kics: ['privileged_ports_mapped_in_container'],
    },
  },
  compose({ model, report, options }) {
    const allowed = new Set(((options.allowedPorts as unknown[] | undefined) ?? []).map((p) => Number(String(p).trim())).filter(Number.isInteger));
    for (const service of model.services) {
      for (const p of publishedPorts(model, service)) {
        if (!p.hostPorts) continue;
        const bad = offending(p.hostPorts[0], p.hostPorts[1], allowed);
        if (bad.length === 0) continue;
        const proto = p.port.protocol === 'tcp' ? '' : `/${p.port.protocol}`;
        report({
          messageId: 'privileged',
          data: { service: service.name, port: `${p.port.published}:${p.port.target}${proto}`, hostPorts: portList(bad) },
          range: p.port.range,
        });
      }
    }
  },
});
