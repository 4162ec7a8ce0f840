import rule from '../../server/src/rules/tmpfs-mount-options';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'Docker mounts service tmpfs noexec,nosuid,nodev by default', code: 'services:\n  a:\n    tmpfs:\n      - /tmp\n      - /run:size=64m,mode=1777\n' },
    { name: 'a single string', code: 'services:\n  a:\n    tmpfs: /tmp:rw,noexec\n' },
    { name: 'a later option wins: exec then noexec', code: 'services:\n  a:\n    tmpfs: ["/tmp:exec,noexec"]\n' },
    { name: 'long-syntax tmpfs volumes cannot lift the defaults', code: 'services:\n  a:\n    volumes:\n      - type: tmpfs\n        target: /tmp\n        tmpfs:\n          size: 1000000\n' },
    { name: 'options that only look alike', code: 'services:\n  a:\n    tmpfs:\n      - /exec:size=1m\n      - /dev:mode=755,uid=1000\n' },
    { name: 'a tmpfs named volume with all three', code: 'volumes:\n  scratch:\n    driver_opts:\n      type: tmpfs\n      device: tmpfs\n      o: "size=100m,noexec,nosuid,nodev"\n' },
    { name: 'named volumes that are not tmpfs, or of another driver', code: 'volumes:\n  nfs:\n    driver_opts:\n      type: nfs\n      o: addr=10.0.0.1\n  other:\n    driver: rexray\n    driver_opts:\n      type: tmpfs\n' },
  ],
  invalid: [
    {
      name: 'exec, suid or dev lift a default: the option is removed, the others kept',
      code: 'services:\n  db:\n    tmpfs:\n      - /dev/shm:rw,exec,size=4G\n      - "/run:suid,dev"\n',
      errors: [
        { messageId: 'lifted', at: '4:9-4:33', message: 'The tmpfs "/dev/shm" of service "db" turns off noexec, so files written there can run as programs; remove "exec"' },
        { messageId: 'lifted', at: '5:9-5:24', message: 'The tmpfs "/run" of service "db" turns off nosuid, nodev, so files written there can raise privileges with a setuid bit or act as device nodes; remove "suid", "dev"' },
      ],
      output: 'services:\n  db:\n    tmpfs:\n      - /dev/shm:rw,size=4G\n      - "/run"\n',
    },
    {
      name: 'a single string; noexec then exec: the later one wins',
      code: 'services:\n  a:\n    tmpfs: /tmp:noexec,exec\n',
      errors: [{ messageId: 'lifted', at: '3:12-3:28' }],
      output: 'services:\n  a:\n    tmpfs: /tmp:noexec\n',
    },
    {
      name: 'flow sequence, comments and CRLF survive',
      code: "services:\r\n  a: # app\r\n    tmpfs: ['/tmp:exec', /run] # scratch\r\n",
      errors: [{ messageId: 'lifted', at: '3:13-3:24' }],
      output: "services:\r\n  a: # app\r\n    tmpfs: ['/tmp', /run] # scratch\r\n",
    },
    {
      name: 'tmpfs named volume without "o": the options are added',
      code: 'volumes:\n  scratch:\n    driver_opts:\n      type: tmpfs\n      device: tmpfs\n',
      errors: [{ messageId: 'volume', at: '4:7-4:18', message: 'Volume "scratch" is a tmpfs mounted without "noexec", "nosuid", "nodev", which the volume driver does not add; add them to its "o" options' }],
      output: 'volumes:\n  scratch:\n    driver_opts:\n      type: tmpfs\n      device: tmpfs\n      o: noexec,nosuid,nodev\n',
    },
    {
      name: 'tmpfs named volume with partial "o": the missing ones are appended inside the quotes',
      code: 'volumes:\n  scratch:\n    driver: local\n    driver_opts: {type: tmpfs, device: tmpfs, o: "size=100m,nodev"}\n',
      errors: [{ messageId: 'volume', at: '4:47-4:67' }],
      output: 'volumes:\n  scratch:\n    driver: local\n    driver_opts: {type: tmpfs, device: tmpfs, o: "size=100m,nodev,noexec,nosuid"}\n',
    },
    {
      name: 'a tmpfs volume flow map without "o": the added value is quoted, since commas end a flow item',
      code: 'volumes:\n  scratch:\n    driver_opts: {type: tmpfs, device: tmpfs}\n',
      errors: [{ messageId: 'volume', at: '3:19-3:30' }],
      output: 'volumes:\n  scratch:\n    driver_opts: {type: tmpfs, device: tmpfs, o: "noexec,nosuid,nodev"}\n',
    },
    {
      name: 'a plain "o" in a flow map is quoted once it holds commas',
      code: 'volumes:\n  scratch:\n    driver_opts: {type: tmpfs, o: size=1m}\n',
      errors: [{ messageId: 'volume', at: '3:32-3:42' }],
      output: 'volumes:\n  scratch:\n    driver_opts: {type: tmpfs, o: "size=1m,noexec,nosuid,nodev"}\n',
    },
    {
      name: 'inherited through a merge key: reported on the << entry, no fix',
      code: 'x-scratch: &scratch\n  tmpfs: [/tmp:exec]\nservices:\n  a:\n    <<: *scratch\n',
      errors: [{ messageId: 'lifted', at: '5:5-5:17' }],
    },
  ],
});
