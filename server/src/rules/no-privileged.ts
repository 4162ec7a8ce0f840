import { defineRule } from '../rule-api/rule';
import { removePair } from '../edit/yaml-edits';
import { isTrue } from '../parse/compose-values';

export default defineRule({
  meta: {
    id: 'no-privileged',
    practice: 3,
    title: 'Do not run services privileged',
    severity: 'error',
    kind: 'risk',
    severityReason: 'An error: a privileged container is root on the host in all but name.',
    targets: ['compose'],
    fix: 'suggestion',
    docs: {
      summary: 'A service sets `privileged: true` (or a YAML 1.1 spelling such as `yes` or `on`).',
      rationale:
        'A privileged container gets every Linux capability, every host device and no seccomp or AppArmor ' +
        'confinement. Escaping to the host from it takes one command (mount the host disk, load a kernel module). ' +
        'Anyone who compromises the service owns the machine.',
      howToFix:
        'Remove `privileged` and grant only what the service needs: a specific capability with `cap_add`, a single ' +
        'device with `devices`. Docker-in-Docker is the usual reason; prefer a rootless daemon or a socket-free build tool.',
      references: ['https://docs.docker.com/reference/compose-file/services/#privileged'],
    },
    messages: {
      privileged: 'Service "{service}" runs privileged: it gets every capability and device of the host',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n' }],
      good: [{ kind: 'compose', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [NET_BIND_SERVICE]\n' }],
    },
    aliases: {
      kics: ['privileged_containers_enabled'],
      'compose-lint': ['CL-0002'],
      semgrep: ['privileged-service'],
    },
  },
  compose({ model, report, fix }) {
    for (const service of model.services) {
      const entry = service.get('privileged');
      if (entry && isTrue(entry.value)) {
        const fixes = entry.via || !service.map ? [] : [fix('Remove "privileged: true"', [removePair(model, service.map, entry.pair)])];
        report({ messageId: 'privileged', data: { service: service.name }, range: entry.range, fixes });
      }
    }
  },
});
