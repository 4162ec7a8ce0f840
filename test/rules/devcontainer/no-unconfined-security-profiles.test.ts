import rule from '../../../server/src/rules/no-unconfined-security-profiles';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'a custom profile and no-new-privileges', code: '{\n  "securityOpt": ["seccomp=.devcontainer/seccomp.json", "no-new-privileges"],\n  "runArgs": ["--security-opt", "no-new-privileges:true"]\n}\n' },
    { name: 'only in a comment', code: '{\n  // "runArgs": ["--security-opt", "seccomp=unconfined"],\n  "image": "debian:12"\n}\n' },
  ],
  invalid: [
    {
      name: 'two items, the Go and C++ template spelling',
      code: '{\n\t"runArgs": [ "--cap-add=SYS_PTRACE", "--security-opt", "seccomp=unconfined" ]\n}\n',
      errors: [{ messageId: 'devcontainerSeccomp', at: '2:39-2:77', message: 'The dev container turns seccomp off with "seccomp=unconfined": every system call reaches the host kernel; remove it or use a custom profile' }],
      output: '{\n\t"runArgs": [ "--cap-add=SYS_PTRACE" ]\n}\n',
    },
    {
      name: '--security-opt=VALUE with ":" and one item with a space',
      code: '{\n  "runArgs": [\n    "--security-opt=apparmor:unconfined",\n    "--init",\n    "--security-opt label=disable"\n  ]\n}\n',
      errors: [
        { messageId: 'devcontainerApparmor', at: '3:5-3:41' },
        { messageId: 'devcontainerSelinux', at: '5:6-5:34' },
      ],
      output: '{\n  "runArgs": [\n    "--init"\n  ]\n}\n',
    },
    {
      name: 'securityOpt property',
      code: '{\n  "securityOpt": ["no-new-privileges", "seccomp=unconfined"],\n}\n',
      errors: [{ messageId: 'devcontainerSeccomp', at: '2:40-2:60' }],
      output: '{\n  "securityOpt": ["no-new-privileges"],\n}\n',
    },
  ],
});
