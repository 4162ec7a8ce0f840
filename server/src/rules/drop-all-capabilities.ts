import { defineRule } from '../rule-api/rule';
import { ownThenHarden } from '../fixes/harden-service';
import type { ComposeModel, Service } from '../parse/compose';
import { isTrue, textItems } from '../parse/compose-values';
import { dropAllCapabilities } from '../fixes/capability-edits';
import { capabilityName } from '../knowledge/capabilities';
import { extendsChain } from '../knowledge/service-extends';
import { isWindowsService } from '../knowledge/windows';

/** What a service's own `cap_drop` says: drops ALL, drops only some, depends on a variable, or is absent. */
function capDrop(model: ComposeModel, service: Service): 'all' | 'some' | 'unknown' | 'none' {
  const entry = service.get('cap_drop');
  if (!entry) return 'none';
  const items = textItems(model, entry);
  if (items.some((i) => capabilityName(i.text) === 'ALL')) return 'all';
  if (items.some((i) => i.text.includes('$'))) return 'unknown';
  return 'some';
}

export default defineRule({
  meta: {
    id: 'drop-all-capabilities',
    practice: 9,
    title: 'Drop all capabilities, then add back what is needed',
    severity: 'info',
    kind: 'advice',
    gapLabels: { missing: 'cap_drop: [ALL]', partial: 'cap_drop: [ALL] (it drops only some)' },
    severityReason: 'Advice: a hardening setting that is not present, not a defect; folded into `harden-service`.',
    targets: ['compose'],
    fix: 'suggestion',
    docs: {
      summary: 'A service has no `cap_drop` list that contains `ALL` (any case; `CAP_ALL` is not accepted by Docker).',
      rationale:
        'Docker gives every container a default set of Linux capabilities, among them CHOWN, DAC_OVERRIDE, FOWNER, ' +
        'SETUID, SETGID, NET_RAW and MKNOD. Most services need none of them once started, yet each one is a tool for ' +
        'an attacker who gets code execution: NET_RAW forges packets on the container network, DAC_OVERRIDE and FOWNER ' +
        'ignore file permissions, SETUID and SETGID switch to any user. Starting from an empty set and adding back only ' +
        'what the program needs shrinks what a compromise can do. Privileged services are left to `no-privileged`: ' +
        'Docker ignores `cap_drop` for them.',
      howToFix:
        'Add `cap_drop: [ALL]` and run the service; if it fails, add back the specific capabilities it needs with ' +
        '`cap_add` (an entrypoint that switches user usually needs `SETUID` and `SETGID`, one that fixes file ownership ' +
        '`CHOWN`). Binding ports below 1024 inside the container no longer needs `NET_BIND_SERVICE` on current Docker ' +
        'versions. A service that `extends` another in the same file inherits its `cap_drop`; one that extends a service ' +
        'in another file is not checked.',
      references: [
        'https://docs.docker.com/reference/compose-file/services/#cap_add',
        'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
        'https://man7.org/linux/man-pages/man7/capabilities.7.html',
      ],
    },
    messages: {
      missing: 'Service "{service}" keeps Docker\'s default capabilities; add "cap_drop: [ALL]" and add back only what it needs with "cap_add"',
      partial: 'Service "{service}" drops only some capabilities; drop "ALL" and add back only what it needs with "cap_add"',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  api:\n    image: api:2.3\n' }],
      good: [{ kind: 'compose', code: 'services:\n  api:\n    image: api:2.3\n    cap_drop:\n      - ALL\n    cap_add:\n      - NET_BIND_SERVICE\n' }],
    },
    aliases: {
      kics: ['container_capabilities_unrestricted'],
      'compose-lint': ['CL-0006'],
    },
  },
  compose({ model, report, fix }) {
    for (const service of model.services) {
      // Windows containers have no such Linux setting.
      if (!service.map || isWindowsService(model, service)) continue;
      const { chain, external } = extendsChain(model, service);
      if (chain.some((s) => isTrue(s.get('privileged')?.value))) continue;
      // Compose joins cap_drop lists along an extends chain: ALL anywhere in it is enough.
      const states = chain.map((s) => capDrop(model, s));
      if (states.includes('all') || states.includes('unknown') || external) continue;
      const own = service.get('cap_drop');
      const edit = dropAllCapabilities(model, service);
      // Its own fix, then the combined "harden this service" fix when that does more than adding ALL.
      const fixes = () => (edit ? ownThenHarden(model, service, fix, own && own.via === null ? 'Add "ALL" to "cap_drop"' : 'Add "cap_drop: [ALL]"', [edit]) : []);
      const messageId = states.includes('some') ? 'partial' : 'missing';
      report({ messageId, data: { service: service.name }, range: own ? own.range : service.keyRange, fixes });
    }
  },
});
