import rule from '../../server/src/rules/no-shared-mount-propagation';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'private propagation modes', code: 'services:\n  a:\n    volumes:\n      - /mnt:/mnt:rprivate\n      - ./src:/src:ro,private\n' },
    { name: 'long syntax with rprivate, and without bind options', code: 'services:\n  a:\n    volumes:\n      - type: bind\n        source: /mnt\n        target: /mnt\n        bind:\n          propagation: rprivate\n      - {type: bind, source: ./x, target: /x}\n' },
    { name: 'a path that merely contains the word', code: 'services:\n  a:\n    volumes:\n      - /srv/shared:/shared\n      - rshared:/data\n' },
    { name: 'other volume options', code: 'services:\n  a:\n    volumes:\n      - ./data:/data:z,ro,nocopy\n' },
    { name: 'propagation outside a bind block', code: 'services:\n  a:\n    volumes:\n      - type: bind\n        source: /mnt\n        target: /mnt\n        propagation: rshared\n' },
  ],
  invalid: [
    {
      name: 'short syntax: the item is flagged and the option removed',
      code: 'services:\n  agent:\n    volumes:\n      - /mnt/data:/data:rshared\n      - "/var/lib/kubelet:/var/lib/kubelet:ro,rslave"\n',
      errors: [
        { messageId: 'propagation', at: '4:9-4:32', message: 'Volume "/data" of service "agent" uses "rshared" propagation: mounts made in the container appear on the host and the other way round; keep the default "rprivate"' },
        { messageId: 'propagation', at: '5:9-5:54', message: 'Volume "/var/lib/kubelet" of service "agent" uses "rslave" propagation: mounts made on the host later appear inside the container; keep the default "rprivate"' },
      ],
      output: 'services:\n  agent:\n    volumes:\n      - /mnt/data:/data\n      - "/var/lib/kubelet:/var/lib/kubelet:ro"\n',
    },
    {
      name: 'an option in the middle keeps the others; flow sequence and CRLF survive',
      code: "services:\r\n  a:\r\n    volumes: ['./x:/x:z,shared,ro'] # keep\r\n",
      errors: [{ messageId: 'propagation', at: '3:15-3:35' }],
      output: "services:\r\n  a:\r\n    volumes: ['./x:/x:z,ro'] # keep\r\n",
    },
    {
      name: 'long syntax: the propagation entry is flagged and set to rprivate, keeping quotes and comments',
      code: 'services:\n  a:\n    volumes:\n      - type: bind\n        source: $ENVVAR/data\n        target: "/data"\n        bind:\n          propagation: "slave" # needed?\n',
      errors: [{ messageId: 'propagation', at: '8:11-8:31', message: 'Volume "/data" of service "a" uses "slave" propagation: mounts made on the host later appear inside the container; keep the default "rprivate"' }],
      output: 'services:\n  a:\n    volumes:\n      - type: bind\n        source: $ENVVAR/data\n        target: "/data"\n        bind:\n          propagation: "rprivate" # needed?\n',
    },
    {
      name: 'long syntax in flow style',
      code: 'services:\n  a:\n    volumes:\n      - {type: bind, source: /mnt, target: /mnt, bind: {propagation: shared}}\n',
      errors: [{ messageId: 'propagation', at: '4:57-4:76' }],
      output: 'services:\n  a:\n    volumes:\n      - {type: bind, source: /mnt, target: /mnt, bind: {propagation: rprivate}}\n',
    },
    {
      name: 'inherited through a merge key: reported on the << entry, no fix',
      code: 'x-mounts: &mounts\n  volumes:\n    - /mnt:/mnt:rshared\nservices:\n  a:\n    <<: *mounts\n',
      errors: [{ messageId: 'propagation', at: '6:5-6:16' }],
    },
    {
      name: 'a sequence shared through an alias is reported where it is written, not edited',
      code: 'x-vols: &vols\n  - /mnt:/mnt:rshared\nservices:\n  a:\n    volumes: *vols\n',
      errors: [{ messageId: 'propagation', at: '2:5-2:22' }],
    },
  ],
});
