import rule from '../../../server/src/rules/no-host-namespaces';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'a named network, private IPC, commented host network', code: '{\n  // "runArgs": ["--network=host"],\n  "runArgs": ["--network=devnet", "--ipc=private", "--hostname", "host"]\n}\n' },
  ],
  invalid: [
    {
      name: 'both spellings: --network=host, --net host, --pid host (two items)',
      code: '{\n  "runArgs": ["--network=host", "-i", "--net host", "-t", "--pid", "host", "--init", "--ipc=host"]\n}\n',
      errors: [
        { messageId: 'devcontainer', at: '2:15-2:31', message: 'The dev container shares the host network namespace ("--network=host"): it can bind any host port and reach services that listen only on the host\'s localhost' },
        { messageId: 'devcontainer', at: '2:40-2:50' },
        { messageId: 'devcontainer', at: '2:59-2:74' },
        { messageId: 'devcontainer', at: '2:86-2:98' },
      ],
      output: '{\n  "runArgs": ["-i", "-t", "--init"]\n}\n',
    },
    {
      name: 'user namespace and the fix inside a shared item',
      code: '{\n  "runArgs": ["--init --userns=host"]\n}\n',
      errors: [{ messageId: 'devcontainer', at: '2:23-2:36' }],
      output: '{\n  "runArgs": ["--init"]\n}\n',
    },
  ],
});
