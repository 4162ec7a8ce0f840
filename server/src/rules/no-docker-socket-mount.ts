import { defineRule } from '../rule-api/rule';
import { removeServiceItem } from '../edit/yaml-service-edits';
import { volumes } from '../parse/compose-values';
import { boundVolumesByName, engineSocket, hostPathOf, mountedHostPath } from '../knowledge/host-paths';
import { removeDevcontainerMount, removeRunOptions } from '../fixes/run-args';
import { riskyFeatures } from '../knowledge/devcontainer-features';
import { devcontainerMounts } from '../knowledge/devcontainer-mounts';
import { runOptions } from '../knowledge/docker-run';

export default defineRule({
  meta: {
    id: 'no-docker-socket-mount',
    practice: 2,
    title: 'Do not mount the container engine socket',
    severity: 'error',
    kind: 'risk',
    severityReason: 'An error: the Docker socket is root on the host for whoever can reach it.',
    targets: ['dockerfile', 'compose', 'devcontainer'],
    fix: 'suggestion',
    docs: {
      summary:
        'A service or dev container (`mounts`, `-v`/`--mount` in `runArgs`, the `docker-outside-of-docker` Feature) bind-mounts a container engine socket (`docker.sock`, `containerd.sock`, `crio.sock`, `podman.sock`, ' +
        'the Windows `docker_engine` pipe) or a host directory that holds one (`/run`, `/var/run`, `/run/containerd`, `/run/user/<uid>`), ' +
        'directly or through a named volume that binds it (`driver_opts: {type: none, o: bind, device: /var/run/docker.sock}`), ' +
        'or a Dockerfile build step asks for one with `RUN --mount=type=bind,source=/var/run/docker.sock,...`. An anonymous volume ' +
        'at `/var/run/docker.sock` (no host path) is an empty directory, not the host\'s socket, and is not reported.',
      rationale:
        'The engine API accepts "start a privileged container with the host filesystem mounted", so a process that can ' +
        'reach the socket is root on the host. Mounting it read-only (`:ro`) does not help: the flag only stops the ' +
        'container from replacing the socket file, while connecting to it and sending API requests still works. ' +
        'In a Dockerfile, a `RUN --mount` of the socket is an attempt to drive the engine from inside the build: BuildKit ' +
        'takes bind sources from the build context (or from the stage or image named by `from=`, which is not reported), and ' +
        'builders that have resolved such paths on the host (Buildah before 1.35.1) handed the build step the host engine.',
      howToFix:
        'Remove the mount. Tools that need to watch containers can use a socket proxy that only allows the read-only ' +
        'endpoints they call (and is itself not exposed), and builds can use a rootless BuildKit or a remote builder. ' +
        'If the mount is unavoidable, treat the service as part of the host\'s trusted computing base. In Compose and dev ' +
        'containers the quick fix removes the mount (a suggestion: whatever used the socket stops working). The ' +
        '`docker-outside-of-docker` Feature (formerly `docker-from-docker`) mounts the socket by itself: if the dev container ' +
        'only builds images, a rootless builder or a remote Docker host avoids it. In a Dockerfile, remove the `--mount` ' +
        'by hand and build images with `docker build` outside the build rather than from a build step.',
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
      buildSocket: 'This build step mounts the container engine socket "{source}": whoever can reach it controls the host',
      buildDirectory: 'This build step mounts "{source}", a directory that holds the container engine socket, so it controls the host',
      volumeSocket: 'Service "{service}" mounts the volume "{volume}", which binds the container engine socket "{source}": whoever can reach it controls the host',
      volumeDirectory: 'Service "{service}" mounts the volume "{volume}", which binds "{source}", a host directory that holds the container engine socket, so it controls the host',
      devcontainerSocket: 'The dev container mounts the container engine socket "{source}": whoever can reach it controls the host',
      devcontainerDirectory: 'The dev container mounts "{source}", a host directory that holds the container engine socket, so it controls the host',
      feature:
        'Feature "{id}" mounts the host\'s Docker socket into the dev container: any process in it controls the host\'s Docker engine; ' +
        'if it only builds images, use a rootless builder or a remote Docker host',
      apiSocket: '"{flag}" in runArgs mounts the Docker API socket into the dev container: whoever can reach it controls the host',
    },
    examples: {
      bad: [
        { kind: 'compose', code: 'services:\n  agent:\n    image: portainer/agent:2.21\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n' },
        { kind: 'dockerfile', code: 'FROM docker:27-cli\nRUN --mount=type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock docker ps\n' },
        {
          kind: 'devcontainer',
          code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "mounts": ["source=/var/run/docker.sock,target=/var/run/docker-host.sock,type=bind"]\n}\n',
        },
      ],
      good: [
        { kind: 'compose', code: 'services:\n  agent:\n    image: portainer/agent:2.21\n    environment:\n      DOCKER_HOST: tcp://socket-proxy:2375\n' },
        { kind: 'dockerfile', code: 'FROM golang:1.23\nRUN --mount=type=bind,source=go.sum,target=go.sum --mount=type=cache,target=/root/.cache go mod download\n' },
        {
          kind: 'devcontainer',
          code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "mounts": ["source=devcontainer-cache,target=/home/vscode/.cache,type=volume"]\n}\n',
        },
      ],
    },
    aliases: {
      kics: ['docker_socket_mounted_in_container'],
      'compose-lint': ['CL-0001'],
      semgrep: ['exposing-docker-socket-volume'],
    },
  },
  dockerfile({ model, report }) {
    for (const outer of model.instructions) {
      const instr = outer.trigger ?? outer;
      if (instr.keyword !== 'RUN') continue;
      for (const mount of instr.mounts) {
        // A bind mount (the default type) of the build host's path; `from=` binds from an image or stage instead.
        const src = mount.type === 'bind' && !mount.option('from') ? (mount.option('source') ?? mount.option('src')) : undefined;
        const source = src && model.resolve(src.value, outer).value;
        const host = source ? hostPathOf(source) : null;
        const kind = host && engineSocket(host);
        if (!src || !kind) continue;
        report({ messageId: kind === 'directory' ? 'buildDirectory' : 'buildSocket', data: { source: src.value }, range: model.range(src.start, src.end) });
      }
    }
  },
  compose({ model, report, fix }) {
    const bound = boundVolumesByName(model);
    for (const service of model.services) {
      const entry = service.get('volumes');
      const hits = volumes(model, entry).flatMap((mount) => {
        const host = mountedHostPath(mount, bound);
        const kind = host && engineSocket(host.path);
        return host && kind ? [{ mount, kind, volume: host.volume, readOnly: host.readOnly }] : [];
      });
      for (const { mount, kind, volume, readOnly } of hits) {
        const data: Record<string, string> = volume ? { service: service.name, volume: volume.name, source: volume.source } : { service: service.name, source: mount.source ?? '' };
        const messageId = volume ? (kind === 'directory' ? 'volumeDirectory' : 'volumeSocket') : kind === 'directory' ? 'directory' : readOnly ? 'socketReadOnly' : 'socket';
        const edit = entry && removeServiceItem(model, service, entry, mount.node, hits.map((h) => h.mount.node));
        report({ messageId, data, range: mount.range, fixes: edit ? [fix(`Remove the "${mount.source}" mount`, [edit])] : [] });
      }
    }
  },
  devcontainer({ model, report, fix }) {
    for (const mount of devcontainerMounts(model)) {
      const kind = mount.host && engineSocket(mount.host);
      if (!kind) continue;
      const fixes = [fix(`Remove the "${mount.source}" mount`, removeDevcontainerMount(model, mount))];
      report({ messageId: kind === 'directory' ? 'devcontainerDirectory' : 'devcontainerSocket', data: { source: mount.source }, range: mount.range, fixes });
    }
    for (const o of runOptions(model)) {
      if (o.name !== '--use-api-socket' || (o.value !== null && !/^(true|1)$/i.test(o.value))) continue;
      const flag = model.text.slice(o.flag.start, o.flag.end).replace(/^"|"$/g, '');
      report({ messageId: 'apiSocket', data: { flag }, range: model.range(o.start, o.end), fixes: [fix(`Remove "${flag}" from runArgs`, removeRunOptions(model, [o]))] });
    }
    for (const f of riskyFeatures(model)) {
      if (f.effect === 'socket') report({ messageId: 'feature', data: { id: f.id }, range: f.range });
    }
  },
});
