import rule from '../../server/src/rules/bind-ports-to-localhost';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'bound to loopback, short syntax', code: 'services:\n  db:\n    ports:\n      - "127.0.0.1:5432:5432"\n' },
    { name: 'loopback with a random host port', code: 'services:\n  db:\n    ports:\n      - "127.0.0.1::5432"\n' },
    { name: 'IPv6 loopback in brackets', code: 'services:\n  db:\n    ports:\n      - "[::1]:5432:5432"\n' },
    { name: 'a specific LAN address is a chosen interface', code: 'services:\n  web:\n    ports: ["192.168.1.10:8080:80/udp"]\n' },
    { name: 'long syntax with host_ip', code: 'services:\n  db:\n    ports:\n      - target: 5432\n        published: 5432\n        host_ip: 127.0.0.1\n' },
    { name: 'expose is not publishing', code: 'services:\n  db:\n    expose:\n      - "5432"\n' },
    { name: 'ports of a host-network service are ignored by Compose', code: 'services:\n  web:\n    network_mode: host\n    ports:\n      - "8080:80"\n' },
    { name: 'host address from a variable without a default is unknown', code: 'services:\n  web:\n    ports:\n      - "${BIND_IP}:8080:80"\n' },
    { name: 'the whole mapping from a variable is unknown', code: 'services:\n  web:\n    ports:\n      - "${WEB_PORTS}"\n' },
    { name: 'host address from a variable defaulting to loopback', code: 'services:\n  web:\n    ports:\n      - "${BIND_IP:-127.0.0.1}:8080:80"\n' },
    { name: 'long syntax "published" holding an address is not valid Compose: say nothing', code: 'services:\n  web:\n    ports:\n      - target: 8000\n        published: 127.0.0.1:8080\n' },
    { name: 'ports outside services', code: 'x-ports:\n  - "8080:80"\nservices:\n  web:\n    image: nginx:1.27\n' },
  ],
  invalid: [
    {
      name: 'short syntax without an address: the address goes inside the quotes',
      code: 'services:\n  db:\n    image: postgres:17\n    ports:\n      - "5432:5432"\n',
      errors: [{ messageId: 'everyInterface', at: '5:9-5:20', message: 'Service "db" publishes port "5432:5432" on every host interface; bind it to 127.0.0.1 unless it must be reachable from other machines' }],
      output: 'services:\n  db:\n    image: postgres:17\n    ports:\n      - "127.0.0.1:5432:5432"\n',
    },
    {
      name: 'a lone container port gets a random host port on every interface: "127.0.0.1::80"',
      code: "services:\n  web:\n    ports:\n      - '80'\n      - 443\n",
      errors: [
        { messageId: 'everyInterface', at: '4:9-4:13', message: 'Service "web" publishes port "80" on every host interface; bind it to 127.0.0.1 unless it must be reachable from other machines' },
        { messageId: 'everyInterface', at: '5:9-5:12' },
      ],
      output: "services:\n  web:\n    ports:\n      - '127.0.0.1::80'\n      - 127.0.0.1::443\n",
    },
    {
      name: 'explicit 0.0.0.0, [::] and :: are replaced; protocol and ranges are kept',
      code: 'services:\n  web:\n    ports:\n      - 0.0.0.0:8080:80/udp\n      - "[::]:9000-9001:9000-9001"\n      - ":::53:53"\n',
      errors: [
        { messageId: 'everyInterface', at: '4:9-4:28', message: 'Service "web" publishes port "8080:80/udp" on every host interface; bind it to 127.0.0.1 unless it must be reachable from other machines' },
        { messageId: 'everyInterface', at: '5:9-5:35' },
        { messageId: 'everyInterface', at: '6:9-6:19' },
      ],
      output: 'services:\n  web:\n    ports:\n      - 127.0.0.1:8080:80/udp\n      - "127.0.0.1:9000-9001:9000-9001"\n      - "127.0.0.1:53:53"\n',
    },
    {
      name: 'variables: a port from the environment, and an address whose default is every interface (the default changes, the variable stays)',
      code: 'services:\n  web:\n    ports:\n      - "${WEB_PORT:-8080}:80"\n      - "${BIND_IP:-0.0.0.0}:8443:443"\n',
      errors: [
        { messageId: 'everyInterface', at: '4:9-4:31' },
        { messageId: 'everyInterface', at: '5:9-5:39' },
      ],
      output: 'services:\n  web:\n    ports:\n      - "127.0.0.1:${WEB_PORT:-8080}:80"\n      - "${BIND_IP:-127.0.0.1}:8443:443"\n',
    },
    {
      name: 'long syntax without host_ip: host_ip is added under the last key',
      code: 'services:\n  web:\n    ports:\n      - target: 80\n        published: "8080" # public\n        protocol: tcp\n    image: nginx:1.27\n',
      errors: [{ messageId: 'everyInterface', at: '4:9-6:22', message: 'Service "web" publishes port "8080:80" on every host interface; bind it to 127.0.0.1 unless it must be reachable from other machines' }],
      output: 'services:\n  web:\n    ports:\n      - target: 80\n        published: "8080" # public\n        protocol: tcp\n        host_ip: 127.0.0.1\n    image: nginx:1.27\n',
    },
    {
      name: 'long syntax with host_ip 0.0.0.0 (quotes kept) and a flow map without it',
      code: "services:\n  web:\n    ports:\n      - target: 80\n        host_ip: '0.0.0.0'\n      - {target: 443, published: 8443}\n",
      errors: [
        { messageId: 'everyInterface', at: '4:9-5:27' },
        { messageId: 'everyInterface', at: '6:9-6:39' },
      ],
      output: "services:\n  web:\n    ports:\n      - target: 80\n        host_ip: '127.0.0.1'\n      - {target: 443, published: 8443, host_ip: 127.0.0.1}\n",
    },
    {
      name: 'flow sequence, comments and CRLF line endings survive',
      code: 'services:\r\n  web: # front\r\n    ports: ["8080:80", 8443:443] # both\r\n',
      errors: [
        { messageId: 'everyInterface', at: '3:13-3:22' },
        { messageId: 'everyInterface', at: '3:24-3:32' },
      ],
      output: 'services:\r\n  web: # front\r\n    ports: ["127.0.0.1:8080:80", 127.0.0.1:8443:443] # both\r\n',
    },
    {
      name: 'CRLF long syntax: the added line uses CRLF',
      code: 'services:\r\n  web:\r\n    ports:\r\n      - target: 80\r\n        published: 8080\r\n',
      errors: [{ messageId: 'everyInterface', at: '4:9-5:24' }],
      output: 'services:\r\n  web:\r\n    ports:\r\n      - target: 80\r\n        published: 8080\r\n        host_ip: 127.0.0.1\r\n',
    },
    {
      name: 'inherited through a merge key: reported on the << entry, no fix',
      code: 'x-web: &web\n  ports:\n    - "8080:80"\nservices:\n  web:\n    <<: *web\n    image: nginx:1.27\n',
      errors: [{ messageId: 'everyInterface', at: '6:5-6:13' }],
    },
    {
      name: 'a sequence shared through an alias is reported but not edited in place',
      code: 'x-ports: &ports\n  - "8080:80"\nservices:\n  a:\n    ports: *ports\n',
      errors: [{ messageId: 'everyInterface', at: '2:5-2:14' }],
    },
    {
      name: 'an anchored list that another service aliases is not edited in either service',
      code: 'services:\n  a:\n    ports: &p ["8080:80"]\n  b:\n    ports: *p\n',
      errors: [
        { messageId: 'everyInterface', at: '3:16-3:25' },
        { messageId: 'everyInterface', at: '3:16-3:25' },
      ],
    },
    {
      name: 'escaped double-quoted text has no exact place for an edit: no fix',
      code: 'services:\n  web:\n    ports:\n      - "80\\u0038:80"\n',
      errors: [{ messageId: 'everyInterface', at: '4:9-4:22' }],
    },
  ],
});
