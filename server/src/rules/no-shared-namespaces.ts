import { defineRule } from '../rule-api/rule';
import { scalarText, textItems } from '../parse/compose-values';
import { substitute } from '../parse/variables';

/** Keys whose value can name another container's namespace, and what joining it gives. */
const JOINABLE: Readonly<Record<string, { namespace: string; gives: string }>> = {
  pid: { namespace: 'PID', gives: 'each can see and signal the other\'s processes and read their environment' },
  ipc: { namespace: 'IPC', gives: 'each can read and write the other\'s shared memory and message queues' },
  network_mode: { namespace: 'network', gives: 'each can reach the other\'s localhost-only ports and sniff its traffic' },
  net: { namespace: 'network', gives: 'each can reach the other\'s localhost-only ports and sniff its traffic' },
};

/** The container a namespace value joins (`service:db`, `container:abc`), or null. */
function joined(raw: string): string | null {
  let text = raw.trim();
  if (!/^(service|container):/.test(text) && text.includes('$')) {
    const r = substitute(text, () => undefined);
    if (r.unresolved.length > 0) return null;
    text = r.value.trim();
  }
  const m = /^(?:service|container):(.+)$/.exec(text);
  return m ? m[1].trim() : null;
}

export default defineRule({
  meta: {
    id: 'no-shared-namespaces',
    practice: 7,
    title: 'Do not share namespaces or volumes between containers',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'Joining another container\'s namespaces removes the isolation between the two: a written decision a reviewer should see.',
    targets: ['compose'],
    docs: {
      summary:
        'A service joins another container\'s PID, IPC or network namespace (`pid: "service:app"`, `ipc: "container:x"`, ' +
        '`network_mode: "service:vpn"`), offers its IPC namespace to others (`ipc: shareable`), or takes over another ' +
        'container\'s volumes with `volumes_from`.',
      rationale:
        'Each container\'s namespaces are a wall between it and its neighbours. Joining another container\'s namespace ' +
        'takes that wall down in both directions: a compromise of either container reaches the other\'s processes, ' +
        'shared memory or network stack (including ports it only opened on localhost). `volumes_from` mounts every ' +
        'volume of the other container, with its write access, so one service can change another\'s data and code. ' +
        'Host namespaces (`pid: host` and so on) are a separate, more serious finding of `no-host-namespaces`.',
      howToFix:
        'Let the services talk over a Compose network (by service name and a published or exposed port) instead of ' +
        'sharing a namespace. Mount the specific named volumes a service needs, read-only where it only reads, instead ' +
        'of `volumes_from`. Sidecars that must share a namespace (a debugger, a VPN client) belong in a separate, ' +
        'opt-in Compose file or profile; suppress the finding there with a reason.',
      references: [
        'https://docs.docker.com/reference/compose-file/services/#pid',
        'https://docs.docker.com/reference/compose-file/services/#ipc',
        'https://docs.docker.com/reference/compose-file/services/#network_mode',
        'https://docs.docker.com/reference/compose-file/services/#volumes_from',
      ],
    },
    messages: {
      joins: 'Service "{service}" joins the {namespace} namespace of "{other}" ("{key}"): {gives}; connect them over a network instead',
      shareable: 'Service "{service}" makes its IPC namespace joinable by other containers ("ipc: shareable"); use the default "private"',
      volumesFrom: 'Service "{service}" mounts every volume of "{other}" through "volumes_from"; mount the named volumes it needs instead',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  app:\n    image: app:1.4\n  debug:\n    image: busybox:1.37\n    pid: "service:app"\n    volumes_from:\n      - app\n' }],
      good: [{ kind: 'compose', code: 'services:\n  app:\n    image: app:1.4\n    volumes:\n      - data:/data\n  backup:\n    image: backup:2.0\n    volumes:\n      - data:/data:ro\nvolumes:\n  data:\n' }],
    },
  },
  compose({ model, report }) {
    for (const service of model.services) {
      for (const [key, { namespace, gives }] of Object.entries(JOINABLE)) {
        const entry = service.get(key);
        const text = scalarText(entry?.value);
        if (!entry || text === null) continue;
        if (key === 'ipc' && text.trim() === 'shareable') {
          report({ messageId: 'shareable', data: { service: service.name }, range: entry.range });
          continue;
        }
        const other = joined(text);
        if (other !== null) report({ messageId: 'joins', data: { service: service.name, namespace, other, key: `${key}: ${text.trim()}`, gives }, range: entry.range });
      }
      for (const item of textItems(model, service.get('volumes_from'))) {
        // `name`, `name:ro`, `container:name`, `container:name:rw`
        const parts = item.text.trim().split(':');
        const other = parts[0] === 'container' || parts[0] === 'service' ? parts.slice(0, 2).join(':') : parts[0];
        if (other === '') continue;
        report({ messageId: 'volumesFrom', data: { service: service.name, other }, range: item.range });
      }
    }
  },
});
