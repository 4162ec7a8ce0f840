import { defineRule } from '../rule-api/rule';
import type { Node } from 'yaml';
import type { TextEdit } from '../core/types';
import { editInScalar, scalarSpan } from '../edit/compose-item-edits';
import { addMapEntries, ownPair, ownValue, rawItem, replaceNode } from '../edit/yaml-edits';
import type { ComposeModel, Entry, Service } from '../parse/compose';
import { isMap, isSeq, volumes, type VolumeMount } from '../parse/compose-values';
import { boundVolumesByName, mountedHostPath, sensitiveHostPath } from '../knowledge/host-paths';
import { devcontainerMounts } from '../knowledge/devcontainer-mounts';
import { removeDevcontainerMount } from '../fixes/run-args';

/** Makes a writable mount of the service's own list read-only: `:ro` in short syntax, `read_only: true` in long syntax. */
function readOnlyEdit(model: ComposeModel, service: Service, entry: Entry, mount: VolumeMount): { title: string; edit: TextEdit } | null {
  const seq = entry.pair.value;
  if (mount.readOnly || entry.via || !ownValue(service.pair) || !ownValue(entry.pair) || !isSeq(seq) || rawItem(model, seq, mount.node) !== mount.node) return null;
  if (isMap(mount.node)) {
    const own = ownPair(mount.node, 'read_only');
    const edit = own ? (ownValue(own) && own.value ? replaceNode(model, own.value as Node, 'true') : null) : addMapEntries(model, mount.node, { read_only: 'true' });
    return edit && { title: `Mount "${mount.source}" read-only (read_only: true)`, edit };
  }
  const span = scalarSpan(model, mount.node);
  if (!span) return null;
  if (mount.options.length === 0) return { title: `Mount "${mount.source}" read-only (":ro")`, edit: editInScalar(model, span, span.text.length, span.text.length, ':ro') };
  const from = span.text.lastIndexOf(':') + 1;
  const options = span.text.slice(from).split(',');
  const rw = options.indexOf('rw');
  const next = rw >= 0 ? options.map((o, i) => (i === rw ? 'ro' : o)) : [...options, 'ro'];
  return { title: `Mount "${mount.source}" read-only (":ro")`, edit: editInScalar(model, span, from, span.text.length, next.join(',')) };
}

