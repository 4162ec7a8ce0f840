import rule from '../../../server/src/rules/no-privileged';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'dev container: privileged false, the flag only in a comment', code: '{\n  // "runArgs": ["--privileged"],\n  "privileged": false,\n  "runArgs": ["--init"],\n}\n' },
    { name: 'dev container: --privileged as the value of another flag, --privileged=false', code: '{\n  "runArgs": ["-e", "--privileged", "--privileged=false"]\n}\n' },
    { name: 'dev container: other Features, a disabled legacy docker-in-docker', code: '{\n  "features": {\n    "ghcr.io/devcontainers/features/common-utils:2": {},\n    "docker-in-docker": false\n  }\n}\n' },
    { name: 'dev container: a look-alike Feature of another publisher', code: '{\n  "features": { "ghcr.io/example/features/docker-in-docker:1": {} }\n}\n' },
  ],
  invalid: [
    {
      name: 'dev container: "privileged": true, with comments and a trailing comma',
      code: '{\n  // keep me\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "privileged": true, // why\n  "remoteUser": "vscode",\n}\n',
      errors: [{ messageId: 'devcontainer', at: '4:3-4:21', message: 'The dev container runs privileged: it gets every capability and device of the host' }],
      output: '{\n  // keep me\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "remoteUser": "vscode",\n}\n',
    },
    {
      name: 'dev container: the last property without a trailing comma takes the comma before it',
      code: '{\n  "image": "debian:12",\n  "privileged": true\n}\n',
      errors: [{ messageId: 'devcontainer', at: '3:3-3:21' }],
      output: '{\n  "image": "debian:12"\n}\n',
    },
    {
      name: 'dev container: inline object',
      code: '{"image": "debian:12", "privileged": true}',
      errors: [{ messageId: 'devcontainer', at: '1:24-1:42' }],
      output: '{"image": "debian:12"}',
    },
    {
      name: 'dev container: --privileged as its own item, among others',
      code: '{\n  "runArgs": ["-e", "GIT_EDITOR=code --wait", "--privileged"]\n}\n',
      errors: [{ messageId: 'runArg', at: '2:47-2:61', message: '"--privileged" in runArgs runs the dev container privileged: it gets every capability and device of the host' }],
      output: '{\n  "runArgs": ["-e", "GIT_EDITOR=code --wait"]\n}\n',
    },
    {
      name: 'dev container: --privileged on its own line, first of several',
      code: '{\n  "runArgs": [\n    "--privileged", // for the GPU\n    "--init"\n  ]\n}\n',
      errors: [{ messageId: 'runArg', at: '3:5-3:19' }],
      output: '{\n  "runArgs": [\n    "--init"\n  ]\n}\n',
    },
    {
      name: 'dev container: --privileged=true and --privileged inside an item with other flags',
      code: '{\n  "runArgs": ["--init --privileged --network=none", "--privileged=true"]\n}\n',
      errors: [
        { messageId: 'runArg', at: '2:23-2:35' },
        { messageId: 'runArg', at: '2:53-2:72' },
      ],
      output: '{\n  "runArgs": ["--init --network=none"]\n}\n',
    },
    {
      name: 'dev container: the docker-in-docker Feature, official, legacy and pinned by digest',
      code:
        '{\n  "features": {\n    "ghcr.io/devcontainers/features/docker-in-docker:2": { "moby": true },\n' +
        '    "docker-in-docker": "latest",\n    "ghcr.io/devcontainers/features/docker-in-docker@sha256:503f23cd692325b3cbb8c20a0ecfabb3444b0c786b363e0c82572bd7d71dc099": {}\n  }\n}\n',
      errors: [
        { messageId: 'feature', at: '3:5-3:56', message: 'Feature "ghcr.io/devcontainers/features/docker-in-docker:2" runs the dev container privileged to start its own Docker daemon, with every capability and device of the host; if it only builds images, use a rootless builder or a remote Docker host' },
        { messageId: 'feature', at: '4:5-4:23' },
        { messageId: 'feature', at: '5:5-5:126' },
      ],
    },
  ],
});
