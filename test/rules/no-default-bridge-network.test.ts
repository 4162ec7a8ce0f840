import rule from '../../server/src/rules/no-default-bridge-network';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'the project network and user-defined networks', code: 'services:\n  a:\n    image: a:1\n    networks: [backend, default]\nnetworks:\n  backend:\n    internal: true\n' },
    { name: 'other network modes (host is another rule)', code: 'services:\n  a:\n    image: a:1\n    network_mode: none\n  b:\n    image: b:1\n    network_mode: "service:a"\n  c:\n    image: c:1\n    network_mode: bridged\n' },
    { name: 'an external network with another name, and a local network called bridge', code: 'services:\n  a:\n    image: a:1\nnetworks:\n  proxy:\n    external: true\n  bridge:\n    driver: bridge\n  front:\n    external: true\n    name: traefik\n' },
    { name: 'network_mode outside a service', code: 'x-net:\n  network_mode: bridge\nservices:\n  a:\n    image: a:1\n' },
    { name: 'a variable', code: 'services:\n  a:\n    image: a:1\n    network_mode: ${NETWORK_MODE:-bridge}\n' },
  ],
  invalid: [
    {
      name: 'network_mode bridge and default, quoted and in any case',
      code: 'services:\n  a:\n    image: a:1\n    network_mode: bridge\n  b:\n    image: b:1\n    network_mode: "Default"\n',
      errors: [
        { messageId: 'networkMode', at: '4:5-4:25', message: 'Service "a" uses the default bridge network ("network_mode: bridge"), shared with every other container on the host; use a project network' },
        { messageId: 'networkMode', at: '7:5-7:28' },
      ],
      output: 'services:\n  a:\n    image: a:1\n  b:\n    image: b:1\n',
    },
    {
      name: 'flow style with a version key, and through a merge key',
      code: 'version: "2"\nx-n: &n\n  network_mode: bridge\nservices:\n  a: {image: a:1, network_mode: bridge}\n  b:\n    <<: *n\n    image: b:1\n',
      errors: [
        { messageId: 'networkMode', at: '5:19-5:39' },
        { messageId: 'networkMode', at: '7:5-7:11' },
      ],
      output: 'version: "2"\nx-n: &n\n  network_mode: bridge\nservices:\n  a: {image: a:1}\n  b:\n    <<: *n\n    image: b:1\n',
    },
    {
      name: 'the predefined bridge network declared external, by key, by name and in the legacy form',
      code: 'services:\n  a:\n    image: a:1\nnetworks:\n  bridge:\n    external: true\n  default:\n    external: true\n    name: bridge\n  old:\n    external:\n      name: bridge\n',
      errors: [
        { messageId: 'externalBridge', at: '6:5-6:19', message: 'Network "bridge" is Docker\'s default bridge network, shared with every other container on the host; use a network of this project' },
        { messageId: 'externalBridge', at: '9:5-9:17' },
        { messageId: 'externalBridge', at: '12:7-12:19' },
      ],
    },
    {
      name: 'fix: network_mode goes, CRLF line endings and comments survive',
      code: 'services:\r\n  a:\r\n    image: a:1\r\n    network_mode: bridge # legacy\r\n    # the app\r\n    command: serve\r\n',
      errors: [{ messageId: 'networkMode', at: '4:5-4:25' }],
      output: 'services:\r\n  a:\r\n    image: a:1\r\n    # the app\r\n    command: serve\r\n',
    },
  ],
});
