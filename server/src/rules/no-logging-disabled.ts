import { defineRule } from '../rule-api/rule';
import { removeServiceEntry, removeServiceItem } from '../edit/yaml-service-edits';
import { childEntries, scalarText } from '../parse/compose-values';

export default defineRule({
  meta: {
    id: 'no-logging-disabled',
    practice: 17,
    title: 'Do not disable container logs',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'Without logs an incident leaves no trace; turning logging off is a written decision a reviewer should see.',
    targets: ['compose'],
    fix: 'suggestion',
    docs: {
      summary: 'A service sets its logging driver to `none`, with `logging: {driver: none}` or the legacy `log_driver: none`.',
      rationale:
        'With the `none` driver the engine throws away everything the container writes to stdout and stderr: ' +
        '`docker logs` shows nothing and no log shipper can collect it. Errors, access logs and the traces of an ' +
        'intrusion are lost, so an incident can be neither noticed nor investigated afterwards.',
      howToFix:
        'Remove the `driver: none` line to use the engine\'s default driver, or choose one that keeps or forwards ' +
        'logs (`local`, `json-file` with `max-size`/`max-file` to bound disk use, `journald`, `syslog`, `fluentd`...). ' +
        'The quick fix removes `driver: none` (the whole `logging:` block when that was its only key) or `log_driver: none`.',
      references: [
        'https://docs.docker.com/reference/compose-file/services/#logging',
        'https://docs.docker.com/engine/logging/configure/',
      ],
    },
    messages: {
      disabled: 'Service "{service}" discards its logs with the "none" logging driver; use a driver that keeps or forwards them',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  api:\n    image: api:2.3\n    logging:\n      driver: none\n' }],
      good: [{ kind: 'compose', code: 'services:\n  api:\n    image: api:2.3\n    logging:\n      driver: local\n      options:\n        max-size: 10m\n' }],
    },
    aliases: {
      'compose-lint': ['CL-0014'],
    },
  },
  compose({ model, report, fix }) {
    for (const service of model.services) {
      const logging = service.get('logging');
      const driver = childEntries(model, logging).get('driver');
      const legacy = service.get('log_driver');
      for (const entry of [driver, legacy]) {
        if (!entry || scalarText(entry.value)?.trim().toLowerCase() !== 'none') continue;
        const edit = entry === legacy ? removeServiceEntry(model, service, entry) : logging && entry.via === null ? removeServiceItem(model, service, logging, entry.pair) : null;
        const fixes = edit ? [fix(`Remove "${entry.key}: none"`, [edit])] : [];
        report({ messageId: 'disabled', data: { service: service.name }, range: entry.range, fixes });
      }
    }
  },
});
