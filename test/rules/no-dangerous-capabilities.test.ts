import rule from '../../server/src/rules/no-dangerous-capabilities';
import { testRule } from '../helpers/rule-tester';

const caps = (list: string, extra = '') => `services:\n  app:\n    image: app:1\n${extra}    cap_add:\n${list}`;

testRule(rule, {
  valid: [
    { name: 'capabilities that stay inside the container', code: caps('      - NET_BIND_SERVICE\n      - CHOWN\n      - NET_ADMIN\n      - SYS_NICE\n      - SYS_TIME\n') },
    { name: 'SYS_PTRACE without the host PID namespace only sees the container', code: caps('      - SYS_PTRACE\n') },
    { name: 'CAP_ALL is rejected by Docker, so it grants nothing', code: caps('      - CAP_ALL\n') },
    { name: 'cap_drop of dangerous capabilities is the fix, not the problem', code: 'services:\n  app:\n    image: app:1\n    cap_drop: [ALL, SYS_ADMIN]\n' },
    { name: 'an unresolved variable', code: caps('      - ${EXTRA_CAP}\n') },
    { name: 'cap_add outside a service', code: 'x-notes:\n  cap_add: [SYS_ADMIN]\nservices:\n  app:\n    image: app:1\n' },
    {
      name: 'the allowed option accepts a capability, whatever its spelling',
      code: caps('      - CAP_SYS_ADMIN\n      - sys_module\n'),
      config: { rules: { 'no-dangerous-capabilities': { options: { allowed: ['sys_admin', 'CAP_SYS_MODULE'] } } } },
    },
  ],
  invalid: [
    {
      name: 'one finding per dangerous item, with the exact message',
      code: caps('      - NET_ADMIN\n      - SYS_ADMIN\n      - SYS_MODULE\n'),
      errors: [
        { messageId: 'capability', at: '6:9-6:18', message: 'Service "app" adds the "SYS_ADMIN" capability, which allows mounting filesystems, creating namespaces and loading BPF, the basis of most container escapes; remove it or grant a narrower one' },
        { messageId: 'capability', at: '7:9-7:19' },
      ],
      output: 'services:\n  app:\n    image: app:1\n    cap_add:\n      - NET_ADMIN\n',
    },
    {
      name: 'CAP_ prefix, lower case and quoted values',
      code: caps('      - CAP_SYS_RAWIO\n      - dac_read_search\n      - "Bpf"\n      - \'CAP_PERFMON\'\n      - all\n'),
      errors: [
        { messageId: 'capability', at: '5:9-5:22' },
        { messageId: 'capability', at: '6:9-6:24' },
        { messageId: 'capability', at: '7:9-7:14' },
        { messageId: 'capability', at: '8:9-8:22' },
        { messageId: 'capability', at: '9:9-9:12', message: 'Service "app" adds the "all" capability, which grants every capability, including the ones below: only seccomp and AppArmor stand between the container and the host; remove it or grant a narrower one' },
      ],
      output: 'services:\n  app:\n    image: app:1\n',
    },
    {
      name: 'SYS_PTRACE with pid: host',
      code: caps('      - SYS_PTRACE\n', '    pid: "host"\n'),
      errors: [{ messageId: 'capability', at: '6:9-6:19' }],
      output: 'services:\n  app:\n    image: app:1\n    pid: "host"\n',
    },
    {
      name: 'flow style, a version key, and the allowed option only covers what it lists',
      code: 'version: "3.9"\nservices:\n  app: {image: app:1, cap_add: [SYS_PTRACE, SYS_ADMIN, ALL]}\n',
      config: { rules: { 'no-dangerous-capabilities': { options: { allowed: ['ALL'] } } } },
      errors: [{ messageId: 'capability', at: '3:45-3:54' }],
      output: 'version: "3.9"\nservices:\n  app: {image: app:1, cap_add: [SYS_PTRACE, ALL]}\n',
    },
    {
      name: 'inherited through a merge key: reported on the << entry',
      code: 'x-caps: &caps\n  cap_add: [SYS_ADMIN]\nservices:\n  app:\n    <<: *caps\n    image: app:1\n',
      errors: [{ messageId: 'capability', at: '5:5-5:14' }],
    },
    {
      name: 'fix: a single string value takes the key; an alias item goes, its anchor stays; CRLF survives',
      code: 'x-cap: &cap SYS_MODULE\r\nservices:\r\n  a:\r\n    image: a:1\r\n    cap_add: SYS_ADMIN\r\n  b:\r\n    image: b:1\r\n    cap_add:\r\n      - *cap # kernel\r\n      - NET_ADMIN\r\n',
      errors: [
        { messageId: 'capability', at: '1:13-1:23' },
        { messageId: 'capability', at: '5:14-5:23' },
      ],
      output: 'x-cap: &cap SYS_MODULE\r\nservices:\r\n  a:\r\n    image: a:1\r\n  b:\r\n    image: b:1\r\n    cap_add:\r\n      - NET_ADMIN\r\n',
    },
  ],
});
