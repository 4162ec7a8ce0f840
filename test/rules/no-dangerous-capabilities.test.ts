import rule from '../../server/src/rules/no-dangerous-capabilities';
import { testRule } from '../helpers/rule-tester';

const caps = (list: string, extra = '') => `services:\n  app:\n    image: app:1\n${extra}    cap_add:\n${list}`;

testRule(rule, {
  valid: [
    { name: 'narrow capabilities', code: caps('      - NET_BIND_SERVICE\n      - CHOWN\n      - SETUID\n      - KILL\n') },
    {
      name: 'a capability accepted with the allowed option (a VPN that needs NET_ADMIN)',
      code: caps('      - NET_ADMIN\n'),
      config: { rules: { 'no-dangerous-capabilities': { options: { allowed: ['NET_ADMIN'] } } } },
    },
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
      code: caps('      - NET_BIND_SERVICE\n      - SYS_ADMIN\n      - SYS_MODULE\n'),
      errors: [
        { messageId: 'capability', at: '6:9-6:18', message: 'Service "app" adds the "SYS_ADMIN" capability, which allows mounting filesystems, creating namespaces and loading BPF, the basis of most container escapes; remove it or grant a narrower one' },
        { messageId: 'capability', at: '7:9-7:19' },
      ],
      output: 'services:\n  app:\n    image: app:1\n    cap_add:\n      - NET_BIND_SERVICE\n',
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
      config: { rules: { 'no-dangerous-capabilities': { options: { allowed: ['ALL', 'SYS_PTRACE'] } } } },
      errors: [{ messageId: 'capability', at: '3:45-3:54' }],
      output: 'version: "3.9"\nservices:\n  app: {image: app:1, cap_add: [SYS_PTRACE, ALL]}\n',
    },
    {
      name: 'bounded grants are their own message: SYS_PTRACE in a private PID namespace, NET_ADMIN, NET_RAW, SYSLOG, SYS_NICE...',
      code: caps('      - SYS_PTRACE\n      - NET_ADMIN\n      - NET_RAW\n      - SYSLOG\n      - SYS_BOOT\n      - SYS_NICE\n      - IPC_LOCK\n      - LEASE\n      - MKNOD\n      - CHOWN\n'),
      errors: [
        {
          messageId: 'boundedCapability',
          at: '5:9-5:19',
          message:
            'Service "app" adds the "SYS_PTRACE" capability, which reads and rewrites the memory of every process in the container, also those of other users, and older kernels let it slip past seccomp; remove it unless the service needs it',
        },
        { messageId: 'boundedCapability', at: '6:9-6:18' },
        { messageId: 'boundedCapability', at: '7:9-7:16' },
        { messageId: 'boundedCapability', at: '8:9-8:15' },
        { messageId: 'boundedCapability', at: '9:9-9:17' },
        { messageId: 'boundedCapability', at: '10:9-10:17' },
        { messageId: 'boundedCapability', at: '11:9-11:17' },
        { messageId: 'boundedCapability', at: '12:9-12:14' },
        { messageId: 'boundedCapability', at: '13:9-13:14' },
      ],
      fix: 'SYS_PTRACE',
      output: caps('      - NET_ADMIN\n      - NET_RAW\n      - SYSLOG\n      - SYS_BOOT\n      - SYS_NICE\n      - IPC_LOCK\n      - LEASE\n      - MKNOD\n      - CHOWN\n'),
    },
    {
      name: 'SYS_TIME moves the host clock: an error',
      code: caps('      - SYS_TIME\n'),
      errors: [{ messageId: 'capability', at: '5:9-5:17' }],
      output: 'services:\n  app:\n    image: app:1\n',
    },
    {
      name: 'NET_ADMIN with network_mode: host rewrites the host firewall; SYS_PTRACE sharing another service\'s PID namespace',
      code: caps('      - NET_ADMIN\n      - SYS_PTRACE\n      - CHOWN\n', '    network_mode: host\n    pid: "service:app2"\n'),
      errors: [
        { messageId: 'capability', at: '7:9-7:18', message: 'Service "app" adds the "NET_ADMIN" capability, which reconfigures the host\'s own interfaces, routes and firewall, since the service uses the host network; remove it or grant a narrower one' },
        { messageId: 'capability', at: '8:9-8:19' },
      ],
      fix: 'NET_ADMIN',
      output: caps('      - SYS_PTRACE\n      - CHOWN\n', '    network_mode: host\n    pid: "service:app2"\n'),
    },
    {
      name: 'inherited through a merge key: reported on the << entry',
      code: 'x-caps: &caps\n  cap_add: [SYS_ADMIN]\nservices:\n  app:\n    <<: *caps\n    image: app:1\n',
      errors: [{ messageId: 'capability', at: '5:5-5:14' }],
    },
    {
      name: 'fix: a single string value takes the key; an alias item goes, its anchor stays; CRLF survives',
      code: 'x-cap: &cap SYS_MODULE\r\nservices:\r\n  a:\r\n    image: a:1\r\n    cap_add: SYS_ADMIN\r\n  b:\r\n    image: b:1\r\n    cap_add:\r\n      - *cap # kernel\r\n      - NET_BIND_SERVICE\r\n',
      errors: [
        { messageId: 'capability', at: '1:13-1:23' },
        { messageId: 'capability', at: '5:14-5:23' },
      ],
      output: 'x-cap: &cap SYS_MODULE\r\nservices:\r\n  a:\r\n    image: a:1\r\n  b:\r\n    image: b:1\r\n    cap_add:\r\n      - NET_BIND_SERVICE\r\n',
    },
  ],
});
