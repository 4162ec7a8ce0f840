import rule from '../../../server/src/rules/no-dangerous-devices';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'ordinary devices and a narrow cgroup rule', code: '{\n  "runArgs": ["--device=/dev/ttyUSB0", "--device", "/dev/dri:/dev/dri", "--device-cgroup-rule", "c 189:* rmw"]\n}\n' },
    { name: 'only in a comment', code: '{\n  // "runArgs": ["--device=/dev/sda"]\n}\n' },
  ],
  invalid: [
    {
      name: '--device=VALUE and --device VALUE',
      code: '{\n  "runArgs": ["--device=/dev/sda:/dev/xvda:rwm", "--init", "--device", "/dev/mem"]\n}\n',
      errors: [
        { messageId: 'devcontainerDevice', at: '2:15-2:48', message: 'The dev container is given the host device "/dev/sda", which is a host disk, readable and writable below every filesystem permission; map a narrower device or use a volume' },
        { messageId: 'devcontainerDevice', at: '2:60-2:82' },
      ],
      output: '{\n  "runArgs": ["--init"]\n}\n',
    },
    {
      name: 'an open cgroup rule in one item',
      code: '{\n  "runArgs": ["--device-cgroup-rule a *:* rwm"]\n}\n',
      errors: [{ messageId: 'devcontainerCgroupRule', at: '2:16-2:46' }],
      output: '{\n  "runArgs": []\n}\n',
    },
  ],
});
