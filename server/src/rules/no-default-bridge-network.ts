import { defineRule } from '../rule-api/rule';
import { removeServiceEntry } from '../edit/yaml-service-edits';
import { childEntries, isMap, isTrue, scalarText } from '../parse/compose-values';

export default defineRule({
  meta: {
    id: 'no-default-bridge-network',
    practice: 6,
    title: 'Do not use the default bridge network',
    severity: 'warning',
    kind: 'risk',
    severityReason:
      'The default bridge lets every container reach every other one and has no name resolution; an explicit choice of it is worth a reviewer\'s question.',
    targets: ['compose'],
    fix: 'suggestion',
    docs: {
      summary:
        'A service sets `network_mode: bridge` (or `default`, which the engine turns into `bridge`), or the file ' +
        'declares Docker\'s predefined `bridge` network as an external network.',
      rationale:
        'Compose normally gives each project its own network. The default bridge network instead is shared by every ' +
        'container on the host that was started without a network, so a compromised container elsewhere can reach ' +
        'this service directly. Containers on it cannot find each other by service name, which pushes people to ' +
        'legacy `links` or published ports, and the network cannot be made `internal` or split into tiers. ' +
        'The CIS Docker Benchmark (5.30 in v1.6) asks for the same.',
      howToFix:
        'Remove `network_mode` so the service joins the project network, or attach it to user-defined networks under ' +
        '`networks:` (mark back-end networks `internal: true`). Reach other services by their service name. The quick fix ' +
        'removes `network_mode`; an external `bridge` network declaration has no automatic fix, since services refer to it by name.',
      references: [
        'https://docs.docker.com/reference/compose-file/services/#network_mode',
        'https://docs.docker.com/engine/network/drivers/bridge/#differences-between-user-defined-bridges-and-the-default-bridge',
        'https://docs.docker.com/compose/how-tos/networking/',
      ],
    },
    messages: {
      networkMode:
        'Service "{service}" uses the default bridge network ("network_mode: {value}"), shared with every other container on the host; use a project network',
      externalBridge:
        'Network "{network}" is Docker\'s default bridge network, shared with every other container on the host; use a network of this project',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  api:\n    image: api:2.3\n    network_mode: bridge\n' }],
      good: [{ kind: 'compose', code: 'services:\n  api:\n    image: api:2.3\n    networks: [backend]\nnetworks:\n  backend:\n    internal: true\n' }],
    },
  },
  compose({ model, report, fix }) {
    for (const service of model.services) {
      const entry = service.get('network_mode');
      const value = scalarText(entry?.value)?.trim();
      if (entry && value && /^(bridge|default)$/i.test(value)) {
        const edit = removeServiceEntry(model, service, entry);
        const fixes = edit ? [fix(`Remove "network_mode: ${value}"`, [edit])] : [];
        report({ messageId: 'networkMode', data: { service: service.name, value }, range: entry.range, fixes });
      }
    }
    for (const [network, def] of childEntries(model, model.top.get('networks'))) {
      const e = childEntries(model, def);
      const external = e.get('external');
      if (!external) continue;
      // `external: true` with `name:`, or the legacy `external: {name: bridge}`.
      const nameEntry = isMap(external.value) ? childEntries(model, external).get('name') : e.get('name');
      const isExternal = isMap(external.value) || isTrue(external.value);
      const name = nameEntry ? scalarText(nameEntry.value) : network;
      if (isExternal && name?.trim() === 'bridge') report({ messageId: 'externalBridge', data: { network }, range: (nameEntry ?? external).range });
    }
  },
});
