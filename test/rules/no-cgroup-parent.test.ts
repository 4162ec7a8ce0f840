import rule from '../../server/src/rules/no-cgroup-parent';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'no cgroup_parent', code: 'services:\n  a:\n    image: a:1\n' },
    { name: 'an empty value means the default', code: 'services:\n  a:\n    cgroup_parent: ""\n  b:\n    cgroup_parent:\n' },
    { name: 'the cgroup namespace key is something else', code: 'services:\n  a:\n    cgroup: private\n' },
    { name: 'outside services', code: 'x-a:\n  cgroup_parent: x\nservices:\n  a:\n    image: a:1\n' },
  ],
  invalid: [
    {
      name: 'the entry is flagged and removed',
      code: 'services:\n  iperf:\n    container_name: ipc\n    cgroup_parent: nat-docker\n    expose:\n      - 1234\n',
      errors: [{ messageId: 'cgroupParent', at: '4:5-4:30', message: 'Service "iperf" runs under the custom cgroup parent "nat-docker", outside the cgroup Docker manages for containers; remove "cgroup_parent"' }],
      output: 'services:\n  iperf:\n    container_name: ipc\n    expose:\n      - 1234\n',
    },
    {
      name: 'quoted and interpolated values; comments and CRLF survive',
      code: 'services:\r\n  a:\r\n    # batch work\r\n    cgroup_parent: "${SLICE:-batch.slice}" # host slice\r\n    image: a:1\r\n',
      errors: [{ messageId: 'cgroupParent', at: '4:5-4:43' }],
      output: 'services:\r\n  a:\r\n    # batch work\r\n    image: a:1\r\n',
    },
    {
      name: 'flow map',
      code: 'services:\n  a: {image: a:1, cgroup_parent: /custom}\n',
      errors: [{ messageId: 'cgroupParent', at: '2:19-2:41' }],
      output: 'services:\n  a: {image: a:1}\n',
    },
    {
      name: 'inherited through a merge key: reported on the << entry, no fix',
      code: 'x-base: &base\n  cgroup_parent: batch.slice\nservices:\n  a:\n    <<: *base\n',
      errors: [{ messageId: 'cgroupParent', at: '5:5-5:14' }],
    },
  ],
});
