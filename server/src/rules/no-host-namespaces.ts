import { entryOf } from '../core/entry';
import { defineRule } from '../rule-api/rule';
import { removeServiceEntry } from '../edit/yaml-service-edits';
import { scalarText } from '../parse/compose-values';
import { removeRunOptions } from '../fixes/run-args';
import { runOptions } from '../knowledge/docker-run';

/** `docker run` flags that join a namespace, by the Compose key of the same namespace. */
const RUN_FLAGS: Readonly<Record<string, string>> = { '--pid': 'pid', '--ipc': 'ipc', '--uts': 'uts', '--userns': 'userns_mode', '--network': 'network_mode', '--cgroupns': 'cgroup' };

/** Service keys that can join a host namespace, and what sharing it hands the container. */
const NAMESPACES: Readonly<Record<string, { namespace: string; exposes: string }>> = {
  pid: { namespace: 'PID', exposes: 'it can see every host process, read their environment and signal them' },
  ipc: { namespace: 'IPC', exposes: "it can read and write the host's shared memory, semaphores and message queues" },
  uts: { namespace: 'UTS', exposes: "it shares the host's hostname and, with CAP_SYS_ADMIN, can change it" },
  userns_mode: { namespace: 'user', exposes: 'user namespace remapping is off, so root in the container is root on the host' },
  network_mode: { namespace: 'network', exposes: 'it can bind any host port and reach services that listen only on the host\'s localhost' },
  net: { namespace: 'network', exposes: 'it can bind any host port and reach services that listen only on the host\'s localhost' },
  cgroup: { namespace: 'cgroup', exposes: "it sees the host's whole cgroup tree, including every other container's" },
};

export default defineRule({
  meta: {
    id: 'no-host-namespaces',
    practice: 7,
    title: 'Do not share host namespaces',
    severity: 'error',
    kind: 'risk',
    severityReason: 'An error: the host\'s PID, IPC or network namespace removes the isolation the container exists for.',
    targets: ['compose', 'devcontainer'],
    fix: 'suggestion',
    docs: {
      summary:
        'A service joins a namespace of the host: `pid: host`, `ipc: host`, `uts: host`, `userns_mode: host`, ' +
        '`network_mode: host` or `cgroup: host` (any case, quoted or not); in a dev container\'s `runArgs`, ' +
        '`--pid`, `--ipc`, `--uts`, `--userns`, `--network` (`--net`) or `--cgroupns` set to `host`.',
      rationale:
        'Namespaces are what make a container see its own processes, network and users instead of the host\'s. ' +
        'Each `host` value removes one wall: with the host PID namespace the container can inspect and signal host ' +
        'processes, with the host network it can reach every service bound to the host\'s localhost and listen on any ' +
        'port, with the host IPC namespace it can read other programs\' shared memory, and without user namespace ' +
        'remapping container root is host root.',
      howToFix:
        'Remove the key so the service gets its own namespace. If two services truly must share one, sharing with ' +
        'that service (`pid: "service:db"`) exposes far less than the host, though `no-shared-namespaces` still asks ' +
        'you to look at it. For networking, publish the ports the service needs under `ports:` rather than using the ' +
        'host network. The quick fix removes the entry; it is only offered, since a ' +
        'service that relied on the host namespace (a monitoring agent, a host-network proxy) stops working as before.',
      references: [
        'https://docs.docker.com/reference/compose-file/services/#pid',
        'https://docs.docker.com/reference/compose-file/services/#network_mode',
        'https://docs.docker.com/engine/security/userns-remap/',
      ],
    },
    messages: {
      hostNamespace: 'Service "{service}" shares the host {namespace} namespace ("{key}: host"): {exposes}',
      devcontainer: 'The dev container shares the host {namespace} namespace ("{flag}"): {exposes}',
    },
    examples: {
      bad: [
        { kind: 'compose', code: 'services:\n  monitor:\n    image: monitor:1.0\n    pid: host\n    network_mode: host\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "runArgs": ["--network=host"]\n}\n' },
      ],
      good: [
        { kind: 'compose', code: 'services:\n  monitor:\n    image: monitor:1.0\n    ports:\n      - "127.0.0.1:9100:9100"\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "forwardPorts": [3000]\n}\n' },
      ],
    },
    aliases: {
      kics: ['host_namespace_is_shared', 'shared_host_ipc_namespace', 'shared_host_network_namespace', 'shared_host_user_namespace'],
      'compose-lint': ['CL-0008', 'CL-0010'],
    },
  },
  compose({ model, report, fix }) {
    for (const service of model.services) {
      for (const [key, { namespace, exposes }] of Object.entries(NAMESPACES)) {
        const entry = service.get(key);
        if (entry && scalarText(entry.value)?.trim().toLowerCase() === 'host') {
          const edit = removeServiceEntry(model, service, entry);
          const fixes = edit ? [fix(`Remove "${key}: ${scalarText(entry.value)?.trim()}"`, [edit])] : [];
          report({ messageId: 'hostNamespace', data: { service: service.name, namespace, key, exposes }, range: entry.range, fixes });
        }
      }
    }
  },
  devcontainer({ model, report, fix }) {
    for (const o of runOptions(model)) {
      const key = entryOf(RUN_FLAGS, o.name);
      if (!key || o.value?.trim().toLowerCase() !== 'host') continue;
      const { namespace, exposes } = NAMESPACES[key];
      const flag = `${o.written}${o.valueWord ? ' ' : '='}${o.value.trim()}`;
      report({ messageId: 'devcontainer', data: { namespace, flag, exposes }, range: model.range(o.start, o.end), fixes: [fix(`Remove "${flag}" from runArgs`, removeRunOptions(model, [o]))] });
    }
  },
});
