import rule from '../../server/src/rules/no-unconfined-security-profiles';
import { testRule } from '../helpers/rule-tester';

const opts = (list: string) => `services:\n  app:\n    image: app:1\n    security_opt:\n${list}`;

testRule(rule, {
  valid: [
    { name: 'hardening options and custom profiles', code: opts('      - no-new-privileges:true\n      - seccomp=./profile.json\n      - apparmor:docker-default\n      - label:type:container_t\n      - label=level:s0:c100,c200\n') },
    {
      name: 'label:seccomp:unconfined is an SELinux label option (rejected or ignored by Docker), not a seccomp setting',
      code: opts('      - label:seccomp:unconfined\n'),
    },
    { name: 'a profile named like unconfined', code: opts('      - apparmor=unconfined-ish\n      - seccomp:/etc/unconfined.json\n') },
    { name: 'security_opt outside a service', code: 'x-notes:\n  security_opt: [seccomp:unconfined]\nservices:\n  app:\n    image: app:1\n' },
    { name: 'an unresolved variable', code: opts('      - seccomp=${SECCOMP_PROFILE}\n') },
  ],
  invalid: [
    {
      name: 'each layer, with colon and equals separators, and exact messages',
      code: opts('      - seccomp:unconfined\n      - apparmor=unconfined\n      - label:disable\n      - systempaths=unconfined\n'),
      errors: [
        { messageId: 'seccomp', at: '5:9-5:27', message: 'Service "app" turns seccomp off with "seccomp:unconfined": every system call reaches the host kernel; remove it or use a custom profile' },
        { messageId: 'apparmor', at: '6:9-6:28', message: 'Service "app" turns AppArmor off with "apparmor=unconfined", removing the profile that guards /proc, /sys and mounts; remove it' },
        { messageId: 'selinux', at: '7:9-7:22', message: 'Service "app" turns SELinux separation off with "label:disable"; remove it and relabel mounts with ":z" instead' },
        { messageId: 'systempaths', at: '8:9-8:31' },
      ],
      output: 'services:\n  app:\n    image: app:1\n',
    },
    {
      name: 'spaces, case and quotes are tolerated',
      code: opts('      - "seccomp = Unconfined"\n      - \'APPARMOR: UNCONFINED\'\n      - label=DISABLE\n'),
      errors: [
        { messageId: 'seccomp', at: '5:9-5:31' },
        { messageId: 'apparmor', at: '6:9-6:31' },
        { messageId: 'selinux', at: '7:9-7:22' },
      ],
      output: 'services:\n  app:\n    image: app:1\n',
    },
    {
      name: 'unconfined SELinux process types',
      code: opts('      - label:type:spc_t\n      - label=type:unconfined_t\n'),
      errors: [
        { messageId: 'selinux', at: '5:9-5:25' },
        { messageId: 'selinux', at: '6:9-6:32' },
      ],
      output: 'services:\n  app:\n    image: app:1\n',
    },
    {
      name: 'flow style with a version key',
      code: 'version: "3.9"\nservices:\n  app: {image: app:1, security_opt: [no-new-privileges, seccomp=unconfined]}\n',
      errors: [{ messageId: 'seccomp', at: '3:57-3:75' }],
      output: 'version: "3.9"\nservices:\n  app: {image: app:1, security_opt: [no-new-privileges]}\n',
    },
    {
      name: 'inherited through a merge key: reported on the << entry',
      code: 'x-sec: &sec\n  security_opt:\n    - apparmor:unconfined\nservices:\n  app:\n    <<: *sec\n    image: app:1\n',
      errors: [{ messageId: 'apparmor', at: '6:5-6:13' }],
    },
    {
      name: 'fix: the other options stay; comments and CRLF survive; an inherited list has no fix',
      code: 'x-s: &s\r\n  security_opt: [label:disable]\r\nservices:\r\n  a:\r\n    image: a:1\r\n    security_opt:\r\n      - no-new-privileges:true\r\n      - seccomp:unconfined # strace\r\n  b:\r\n    <<: *s\r\n',
      errors: [
        { messageId: 'seccomp', at: '8:9-8:27' },
        { messageId: 'selinux', at: '10:5-10:11' },
      ],
      output: 'x-s: &s\r\n  security_opt: [label:disable]\r\nservices:\r\n  a:\r\n    image: a:1\r\n    security_opt:\r\n      - no-new-privileges:true\r\n  b:\r\n    <<: *s\r\n',
    },
  ],
});
