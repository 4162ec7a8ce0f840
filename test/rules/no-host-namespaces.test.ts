import rule from '../../server/src/rules/no-host-namespaces';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'sharing with another service or container is not the host', code: 'services:\n  a:\n    image: a:1\n    pid: "service:b"\n    ipc: shareable\n    network_mode: "container:vpn"\n  b:\n    image: b:1\n    ipc: "service:a"\n    network_mode: none\n' },
    { name: 'private and bridge values', code: 'services:\n  a:\n    image: a:1\n    ipc: private\n    cgroup: private\n    network_mode: bridge\n    userns_mode: "keep-id"\n' },
    { name: 'a value that only contains the word host', code: 'services:\n  a:\n    image: a:1\n    network_mode: "hostnet"\n    hostname: host\n    extra_hosts: ["host:127.0.0.1"]\n' },
    { name: 'keys outside services', code: 'x-defaults:\n  pid: host\nservices:\n  a:\n    image: a:1\n' },
    { name: 'an unresolved variable is not host', code: 'services:\n  a:\n    image: a:1\n    network_mode: ${NET_MODE}\n' },
  ],
  invalid: [
    {
      name: 'every host namespace key, one finding each, with the namespace named',
      code: 'services:\n  a:\n    image: a:1\n    pid: host\n    ipc: host\n    uts: host\n    userns_mode: host\n    network_mode: host\n    cgroup: host\n',
      errors: [
        { messageId: 'hostNamespace', at: '4:5-4:14', message: 'Service "a" shares the host PID namespace ("pid: host"): it can see every host process, read their environment and signal them' },
        { messageId: 'hostNamespace', at: '5:5-5:14', message: 'Service "a" shares the host IPC namespace ("ipc: host"): it can read and write the host\'s shared memory, semaphores and message queues' },
        { messageId: 'hostNamespace', at: '6:5-6:14' },
        { messageId: 'hostNamespace', at: '7:5-7:22', message: 'Service "a" shares the host user namespace ("userns_mode: host"): user namespace remapping is off, so root in the container is root on the host' },
        { messageId: 'hostNamespace', at: '8:5-8:23' },
        { messageId: 'hostNamespace', at: '9:5-9:17' },
      ],
      output: 'services:\n  a:\n    image: a:1\n',
    },
    {
      name: 'quoted and upper-case values, flow style, with a version key',
      code: 'version: "2.4"\nservices:\n  a: {image: a:1, pid: "HOST", network_mode: \'Host\'}\n',
      errors: [
        { messageId: 'hostNamespace', at: '3:19-3:30' },
        { messageId: 'hostNamespace', at: '3:32-3:52' },
      ],
      output: 'version: "2.4"\nservices:\n  a: {image: a:1, network_mode: \'Host\'}\n',
      fix: 'Remove "pid',
    },
    {
      name: 'inherited through a merge key: reported on the << entry',
      code: 'x-host: &host\n  network_mode: host\nservices:\n  a:\n    <<: *host\n    image: a:1\n',
      errors: [{ messageId: 'hostNamespace', at: '5:5-5:14' }],
    },
    {
      name: 'the legacy v1 net key',
      code: 'services:\n  a:\n    image: a:1\n    net: host\n',
      errors: [{ messageId: 'hostNamespace', at: '4:5-4:14' }],
      output: 'services:\n  a:\n    image: a:1\n',
    },
    {
      name: 'fix: the entry goes; CRLF line endings and comments survive; an inherited entry has no fix',
      code: 'x-n: &n\r\n  ipc: host\r\nservices:\r\n  a:\r\n    image: a:1\r\n    # share processes\r\n    pid: host # debug\r\n    restart: always\r\n  b:\r\n    <<: *n\r\n',
      errors: [
        { messageId: 'hostNamespace', at: '7:5-7:14' },
        { messageId: 'hostNamespace', at: '10:5-10:11' },
      ],
      output: 'x-n: &n\r\n  ipc: host\r\nservices:\r\n  a:\r\n    image: a:1\r\n    # share processes\r\n    restart: always\r\n  b:\r\n    <<: *n\r\n',
    },
  ],
});
