import rule from '../../../server/src/rules/no-docker-socket-mount';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'volumes and project binds', code: '{\n  "mounts": ["source=dind-var-lib-docker,target=/var/lib/docker,type=volume", { "source": "${localWorkspaceFolder}/.cache", "target": "/cache", "type": "bind" }]\n}\n' },
    { name: 'the socket only in comments', code: '{\n  // "mounts": ["source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind"],\n  "image": "debian:12"\n}\n' },
    { name: 'a socket path that is a volume name target', code: '{\n  "runArgs": ["-v", "sockets:/var/run/docker.sock"]\n}\n' },
    { name: 'other Features', code: '{\n  "features": { "ghcr.io/devcontainers/features/node:1": {} }\n}\n' },
  ],
  invalid: [
    {
      name: 'mounts string form, on its own line with a trailing comma',
      code: '{\n  "mounts": [\n    "source=/var/run/docker.sock,target=/var/run/docker-host.sock,type=bind",\n  ],\n}\n',
      errors: [{ messageId: 'devcontainerSocket', at: '3:5-3:77', message: 'The dev container mounts the container engine socket "/var/run/docker.sock": whoever can reach it controls the host' }],
      output: '{\n  "mounts": [\n  ],\n}\n',
    },
    {
      name: 'mounts object form',
      code: '{\n  "mounts": [{ "source": "/var/run/docker.sock", "target": "/var/run/docker.sock", "type": "bind" }]\n}\n',
      errors: [{ messageId: 'devcontainerSocket', at: '2:14-2:100' }],
      output: '{\n  "mounts": []\n}\n',
    },
    {
      name: '-v VALUE, --volume=VALUE and --mount in runArgs',
      code: '{\n  "runArgs": ["--init", "-v", "/var/run/docker.sock:/var/run/docker.sock", "-t", "--volume=/run:/host-run", "-i", "--mount", "type=bind,src=/run/containerd/containerd.sock,dst=/c.sock"]\n}\n',
      errors: [
        { messageId: 'devcontainerSocket', at: '2:25-2:74' },
        { messageId: 'devcontainerDirectory', at: '2:82-2:107' },
        { messageId: 'devcontainerSocket', at: '2:115-2:185' },
      ],
      output: '{\n  "runArgs": ["--init", "-t", "-i"]\n}\n',
    },
    {
      name: 'docker-outside-of-docker and the legacy docker-from-docker Features',
      code: '{\n  "features": {\n    "ghcr.io/devcontainers/features/docker-outside-of-docker:1": {},\n    "docker-from-docker": "latest"\n  }\n}\n',
      errors: [
        { messageId: 'feature', at: '3:5-3:64', message: 'Feature "ghcr.io/devcontainers/features/docker-outside-of-docker:1" mounts the host\'s Docker socket into the dev container: any process in it controls the host\'s Docker engine; if it only builds images, use a rootless builder or a remote Docker host' },
        { messageId: 'feature', at: '4:5-4:25' },
      ],
    },
    {
      name: '--use-api-socket',
      code: '{\n  "runArgs": ["--use-api-socket"]\n}\n',
      errors: [{ messageId: 'apiSocket', at: '2:15-2:33' }],
      output: '{\n  "runArgs": []\n}\n',
    },
  ],
});
