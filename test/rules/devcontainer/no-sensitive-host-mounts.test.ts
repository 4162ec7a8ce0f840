import rule from '../../../server/src/rules/no-sensitive-host-mounts';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'project folders, volumes, X11 socket, time zone', code: '{\n  "mounts": ["source=${localWorkspaceFolder}/data,target=/data,type=bind", "source=cache,target=/home/vscode/.cache,type=volume"],\n  "runArgs": ["-v", "/tmp/.X11-unix:/tmp/.X11-unix", "-v", "/etc/localtime:/etc/localtime:ro"]\n}\n' },
    { name: 'the engine socket is the other rule', code: '{\n  "mounts": ["source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind"]\n}\n' },
  ],
  invalid: [
    {
      name: '${localEnv:HOME}${localEnv:USERPROFILE}/.ssh (the templates spelling)',
      code: '{\n  "mounts": [\n    // SSH keys for git\n    "source=${localEnv:HOME}${localEnv:USERPROFILE}/.ssh,target=/home/vscode/.ssh,type=bind,consistency=cached"\n  ]\n}\n',
      errors: [{ messageId: 'devcontainer', at: '4:5-4:112', message: 'The dev container mounts the host path "${localEnv:HOME}${localEnv:USERPROFILE}/.ssh", which holds SSH private keys; mount only the files it needs' }],
      output: '{\n  "mounts": [\n    // SSH keys for git\n  ]\n}\n',
    },
    {
      name: '-v /dev and --volume=/ in runArgs',
      code: '{\n  "runArgs": ["--volume=/dev:/dev", "--init", "-v", "/:/host:ro"]\n}\n',
      errors: [
        { messageId: 'devcontainer', at: '2:15-2:35' },
        { messageId: 'devcontainer', at: '2:47-2:65' },
      ],
      output: '{\n  "runArgs": ["--init"]\n}\n',
    },
  ],
});
