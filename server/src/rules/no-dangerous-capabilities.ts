import { defineRule } from '../rule-api/rule';
import { removeServiceItem } from '../edit/yaml-service-edits';
import { scalarText, textItems } from '../parse/compose-values';
import { capabilityName, HOST_CAPABILITIES } from '../knowledge/capabilities';

export default defineRule({
  meta: {
    id: 'no-dangerous-capabilities',
    practice: 3,
    title: 'Do not add capabilities that reach the host',
    severity: 'error',
    kind: 'risk',
    severityReason: 'An error: each listed capability is a known path from the container to the host.',
    targets: ['compose'],
    fix: 'suggestion',
    docs: {
      summary:
        'A service adds, with `cap_add`, a capability that reaches the host kernel, host files or host processes: ' +
        '`ALL`, `SYS_ADMIN`, `SYS_MODULE`, `SYS_RAWIO`, `DAC_READ_SEARCH`, `BPF`, `PERFMON`, or `SYS_PTRACE` together with `pid: host`.',
      rationale:
        'Docker starts containers with a short list of capabilities and its seccomp profile keeps the matching system ' +
        'calls closed; adding a capability opens them again. These ones are known routes out of the container: ' +
        '`SYS_ADMIN` mounts filesystems and is the basis of most escapes, `SYS_MODULE` loads code into the host kernel, ' +
        '`DAC_READ_SEARCH` reads any host file by handle (the "Shocker" escape), `SYS_RAWIO` touches hardware directly, ' +
        '`BPF` and `PERFMON` load programs into and observe the whole host kernel, and `SYS_PTRACE` with the host PID ' +
        'namespace injects code into host processes. `ALL` grants all of them. Capabilities such as `NET_BIND_SERVICE`, ' +
        '`CHOWN` or `NET_ADMIN` stay inside the container and are not flagged.',
      howToFix:
        'Remove the capability and find the narrow one the program needs (`man 7 capabilities`), ideally on top of ' +
        '`cap_drop: [ALL]`. If the workload truly needs host-level access, run it on the host or in a VM; if you accept ' +
        'the risk for one capability, list it in this rule\'s `allowed` option. The quick fix removes the item (the whole ' +
        '`cap_add` when it was the only one); it is only offered, since the program may fail where it used the capability.',
      references: [
        'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
        'https://docs.docker.com/engine/security/seccomp/',
        'https://man7.org/linux/man-pages/man7/capabilities.7.html',
      ],
    },
    messages: {
      capability: 'Service "{service}" adds the "{cap}" capability, which {why}; remove it or grant a narrower one',
    },
    options: {
      allowed: {
        type: 'string[]',
        default: [],
        description: 'Capabilities to accept anyway (for example `SYS_PTRACE` for a debugging profile); `CAP_` prefix and case do not matter.',
      },
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  vpn:\n    image: vpn:2.1\n    cap_add:\n      - SYS_ADMIN\n' }],
      good: [{ kind: 'compose', code: 'services:\n  vpn:\n    image: vpn:2.1\n    cap_drop: [ALL]\n    cap_add:\n      - NET_ADMIN\n' }],
    },
    aliases: {
      kics: ['container_capabilities_unrestricted'],
      'compose-lint': ['CL-0011', 'CL-0024', 'CL-0028'],
    },
  },
  compose({ model, report, fix, options }) {
    const allowed = new Set(((options.allowed as string[] | undefined) ?? []).map((c) => capabilityName(String(c))));
    for (const service of model.services) {
      const hostPid = scalarText(service.get('pid')?.value)?.trim().toLowerCase() === 'host';
      const entry = service.get('cap_add');
      const hits = textItems(model, entry).flatMap((item) => {
        const name = capabilityName(item.text);
        const risk = name !== null ? HOST_CAPABILITIES[name] : undefined;
        return !name || !risk || allowed.has(name) || (risk.onlyWithHostPid && !hostPid) ? [] : [{ item, risk }];
      });
      for (const { item, risk } of hits) {
        const edit = entry && removeServiceItem(model, service, entry, item.node, hits.map((h) => h.item.node));
        const fixes = edit ? [fix(`Remove "${item.text.trim()}" from cap_add`, [edit])] : [];
        report({ messageId: 'capability', data: { service: service.name, cap: item.text.trim(), why: risk.why }, range: item.range, fixes });
      }
    }
  },
});
