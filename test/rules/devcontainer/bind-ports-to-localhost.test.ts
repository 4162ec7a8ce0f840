import rule from '../../../server/src/rules/bind-ports-to-localhost';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'forwardPorts go to localhost only', code: '{\n  "forwardPorts": [3000, "db:5432"],\n  "appPort": ["127.0.0.1:8080:80"],\n  "runArgs": ["-p", "127.0.0.1:9000:9000", "--publish=[::1]:9001:9001"]\n}\n' },
    { name: 'host network: nothing is published', code: '{\n  "appPort": 3000,\n  "runArgs": ["--network=host"]\n}\n' },
    { name: 'only in a comment, and a variable', code: '{\n  // "appPort": [3000],\n  "appPort": ["${localEnv:PORT}:80"]\n}\n' },
  ],
  invalid: [
    {
      name: 'appPort as a number',
      code: '{\n  "appPort": 3000,\n}\n',
      errors: [{ messageId: 'devcontainer', at: '2:14-2:18', message: 'The dev container publishes port "3000" on every host interface; bind it to 127.0.0.1, or use forwardPorts, unless other machines must reach it' }],
      output: '{\n  "appPort": "127.0.0.1:3000:3000",\n}\n',
    },
    {
      name: 'appPort strings: host:container and 0.0.0.0',
      code: '{\n  "appPort": ["8080:80", "0.0.0.0:9229:9229"]\n}\n',
      errors: [
        { messageId: 'devcontainer', at: '2:15-2:24' },
        { messageId: 'devcontainer', at: '2:26-2:45' },
      ],
      output: '{\n  "appPort": ["127.0.0.1:8080:80", "127.0.0.1:9229:9229"]\n}\n',
    },
    {
      name: '-p VALUE, --publish=VALUE and -P',
      code: '{\n  "runArgs": ["-p", "5432:5432", "--publish=80", "-P"]\n}\n',
      errors: [
        { messageId: 'devcontainer', at: '2:15-2:32' },
        { messageId: 'devcontainer', at: '2:34-2:48' },
        { messageId: 'publishAll', at: '2:50-2:54' },
      ],
      output: '{\n  "runArgs": ["-p", "127.0.0.1:5432:5432", "--publish=127.0.0.1::80", "-P"]\n}\n',
    },
  ],
});
