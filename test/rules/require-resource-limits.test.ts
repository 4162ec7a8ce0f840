import rule from '../../server/src/rules/require-resource-limits';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'deploy.resources.limits, no version key', code: 'services:\n  a:\n    image: a:1\n    deploy:\n      resources:\n        limits: {memory: 256M, cpus: "0.5", pids: 100}\n' },
    { name: 'legacy service keys, with a version key', code: 'version: "2.4"\nservices:\n  a:\n    image: a:1\n    mem_limit: 512m\n    cpu_quota: 50000\n    pids_limit: 10\n' },
    { name: 'mixed spellings; an unlimited value next to a real limit is fine', code: 'services:\n  a:\n    image: a:1\n    mem_limit: 0\n    cpus: 1.5\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n          pids: 64\n' },
    { name: 'limits from a merge key', code: 'x-limits: &limits\n  deploy:\n    resources:\n      limits: {memory: 128M, cpus: "0.25", pids: 50}\nservices:\n  a:\n    <<: *limits\n    image: a:1\n' },
    { name: 'limits inherited through extends in the same file', code: 'services:\n  base:\n    image: a:1\n    mem_limit: 1g\n    cpus: 1\n    pids_limit: 100\n  web:\n    extends: base\n' },
    { name: 'a service that extends another file is only judged on what it sets', code: 'services:\n  web:\n    extends: {file: base.yml, service: web}\n' },
    { name: 'values left to variables count as set', code: 'services:\n  a:\n    image: a:1\n    mem_limit: ${MEM:-0}\n    cpus: ${CPUS}\n    pids_limit: ${PIDS}\n' },
  ],
  invalid: [
    {
      name: 'nothing set: one finding on the service key listing all three',
      code: 'services:\n  redis:\n    image: redis:7\n',
      errors: [{ messageId: 'missing', at: '2:3-2:8', message: 'Service "redis" has no memory, CPU or PIDs limit, so it can exhaust the host; add limits under deploy.resources.limits' }],
      output: 'services:\n  redis:\n    image: redis:7\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n          cpus: "0.50"\n          pids: 256\n',
    },
    {
      name: 'reservations are not limits (KICS memory_not_limited positive4)',
      code: 'version: "3.7"\nservices:\n  zapzop:\n    image: z:1\n    deploy:\n      resources:\n        limits:\n          cpus: "0.3"\n        reservations:\n          memory: 128M\n    pids_limit: 100\n',
      errors: [{ messageId: 'missing', at: '3:3-3:9', message: 'Service "zapzop" has no memory limit, so it can exhaust the host; add limits under deploy.resources.limits' }],
      output: 'version: "3.7"\nservices:\n  zapzop:\n    image: z:1\n    deploy:\n      resources:\n        limits:\n          cpus: "0.3"\n          memory: 512M\n        reservations:\n          memory: 128M\n    pids_limit: 100\n',
    },
    {
      name: 'explicitly unlimited values are reported on their entries, and the rest on the key',
      code: 'services:\n  a:\n    image: a:1\n    pids_limit: -1\n    mem_limit: "0"\n',
      errors: [
        { messageId: 'missingOther', at: '2:3-2:4', message: 'Service "a" has no CPU limit; add one to contain a runaway process or a fork bomb' },
        { messageId: 'unlimited', at: '4:5-4:19', message: 'Service "a" sets "pids_limit: -1", which means no PIDs limit; set a real limit' },
        { messageId: 'unlimited', at: '5:5-5:19' },
      ],
      output: 'services:\n  a:\n    image: a:1\n    pids_limit: 256\n    mem_limit: 512M\n    cpus: "0.50"\n',
    },
    {
      name: 'zero CPU and PIDs in deploy limits, flow style',
      code: 'services:\n  a: {image: a:1, mem_limit: 1g, cpus: 0.0, deploy: {resources: {limits: {pids: 0}}}}\n',
      errors: [
        { messageId: 'unlimited', at: '2:34-2:43' },
        { messageId: 'unlimited', at: '2:75-2:82' },
      ],
      output: 'services:\n  a: {image: a:1, mem_limit: 1g, cpus: "0.50", deploy: {resources: {limits: {pids: 256}}}}\n',
    },
    {
      name: 'unlimited through a merge key: reported on the << entry',
      code: 'x-u: &u\n  pids_limit: 0\nservices:\n  a:\n    <<: *u\n    image: a:1\n    mem_limit: 1g\n    cpus: 1\n',
      errors: [{ messageId: 'unlimited', at: '5:5-5:11' }],
    },
    {
      name: 'extends: what the base lacks is missing in both services',
      code: 'services:\n  base:\n    image: a:1\n    mem_limit: 1g\n  web:\n    extends:\n      service: base\n    cpus: 1\n',
      errors: [
        { messageId: 'missingOther', at: '2:3-2:7', message: 'Service "base" has no CPU or PIDs limit; add one to contain a runaway process or a fork bomb' },
        { messageId: 'missingOther', at: '5:3-5:6', message: 'Service "web" has no PIDs limit; add one to contain a runaway process or a fork bomb' },
      ],
      output: 'services:\n  base:\n    image: a:1\n    mem_limit: 1g\n    cpus: "0.50"\n    pids_limit: 256\n  web:\n    extends:\n      service: base\n    cpus: 1\n    pids_limit: 256\n',
    },
    {
      name: 'fix: limits merged into an existing deploy.resources map; CRLF line endings and comments survive',
      code: 'services:\r\n  api:\r\n    image: api:1\r\n    deploy:\r\n      replicas: 2 # two\r\n      resources:\r\n        reservations:\r\n          memory: 64M\r\n',
      errors: [{ messageId: 'missing', at: '2:3-2:6' }],
      output: 'services:\r\n  api:\r\n    image: api:1\r\n    deploy:\r\n      replicas: 2 # two\r\n      resources:\r\n        reservations:\r\n          memory: 64M\r\n        limits:\r\n          memory: 512M\r\n          cpus: "0.50"\r\n          pids: 256\r\n',
    },
    {
      name: 'fix: the missing limit joins an existing limits map, four-space indentation',
      code: 'services:\n    api:\n        image: api:1\n        deploy:\n            resources:\n                limits:\n                    memory: 1G\n                    cpus: "2"\n',
      errors: [{ messageId: 'missingOther', at: '2:5-2:8' }],
      output: 'services:\n    api:\n        image: api:1\n        deploy:\n            resources:\n                limits:\n                    memory: 1G\n                    cpus: "2"\n                    pids: 256\n',
    },
    {
      name: 'no fix when deploy comes through a merge key (a new deploy would replace it) or is shared through an alias',
      code: 'x-d: &d\n  deploy:\n    replicas: 2\nx-dep: &dep\n  replicas: 3\nservices:\n  a:\n    <<: *d\n    image: a:1\n  b:\n    image: b:1\n    deploy: *dep\n',
      errors: [
        { messageId: 'missing', at: '7:3-7:4' },
        { messageId: 'missing', at: '10:3-10:4' },
      ],
    },
  ],
});
