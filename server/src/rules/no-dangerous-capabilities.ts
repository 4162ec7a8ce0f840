import { defineRule } from '../rule-api/rule';
import { removeServiceItem } from '../edit/yaml-service-edits';
import { scalarText, textItems } from '../parse/compose-values';
import { capabilityName, capabilityRisk, type ServiceNamespaces } from '../knowledge/capabilities';
import { removeChildren } from '../edit/json-edits';
import { removeRunOptions } from '../fixes/run-args';
import { runOptions } from '../knowledge/docker-run';

export default defineRule({
  meta: {
    id: 'no-dangerous-capabilities',
    practice: 3,
    title: 'Do not add capabilities that reach the host or weaken isolation',
    severity: 'error',
    kind: 'risk',
    severityReason: 'An error: each listed capability is a known path from the container to the host.',
    targets: ['compose', 'devcontainer'],
    fix: 'suggestion',
    docs: {
      summary:
        'A service adds, with `cap_add` (a dev container with `capAdd` or `--cap-add` in `runArgs`), a capability that reaches the host kernel, host files or host processes (an error): ' +
        '`ALL`, `SYS_ADMIN`, `SYS_MODULE`, `SYS_RAWIO`, `DAC_READ_SEARCH`, `BPF`, `PERFMON`, `SYS_TIME`, `SYS_PTRACE` with a shared PID ' +
        'namespace (`pid: host`, `service:…`, `container:…`), `NET_ADMIN` with `network_mode: host`; or one whose grant is bounded but ' +
        'still crosses the container\'s boundary (a warning): `SYS_PTRACE`, `NET_ADMIN`, `NET_RAW`, `SYSLOG`, `SYS_BOOT`, `SYS_NICE`, ' +
        '`IPC_LOCK`, `LEASE`, `MKNOD`. A dev container is told only of the first group: debugging tools in a dev container ' +
        'commonly need `SYS_PTRACE` in its own PID namespace.',
      rationale:
        'Docker starts containers with a short list of capabilities and its seccomp profile keeps the matching system ' +
        'calls closed; adding a capability opens them again. The first group are known routes out of the container: ' +
        '`SYS_ADMIN` mounts filesystems and is the basis of most escapes, `SYS_MODULE` loads code into the host kernel, ' +
        '`DAC_READ_SEARCH` reads any host file by handle (the "Shocker" escape), `SYS_RAWIO` touches hardware directly, ' +
        '`BPF` and `PERFMON` load programs into and observe the whole host kernel, `SYS_TIME` moves the host clock (time is ' +
        'not namespaced), `SYS_PTRACE` in a shared PID namespace injects code into the host\'s or another container\'s processes, ' +
        'and `NET_ADMIN` on the host network rewrites the host firewall. `ALL` grants all of them.\n\n' +
        'The second group stays short of a takeover but still weakens isolation: `SYS_PTRACE` in the container\'s own PID ' +
        'namespace reads the memory of every process there (and on old kernels slips past seccomp), `NET_ADMIN` and `NET_RAW` ' +
        'let the container sniff, redirect and spoof traffic on its network, `SYSLOG` reads the host kernel log, `SYS_NICE`, ' +
        '`IPC_LOCK` and `LEASE` let it starve the host of CPU, memory or file access, `SYS_BOOT` reaches `reboot`/`kexec`, ' +
        'and `MKNOD` creates device nodes. `NET_RAW` and `MKNOD` are Docker defaults: adding them back after `cap_drop: [ALL]` ' +
        'is still a grant worth a second look. Capabilities such as `NET_BIND_SERVICE`, `CHOWN` or `SETUID` are not flagged.',
      howToFix:
        'Remove the capability and find the narrow one the program needs (`man 7 capabilities`), ideally on top of ' +
        '`cap_drop: [ALL]`. Keep debugger and profiler sidecars that need `SYS_PTRACE` in their own PID namespace, or share ' +
        'only the one service they inspect, and never `pid: host`. If the workload truly needs host-level access, run it on the ' +
        'host or in a VM; if you accept the risk for one capability (a VPN that needs `NET_ADMIN`, an NTP daemon that needs ' +
        '`SYS_TIME`), list it in this rule\'s `allowed` option, or add a `# bulkhead-ignore no-dangerous-capabilities -- reason` ' +
        'comment that records why. The quick fix removes the item (the whole `cap_add` when it was the only one); it is only ' +
        'offered, since the program may fail where it used the capability.',
      references: [
        'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
        'https://docs.docker.com/engine/security/seccomp/',
        'https://man7.org/linux/man-pages/man7/capabilities.7.html',
      ],
    },
    messages: {
      capability: 'Service "{service}" adds the "{cap}" capability, which {why}; remove it or grant a narrower one',
      boundedCapability: 'Service "{service}" adds the "{cap}" capability, which {why}; remove it unless the service needs it',
      devcontainer: 'The dev container adds the "{cap}" capability, which {why}; remove it or grant a narrower one',
    },
    messageSeverity: { boundedCapability: 'warning' },
    options: {
      allowed: {
        type: 'string[]',
        default: [],
        description: 'Capabilities to accept anyway (for example `SYS_PTRACE` for a debugging profile); `CAP_` prefix and case do not matter.',
      },
    },
    examples: {
      bad: [
        { kind: 'compose', code: 'services:\n  vpn:\n    image: vpn:2.1\n    cap_add:\n      - SYS_ADMIN\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "runArgs": ["--cap-add=SYS_ADMIN"]\n}\n' },
      ],
      good: [
        { kind: 'compose', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add:\n      - NET_BIND_SERVICE\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/go:1-1.23-bookworm",\n  "capAdd": ["SYS_PTRACE"]\n}\n' },
      ],
    },
    aliases: {
      kics: ['container_capabilities_unrestricted'],
      'compose-lint': ['CL-0011', 'CL-0024', 'CL-0027', 'CL-0028', 'CL-0029', 'CL-0030'],
    },
  },
  compose({ model, report, fix, options }) {
    const allowed = new Set(((options.allowed as string[] | undefined) ?? []).map((c) => capabilityName(String(c))));
    for (const service of model.services) {
      const pid = scalarText(service.get('pid')?.value)?.trim().toLowerCase() ?? '';
      // `net:` is the version-1 spelling of network_mode.
      const network = scalarText(service.get('network_mode')?.value ?? service.get('net')?.value)?.trim().toLowerCase() ?? '';
      const ns = { sharedPid: pid === 'host' || /^(service|container):./.test(pid), hostNetwork: network === 'host' };
      const entry = service.get('cap_add');
      const hits = textItems(model, entry).flatMap((item) => {
        const name = capabilityName(item.text);
        const risk = name !== null && !allowed.has(name) ? capabilityRisk(name, ns) : undefined;
        return risk ? [{ item, risk }] : [];
      });
      for (const { item, risk } of hits) {
        const edit = entry && removeServiceItem(model, service, entry, item.node, hits.map((h) => h.item.node));
        const fixes = edit ? [fix(`Remove "${item.text.trim()}" from cap_add`, [edit])] : [];
        const messageId = risk.reach === 'host' ? 'capability' : 'boundedCapability';
        report({ messageId, data: { service: service.name, cap: item.text.trim(), why: risk.why }, range: item.range, fixes });
      }
    }
  },
  devcontainer({ model, report, fix, options }) {
    const allowed = new Set(((options.allowed as string[] | undefined) ?? []).map((c) => capabilityName(String(c))).filter((c): c is string => c !== null));
    const run = runOptions(model);
    const valueOf = (flag: string) => run.find((o) => o.name === flag)?.value?.trim().toLowerCase() ?? '';
    const pid = valueOf('--pid');
    const ns: ServiceNamespaces = { sharedPid: pid === 'host' || /^container:./.test(pid), hostNetwork: valueOf('--network') === 'host' || valueOf('--net') === 'host' };
    // Only capabilities that reach the host: debuggers in a dev container commonly need SYS_PTRACE in its own PID namespace.
    const hostRisk = (written: string) => {
      const name = capabilityName(written);
      const risk = name !== null && !allowed.has(name) ? capabilityRisk(name, ns) : undefined;
      return risk?.reach === 'host' ? risk : undefined;
    };
    const capAdd = model.get('capAdd')?.value;
    const hits = model.items(capAdd).flatMap((node) => {
      const text = model.stringValue(node);
      const risk = text === null ? undefined : hostRisk(text);
      return risk && text !== null ? [{ node, text: text.trim(), risk }] : [];
    });
    for (const { node, text, risk } of hits) {
      report({ messageId: 'devcontainer', data: { cap: text, why: risk.why }, range: model.rangeOf(node), fixes: [fix(`Remove "${text}" from capAdd`, removeChildren(model, capAdd!, [node]))] });
    }
    for (const o of run) {
      const risk = o.name === '--cap-add' && o.value !== null ? hostRisk(o.value) : undefined;
      if (!risk) continue;
      report({ messageId: 'devcontainer', data: { cap: o.value!.trim(), why: risk.why }, range: model.range(o.start, o.end), fixes: [fix(`Remove "--cap-add ${o.value!.trim()}" from runArgs`, removeRunOptions(model, [o]))] });
    }
  },
});
