import rule from '../../server/src/rules/no-shared-namespaces';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'host namespaces are no-host-namespaces\' job', code: 'services:\n  mon:\n    pid: host\n    ipc: host\n    network_mode: host\n' },
    { name: 'private and none modes', code: 'services:\n  a:\n    ipc: private\n    network_mode: none\n  b:\n    ipc: "none"\n    network_mode: bridge\n' },
    { name: 'a service named like a mode is not a join', code: 'services:\n  a:\n    network_mode: servicenet\n' },
    { name: 'a mode from a variable without a default is unknown', code: 'services:\n  a:\n    network_mode: ${NET_MODE}\n' },
    { name: 'a variable whose default is a plain network mode', code: 'services:\n  a:\n    network_mode: ${NET_MODE:-bridge}\n' },
    { name: 'named volumes instead of volumes_from', code: 'services:\n  a:\n    volumes: [data:/data]\n  b:\n    volumes: ["data:/data:ro"]\nvolumes:\n  data:\n' },
    { name: 'keys outside services', code: 'x-notes:\n  pid: "service:a"\n  volumes_from: [a]\nservices:\n  a:\n    image: a:1\n' },
  ],
  invalid: [
    {
      name: 'service: and container: joins, quoted or not, on the entry',
      code: 'services:\n  app:\n    image: app:1\n  debug:\n    pid: "service:app"\n    ipc: container:abc123\n    network_mode: \'service:app\'\n',
      errors: [
        { messageId: 'joins', at: '5:5-5:23', message: 'Service "debug" joins the PID namespace of "app" ("pid: service:app"): each can see and signal the other\'s processes and read their environment; connect them over a network instead' },
        { messageId: 'joins', at: '6:5-6:26' },
        { messageId: 'joins', at: '7:5-7:32', message: 'Service "debug" joins the network namespace of "app" ("network_mode: service:app"): each can reach the other\'s localhost-only ports and sniff its traffic; connect them over a network instead' },
      ],
    },
    {
      name: 'ipc: shareable offers the namespace to others',
      code: 'services:\n  db:\n    ipc: shareable\n',
      errors: [{ messageId: 'shareable', at: '3:5-3:19', message: 'Service "db" makes its IPC namespace joinable by other containers ("ipc: shareable"); use the default "private"' }],
    },
    {
      name: 'volumes_from items in block and flow style, with modes and container: prefix',
      code: 'services:\n  app:\n    volumes_from:\n      - db\n      - "container:cache:ro"\n  b: {volumes_from: [app:rw]}\n',
      errors: [
        { messageId: 'volumesFrom', at: '4:9-4:11', message: 'Service "app" mounts every volume of "db" through "volumes_from"; mount the named volumes it needs instead' },
        { messageId: 'volumesFrom', at: '5:9-5:29', message: 'Service "app" mounts every volume of "container:cache" through "volumes_from"; mount the named volumes it needs instead' },
        { messageId: 'volumesFrom', at: '6:22-6:28' },
      ],
    },
    {
      name: 'legacy net: and interpolated names',
      code: 'services:\n  a:\n    net: "container:${PEER}"\n  b:\n    network_mode: ${MODE:-service:a}\n',
      errors: [
        { messageId: 'joins', at: '3:5-3:29' },
        { messageId: 'joins', at: '5:5-5:37' },
      ],
    },
    {
      name: 'inherited through a merge key: reported on the << entry',
      code: 'x-side: &side\n  network_mode: "service:vpn"\n  volumes_from: [vpn]\nservices:\n  vpn:\n    image: vpn:1\n  app:\n    <<: *side\n',
      errors: [
        { messageId: 'joins', at: '8:5-8:14' },
        { messageId: 'volumesFrom', at: '8:5-8:14' },
      ],
    },
  ],
});
