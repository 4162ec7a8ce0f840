import { defineRule } from '../engine/rule';
import { volumes } from '../parse/compose-values';
import { boundVolumes, hostPathOf, sensitiveHostPath } from '../knowledge/host-paths';

export default defineRule({
  meta: {
    id: 'no-sensitive-host-mounts',
    practice: 7,
    title: 'Do not mount sensitive host paths',
    severity: 'warning',
    targets: ['compose'],
    docs: {
      summary:
        'A service bind-mounts (or a named volume binds) a sensitive host path: `/`, `/etc` or its secrets (`/etc/shadow`, ' +
        '`/etc/ssh`, `/etc/kubernetes`...), `/proc`, `/sys`, `/dev`, `/boot`, `/root`, `/var/lib/docker`, `/var/lib/kubelet`, ' +
        '`/lib/modules`, the system program directories, home directories and credential folders such as `~/.ssh` or ' +
        '`${HOME}/.aws`, or a directory that contains one of them.',
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
        'directory. Monitoring agents that need `/proc` or `/`, mount them read-only and review that service closely.',
      references: [
        'https://docs.docker.com/engine/storage/bind-mounts/',
        'https://docs.docker.com/reference/compose-file/services/#volumes',
        'https://docs.docker.com/compose/how-tos/use-secrets/',
      ],
    },
    messages: {
      mount: 'Service "{service}" mounts the host path "{source}", which {why}; mount only the files it needs',
      volume: 'Volume "{volume}" binds the host path "{source}", which {why}; bind only the files a service needs',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  deploy:\n    image: deployer:1.2\n    volumes:\n      - ~/.ssh:/root/.ssh\n' }],
      good: [{ kind: 'compose', code: 'services:\n  deploy:\n    image: deployer:1.2\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - ./config:/app/config:ro\n' }],
    },
    aliases: {
      kics: ['volume_has_sensitive_host_directory'],
      'compose-lint': ['CL-0013', 'CL-0025'],
    },
  },
  compose({ model, report }) {
    for (const service of model.services) {
      for (const mount of volumes(model, service.get('volumes'))) {
        if (mount.type !== 'bind') continue;
        const host = hostPathOf(mount.source);
        const hit = host && sensitiveHostPath(host, mount.readOnly);
        if (hit) report({ messageId: 'mount', data: { service: service.name, source: mount.source ?? '', why: hit.why }, range: mount.range });
      }
    }
    for (const volume of boundVolumes(model)) {
      const host = hostPathOf(volume.source);
      const hit = host && sensitiveHostPath(host, volume.readOnly);
      if (hit) report({ messageId: 'volume', data: { volume: volume.name, source: volume.source, why: hit.why }, range: volume.device.range });
    }
  },
});
