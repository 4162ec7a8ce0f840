import rule from '../../server/src/rules/no-privileged-host-ports';
import { testRule } from '../helpers/rule-tester';

const allow53 = { rules: { 'no-privileged-host-ports': { options: { allowedPorts: ['53'] } } } };

testRule(rule, {
  valid: [
    { name: 'high host port for a low container port', code: 'services:\n  git:\n    ports:\n      - "2222:22"\n' },
    { name: '80 and 443 are allowed by default', code: 'services:\n  web:\n    ports:\n      - "80:8080"\n      - 127.0.0.1:443:8443\n' },
    { name: 'a lone container port gets a random high host port', code: 'services:\n  web:\n    ports:\n      - "22"\n      - "127.0.0.1::25"\n' },
    { name: 'host port 0 means a random port', code: 'services:\n  web:\n    ports:\n      - "0:22"\n' },
    { name: 'host port 1024 is not privileged', code: 'services:\n  web:\n    ports: ["1024:22"]\n' },
    { name: 'long syntax without published: random host port', code: 'services:\n  web:\n    ports:\n      - target: 22\n' },
    { name: 'host port from a variable without a default is unknown', code: 'services:\n  web:\n    ports:\n      - "${SSH_PORT}:22"\n' },
    { name: 'ports of a host-network service are not published', code: 'services:\n  web:\n    network_mode: host\n    ports:\n      - "22:22"\n' },
    { name: 'the option replaces the allowed list', code: 'services:\n  dns:\n    ports:\n      - "53:53/udp"\n', config: allow53 },
    { name: 'exposed ports are not published', code: 'services:\n  web:\n    expose: ["22"]\n' },
  ],
  invalid: [
    {
      name: 'short syntax: the host side is below 1024',
      code: 'services:\n  git:\n    image: gitea/gitea:1.22\n    ports:\n      - "22:22"\n      - 2525:25\n      - "25:2525"\n',
      errors: [
        { messageId: 'privileged', at: '5:9-5:16', message: 'Service "git" publishes "22:22" on host port 22, below 1024 where host system services listen; use a port of 1024 or above' },
        { messageId: 'privileged', at: '7:9-7:18' },
      ],
    },
    {
      name: 'UDP, addresses and host port ranges',
      code: 'services:\n  dhcp:\n    ports:\n      - 67:67/udp\n      - "127.0.0.1:90-9091:8080-8081"\n      - "[::1]:79-81:79-81"\n',
      errors: [
        { messageId: 'privileged', at: '4:9-4:18', message: 'Service "dhcp" publishes "67:67/udp" on host port 67, below 1024 where host system services listen; use a port of 1024 or above' },
        { messageId: 'privileged', at: '5:9-5:38', message: 'Service "dhcp" publishes "90-9091:8080-8081" on host port 90-1023, below 1024 where host system services listen; use a port of 1024 or above' },
        { messageId: 'privileged', at: '6:9-6:28', message: 'Service "dhcp" publishes "79-81:79-81" on host port 79, 81, below 1024 where host system services listen; use a port of 1024 or above' },
      ],
    },
    {
      name: 'long syntax, quoted published, flow map',
      code: 'services:\n  mail:\n    ports:\n      - target: 2525\n        published: "25"\n      - {target: 1143, published: 143, protocol: tcp}\n',
      errors: [
        { messageId: 'privileged', at: '4:9-5:24' },
        { messageId: 'privileged', at: '6:9-6:54' },
      ],
    },
    {
      name: 'a variable default decides, and 80 is flagged once the option leaves it out',
      code: 'services:\n  web:\n    ports:\n      - "${SSH_PORT:-22}:22"\n      - "80:80"\n',
      config: allow53,
      errors: [
        { messageId: 'privileged', at: '4:9-4:29' },
        { messageId: 'privileged', at: '5:9-5:16' },
      ],
    },
    {
      name: 'inherited through a merge key: reported on the << entry',
      code: 'x-smtp: &smtp\n  ports: ["25:25"]\nservices:\n  mail:\n    <<: *smtp\n',
      errors: [{ messageId: 'privileged', at: '5:5-5:14' }],
    },
  ],
});
