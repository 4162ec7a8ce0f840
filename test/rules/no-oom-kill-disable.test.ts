import rule from '../../server/src/rules/no-oom-kill-disable';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'with a memory limit, disabling the OOM killer stays inside the container', code: 'services:\n  a:\n    oom_kill_disable: true\n    mem_limit: 512m\n' },
    { name: 'with a deploy memory limit', code: 'services:\n  a:\n    oom_kill_disable: yes\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n' },
    { name: 'memory limit inherited from the extended service', code: 'services:\n  base:\n    mem_limit: 256m\n  a:\n    extends: base\n    oom_kill_disable: true\n' },
    { name: 'a memory limit from a variable is unknown', code: 'services:\n  a:\n    oom_kill_disable: true\n    mem_limit: ${MEM}\n' },
    { name: 'false in YAML 1.1 spellings', code: 'services:\n  a:\n    oom_kill_disable: "off"\n  b:\n    oom_kill_disable: false\n' },
    { name: 'bounded swap values', code: 'services:\n  a:\n    mem_limit: 1g\n    memswap_limit: 2g\n  b:\n    memswap_limit: "-10"\n' },
    { name: 'outside services', code: 'x-a:\n  oom_kill_disable: true\n  memswap_limit: -1\nservices:\n  a:\n    mem_limit: 1g\n' },
  ],
  invalid: [
    {
      name: 'oom_kill_disable without a memory limit: the entry is flagged and removed',
      code: 'services:\n  cache:\n    image: redis:7.4\n    oom_kill_disable: true\n',
      errors: [{ messageId: 'oomKillDisable', at: '4:5-4:27', message: 'Service "cache" disables the OOM killer without a memory limit, so running out of memory kills host processes instead; remove "oom_kill_disable" and set a memory limit' }],
      output: 'services:\n  cache:\n    image: redis:7.4\n',
    },
    {
      name: 'YAML 1.1 booleans, and a limit of -1 or 0 is no limit',
      code: 'services:\n  a:\n    oom_kill_disable: "yes"\n    mem_limit: -1\n  b:\n    oom_kill_disable: On\n    deploy: {resources: {limits: {memory: "0"}}}\n',
      errors: [
        { messageId: 'oomKillDisable', at: '3:5-3:28' },
        { messageId: 'oomKillDisable', at: '6:5-6:25' },
      ],
      output: 'services:\n  a:\n    mem_limit: -1\n  b:\n    deploy: {resources: {limits: {memory: "0"}}}\n',
    },
    {
      name: 'memswap_limit: -1, quoted or not, even with a memory limit',
      code: 'services:\n  a:\n    mem_limit: 1g\n    memswap_limit: -1\n  b:\n    memswap_limit: "-1"\n',
      errors: [
        { messageId: 'unlimitedSwap', at: '4:5-4:22', message: 'Service "a" sets "memswap_limit: -1", which lets it swap without bound and slow the whole host; remove it or set a limit' },
        { messageId: 'unlimitedSwap', at: '6:5-6:24' },
      ],
      output: 'services:\n  a:\n    mem_limit: 1g\n  b:\n',
    },
    {
      name: 'flow map, comments and CRLF survive',
      code: 'services:\r\n  a: {image: x:1, oom_kill_disable: true, user: app} # both\r\n  b:\r\n    # swap\r\n    memswap_limit: -1 # unbounded\r\n    image: y:1\r\n',
      errors: [
        { messageId: 'oomKillDisable', at: '2:19-2:41' },
        { messageId: 'unlimitedSwap', at: '5:5-5:22' },
      ],
      output: 'services:\r\n  a: {image: x:1, user: app} # both\r\n  b:\r\n    # swap\r\n    image: y:1\r\n',
    },
    {
      name: 'inherited through a merge key: reported on the << entry, no fix',
      code: 'x-base: &base\n  oom_kill_disable: true\n  memswap_limit: -1\nservices:\n  a:\n    <<: *base\n',
      errors: [
        { messageId: 'oomKillDisable', at: '6:5-6:14' },
        { messageId: 'unlimitedSwap', at: '6:5-6:14' },
      ],
    },
  ],
});
