import { isSeq } from 'yaml';
import { defineRule } from '../engine/rule';
import { childEntries, isTrue, scalarText } from '../parse/compose-values';
import { stageChain } from '../parse/dockerfile';

export default defineRule({
  meta: {
    id: 'no-disabled-healthcheck',
    practice: 17,
    title: 'Do not turn health checks off',
    severity: 'warning',
    targets: ['dockerfile', 'compose'],
    docs: {
      summary:
        'The final image ends with `HEALTHCHECK NONE`, or a Compose service sets `healthcheck: {disable: true}` or `test: ["NONE"]`.',
      rationale:
        'A health check is how Docker, Compose (`depends_on: condition: service_healthy`), Swarm and ' +
        'orchestrators learn that a running container has stopped doing its job: a deadlocked server still has ' +
        'a live process. `NONE` also throws away a check the base image author wrote. Without it, a hung or ' +
        'compromised service keeps receiving traffic and nobody is alerted.',
      howToFix:
        'Remove `HEALTHCHECK NONE` (or the Compose override) and define a check that exercises the service, for ' +
        'example `HEALTHCHECK --interval=30s --timeout=3s CMD ["/app/healthcheck"]`, or in Compose ' +
        '`healthcheck: {test: ["CMD", "/app/healthcheck"], interval: 30s}`.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#healthcheck',
        'https://docs.docker.com/reference/compose-file/services/#healthcheck',
      ],
    },
    messages: {
      none: '"HEALTHCHECK NONE" turns off health checking for the image, including the base image\'s check; define a check instead',
      composeDisabled: 'Service "{service}" turns its health check off with "{key}"; define a test instead',
    },
    examples: {
      bad: [
        { kind: 'dockerfile', code: 'FROM nginx:1.27\nHEALTHCHECK NONE\n' },
        { kind: 'compose', code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      disable: true\n' },
      ],
      good: [
        { kind: 'dockerfile', code: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost/ || exit 1\n' },
        { kind: 'compose', code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "curl", "-fsS", "http://localhost/"]\n' },
      ],
    },
    aliases: { kics: ['healthcheck_not_set'] },
  },
  dockerfile({ model, report }) {
    const final = model.finalStage;
    if (!final) return;
    // The HEALTHCHECK that applies is the last one in the final stage or in the stages it builds on.
    for (const stage of stageChain(final)) {
      const checks = stage.instructions.filter((i) => i.keyword === 'HEALTHCHECK');
      const last = checks[checks.length - 1];
      if (!last) continue;
      const arg = last.args[0];
      if (arg && arg.value.toUpperCase() === 'NONE') report({ messageId: 'none', range: arg.range });
      return;
    }
  },
  compose({ model, report }) {
    for (const service of model.services) {
      const hc = childEntries(model, service.get('healthcheck'));
      const disable = hc.get('disable');
      if (disable && isTrue(disable.value)) {
        report({ messageId: 'composeDisabled', data: { service: service.name, key: 'disable' }, range: disable.range });
      }
      const test = hc.get('test');
      const first = isSeq(test?.value) ? model.items(test!.value)[0] : test?.value;
      if (test && scalarText(first)?.trim().toUpperCase() === 'NONE') {
        report({ messageId: 'composeDisabled', data: { service: service.name, key: 'test: NONE' }, range: test.range });
      }
    }
  },
});