export default defineRule({
  meta: {
    id: 'no-sensitive-host-mounts',
    practice: 7,
    title: 'Do not mount sensitive host paths',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'A mount of a sensitive host path lets the container read or change the host.',
    targets: ['compose', 'devcontainer'],
    fix: 'suggestion',
    docs: {
      summary:
        'A service or dev container (`mounts`, `-v`/`--mount` in `runArgs`) bind-mounts a sensitive host path, directly or through a named volume that binds it (`driver_opts: {type: none, ' +
        'o: bind, device: ...}`, reported where the volume is mounted): `/`, `/etc` or its secrets (`/etc/shadow`, `/etc/ssh`, ' +
        '`/etc/kubernetes`...), a writable cron or systemd directory, `/run/systemd`, `/proc`, `/sys` (a read-only `/sys/fs/cgroup` ' +
        'is fine), `/dev` and the sensitive devices in it (`/dev/shm`, `/dev/kmsg`, `/dev/mem`, disks such as `/dev/sda` or ' +
        '`/dev/md/*`), `/boot`, `/root`, `/var/lib/docker`, `/var/lib/kubelet`, `/lib/modules`, the system program directories, ' +
        'home directories and credential folders such as `~/.ssh` or `${HOME}/.aws`, or a directory that contains one of them.',
      rationale:
        'A bind mount puts that part of the host inside the container with the container\'s root as its owner. A ' +
        'writable `/etc`, `/root`, `/boot` or program directory lets the container plant a cron job, an SSH key or a ' +
        'modified binary that runs as root on the host; `/var/lib/docker` holds every other container\'s files; ' +
        '`/proc` and `/sys` expose kernel settings; and even read-only, the host\'s password hashes, SSH keys and cloud ' +
        'credentials are secrets the service should never see. Time zone files, `/etc/hosts` and paths inside the ' +
        'project are not flagged; engine sockets are reported by `no-docker-socket-mount`.',
      howToFix:
        'Mount only the specific files the program needs, read-only (`:ro`), from a directory of the project; put ' +
        'persistent data in a named volume; and pass credentials as Compose `secrets` instead of mounting a home ' +
        'directory. Monitoring agents that need `/proc` or `/`, mount them read-only and review that service closely. ' +
        'For a writable mount the quick fix makes it read-only (`:ro`, or `read_only: true` in long syntax); it is only ' +
        'offered, since the service can no longer write there. A read-only mount has no automatic fix: choose narrower files by hand. ' +
        'In a dev container, `${localEnv:HOME}` is your home directory: mount the one file a tool needs, or forward the SSH ' +
        'agent (VS Code does it for you) instead of mounting `~/.ssh`; the quick fix removes the mount.',
      references: [
        'https://docs.docker.com/engine/storage/bind-mounts/',
        'https://docs.docker.com/reference/compose-file/services/#volumes',
        'https://docs.docker.com/compose/how-tos/use-secrets/',
      ],
    },
    messages: {
      mount: 'Service "{service}" mounts the host path "{source}", which {why}; mount only the files it needs',
      volume: 'Service "{service}" mounts the volume "{volume}", which binds the host path "{source}"; that path {why}, so bind only the files the service needs',
      devcontainer: 'The dev container mounts the host path "{source}", which {why}; mount only the files it needs',
    },
    examples: {
      bad: [
        { kind: 'compose', code: 'services:\n  deploy:\n    image: deployer:1.2\n    volumes:\n      - ~/.ssh:/root/.ssh\n' },
        {
          kind: 'devcontainer',
          code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "mounts": ["source=${localEnv:HOME}/.aws,target=/home/vscode/.aws,type=bind"]\n}\n',
        },
      ],
      good: [
        { kind: 'compose', code: 'services:\n  deploy:\n    image: deployer:1.2\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - ./config:/app/config:ro\n' },
        {
          kind: 'devcontainer',
          code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "mounts": ["source=${localWorkspaceFolder}/.cache,target=/home/vscode/.cache,type=bind"]\n}\n',
        },
      ],
    },
    aliases: {
      kics: ['volume_has_sensitive_host_directory'],
      'compose-lint': ['CL-0013', 'CL-0025'],
    },
  },
  compose({ model, report, fix }) {
    const bound = boundVolumesByName(model);
    for (const service of model.services) {
      const entry = service.get('volumes');
      for (const mount of volumes(model, entry)) {
        const host = mountedHostPath(mount, bound);
        const hit = host && sensitiveHostPath(host.path, host.readOnly);
        if (!host || !hit) continue;
        if (host.volume) {
          const data = { service: service.name, volume: host.volume.name, source: host.volume.source, why: hit.why };
          report({ messageId: 'volume', data, range: mount.range });
          continue;
        }
        const ro = entry && readOnlyEdit(model, service, entry, mount);
        const fixes = ro ? [fix(ro.title, [ro.edit])] : [];
        report({ messageId: 'mount', data: { service: service.name, source: mount.source ?? '', why: hit.why }, range: mount.range, fixes });
      }
    }
  },
  devcontainer({ model, report, fix }) {
    for (const mount of devcontainerMounts(model)) {
      const hit = mount.host && sensitiveHostPath(mount.host, mount.readOnly);
      if (!hit) continue;
      const fixes = [fix(`Remove the "${mount.source}" mount`, removeDevcontainerMount(model, mount))];
      report({ messageId: 'devcontainer', data: { source: mount.source, why: hit.why }, range: mount.range, fixes });
    }
  },
});
