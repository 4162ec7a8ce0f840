import { isMap, isSeq, type Pair } from 'yaml';
import { defineRule } from '../rule-api/rule';
import { deleteInstruction } from '../edit/dockerfile-edits';
import { removeServiceEntry, removeServiceItem } from '../edit/yaml-service-edits';
import { childEntries, isTrue, scalarText } from '../parse/compose-values';
import { stageChain } from '../parse/dockerfile';

export default defineRule({
  meta: {
    id: 'no-disabled-healthcheck',
    practice: 17,
    title: 'Do not turn health checks off',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'Turning a health check off is a written decision that hides hung services; a reviewer should see it.',
    targets: ['dockerfile', 'compose'],
    fix: 'suggestion',
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
        '`healthcheck: {test: ["CMD", "/app/healthcheck"], interval: 30s}`. The quick fix removes `HEALTHCHECK NONE` from ' +
        'the final stage, or the `disable: true` / `test: NONE` entry (the whole `healthcheck:` when nothing else is left), ' +
        'so the base image\'s check applies again; it is only offered, since that check may not suit the service.',
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
  dockerfile({ model, report, fix }) {
    const final = model.finalStage;
    if (!final) return;
    // The HEALTHCHECK that applies is the last one in the final stage or in the stages it builds on.
    for (const stage of stageChain(final)) {
      const checks = stage.instructions.filter((i) => i.keyword === 'HEALTHCHECK');
      const last = checks[checks.length - 1];
      if (!last) continue;
      const arg = last.args[0];
      if (arg && arg.value.toUpperCase() === 'NONE') {
        // Only in the final stage: a stage it builds on may be the base of other stages too.
        const fixes = stage === final ? [fix('Remove "HEALTHCHECK NONE"', [deleteInstruction(model, last)])] : [];
        report({ messageId: 'none', range: arg.range, fixes });
      }
      return;
    }
  },
  compose({ model, report, fix }) {
    for (const service of model.services) {
      const healthcheck = service.get('healthcheck');
      const hc = childEntries(model, healthcheck);
      const disable = hc.get('disable');
      const test = hc.get('test');
      const first = isSeq(test?.value) ? model.items(test!.value)[0] : test?.value;
      const off = [disable && isTrue(disable.value) ? disable : null, test && scalarText(first)?.trim().toUpperCase() === 'NONE' ? test : null];
      // When nothing but the switches is left, the whole `healthcheck:` goes.
      const onlyOff = isMap(healthcheck?.value) && healthcheck.value.items.every((p) => off.some((e) => e?.pair === p));
      const remove = (entry: { pair: Pair; via: Pair | null }, title: string) => {
        if (!healthcheck || entry.via !== null) return [];
        const edit = onlyOff ? removeServiceEntry(model, service, healthcheck) : removeServiceItem(model, service, healthcheck, entry.pair);
        return edit ? [fix(title, [edit])] : [];
      };
      if (disable && off[0]) {
        const fixes = remove(disable, `Remove "disable: ${scalarText(disable.value)}"`);
        report({ messageId: 'composeDisabled', data: { service: service.name, key: 'disable' }, range: disable.range, fixes });
      }
      if (test && off[1]) {
        const fixes = remove(test, 'Remove the "test: NONE" health check override');
        report({ messageId: 'composeDisabled', data: { service: service.name, key: 'test: NONE' }, range: test.range, fixes });
      }
    }
  },
});
