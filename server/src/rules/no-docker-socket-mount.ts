import { defineRule } from '../engine/rule';
import { volumes } from '../parse/compose-values';
import { boundVolumes, engineSocket, hostPathOf } from '../knowledge/host-paths';

export default defineRule({
  meta: {
    id: 'no-docker-socket-mount',
    practice: 2,
    title: 'Do not mount the container engine socket',
    severity: 'error',
    targets: ['compose'],
    docs: {
      summary:
        'A service bind-mounts a container engine socket (`docker.sock`, `containerd.sock`, `crio.sock`, `podman.sock`, ' +
        'the Windows `docker_engine` pipe) or a host directory that holds one (`/run`, `/var/run`, `/run/containerd`, `/run/user/<uid>`).',
      rationale:
        'The engine API accepts "start a privileged container with the host filesystem mounted", so a process that can ' +
        'reach the socket is root on the host. Mounting it read-only (`:ro`) does not help: the flag only stops the ' +
        'container from replacing the socket file, while connecting to it and sending API requests still works.',
      howToFix:
        'Remove the mount. Tools that need to watch containers can use a socket proxy that only allows the read-only ' +
        'endpoints they call (and is itself not exposed), and builds can use a rootless BuildKit or a remote builder. ' +
        'If the mount is unavoidable, treat the service as part of the host\'s trusted computing base.',
      references: [
        'https://docs.docker.com/engine/security/#docker-daemon-attack-surface',
        'https://docs.docker.com/engine/security/protect-access/',
      ],
    },
    messages: {
      socket: 'Service "{service}" mounts the container engine socket "{source}": whoever can reach it controls the host',
      socketReadOnly:
        'Service "{service}" mounts the container engine socket "{source}" read-only, but ":ro" does not restrict the API: whoever can reach it controls the host',
      directory: 'Service "{service}" mounts "{source}", a host directory that holds the container engine socket, so it controls the host',
      volume: 'Volume "{volume}" binds "{source}", a host directory that holds the container engine socket: a service that mounts it controls the host',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  agent:\n    image: portainer/agent:2.21\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n' }],
      good: [{ kind: 'compose', code: 'services:\n  agent:\n    image: portainer/agent:2.21\n    environment:\n      DOCKER_HOST: tcp://socket-proxy:2375\n' }],
    },
    aliases: {
      kics: ['docker_socket_mounted_in_container'],
      'compose-lint': ['CL-0001'],
      semgrep: ['exposing-docker-socket-volume'],
    },
  },
  compose({ model, report }) {
    for (const service of model.services) {
      for (const mount of volumes(model, service.get('volumes'))) {
        if (mount.type !== 'bind' && mount.type !== 'npipe') continue;
        const host = hostPathOf(mount.source);
        const kind = host && engineSocket(host);
        if (!kind) continue;
        const data = { service: service.name, source: mount.source ?? '' };
        const messageId = kind === 'directory' ? 'directory' : mount.readOnly ? 'socketReadOnly' : 'socket';
        report({ messageId, data, range: mount.range });
      }
    }
    for (const volume of boundVolumes(model)) {
      const host = hostPathOf(volume.source);
      if (host && engineSocket(host) === 'directory') {
        report({ messageId: 'volume', data: { volume: volume.name, source: volume.source }, range: volume.device.range });
      }
    }
  },
});
