import rule from '../../../server/src/rules/no-dangerous-capabilities';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'SYS_PTRACE for debuggers, without the host PID namespace', code: '{\n  "capAdd": ["SYS_PTRACE"],\n  "runArgs": ["--cap-add=SYS_PTRACE", "--cap-add", "NET_ADMIN"]\n}\n' },
    { name: 'only in comments', code: '{\n  // "runArgs": ["--cap-add=SYS_ADMIN"],\n  /* "capAdd": ["ALL"] */\n  "image": "debian:12"\n}\n' },
    { name: 'allowed by the option', code: '{\n  "capAdd": ["SYS_ADMIN"]\n}\n', config: { rules: { 'no-dangerous-capabilities': { options: { allowed: ['CAP_SYS_ADMIN'] } } } } },
    { name: 'a capability named as the value of another flag', code: '{\n  "runArgs": ["--label", "--cap-add=SYS_ADMIN"]\n}\n' },
  ],
  invalid: [
    {
      name: 'capAdd item, with a trailing comma',
      code: '{\n  "capAdd": [\n    "SYS_PTRACE",\n    "SYS_ADMIN",\n  ],\n}\n',
      errors: [{ messageId: 'devcontainer', at: '4:5-4:16', message: 'The dev container adds the "SYS_ADMIN" capability, which allows mounting filesystems, creating namespaces and loading BPF, the basis of most container escapes; remove it or grant a narrower one' }],
      output: '{\n  "capAdd": [\n    "SYS_PTRACE",\n  ],\n}\n',
    },
    {
      name: '--cap-add=VALUE and --cap-add VALUE (two items, one item)',
      code: '{\n  "runArgs": ["--cap-add=SYS_MODULE", "--init", "--cap-add", "ALL", "-t", "--cap-add BPF"]\n}\n',
      errors: [
        { messageId: 'devcontainer', at: '2:15-2:37' },
        { messageId: 'devcontainer', at: '2:49-2:67' },
        { messageId: 'devcontainer', at: '2:76-2:89' },
      ],
      output: '{\n  "runArgs": ["--init", "-t"]\n}\n',
    },
    {
      name: 'SYS_PTRACE with --pid=host',
      code: '{\n  "runArgs": ["--pid=host", "--cap-add=SYS_PTRACE"]\n}\n',
      errors: [{ messageId: 'devcontainer', at: '2:29-2:51' }],
      output: '{\n  "runArgs": ["--pid=host"]\n}\n',
    },
  ],
});
