import nonRootUser from '../../server/src/rules/non-root-user';
import noPrivileged from '../../server/src/rules/no-privileged';
import rule from '../../server/src/rules/ignore-comment';
import { testRule } from '../helpers/rule-tester';

const alongside = [nonRootUser, noPrivileged];

testRule(rule, {
  valid: [
    { name: 'a used line ignore', alongside, code: 'FROM alpine:3.22\n# bulkhead-ignore non-root-user -- root by design\nUSER root\n' },
    { name: 'a used file ignore', alongside, code: '# bulkhead-ignore-file non-root-user\nFROM alpine:3.22\nUSER root\n' },
    { name: 'an ignore for a rule that is off is not reported', code: 'FROM alpine:3.22\n# bulkhead-ignore non-root-user\nUSER 10001\n' },
    { name: 'an ignore of a warning rule needs no reason by default', alongside, code: 'FROM alpine:3.22\n# bulkhead-ignore non-root-user\nUSER root\n' },
    {
      name: 'requireReason: never turns the reason check off',
      kind: 'compose',
      alongside,
      config: { rules: { 'ignore-comment': { options: { requireReason: 'never' } } } },
      code: 'services:\n  dind:\n    image: docker:27-dind\n    # bulkhead-ignore no-privileged\n    privileged: true\n',
    },
    {
      name: 'an error rule ignored with a reason',
      kind: 'compose',
      alongside,
      code: 'services:\n  dind:\n    image: docker:27-dind\n    # bulkhead-ignore no-privileged -- Docker-in-Docker for the CI runners\n    privileged: true\n',
    },
    { name: 'a YAML block scalar line is content, not a comment', kind: 'compose', alongside, code: 'services:\n  web:\n    image: x:1\n    user: "1000"\n    command: |\n      # bulkhead-ignore nothing-here\n      run\n' },
  ],
  invalid: [
    {
      name: 'unknown rule id, underlined',
      alongside,
      code: 'FROM alpine:3.22\n# bulkhead-ignore non-root-usr\nUSER root\n',
      errors: [{ messageId: 'unknownRule', at: '2:19-2:31', message: 'Unknown rule "non-root-usr" in a bulkhead-ignore comment' }],
      output: 'FROM alpine:3.22\nUSER root\n',
    },
    {
      name: 'an ignore that suppresses nothing (the user is not root)',
      alongside,
      code: 'FROM alpine:3.22\n# bulkhead-ignore non-root-user -- old\nUSER 10001\n',
      errors: [{ messageId: 'unused', at: '2:19-2:32' }],
      output: 'FROM alpine:3.22\nUSER 10001\n',
    },
    {
      name: 'a Compose-only rule ignored in a Dockerfile suppresses nothing; the used one is fine',
      alongside,
      code: 'FROM alpine:3.22\n# bulkhead-ignore no-privileged,non-root-user\nUSER root\n',
      errors: [{ messageId: 'unused', at: '2:19-2:32' }],
      output: 'FROM alpine:3.22\n# bulkhead-ignore non-root-user\nUSER root\n',
    },
    {
      name: 'the last of several ids is removed with its separator, the reason stays',
      alongside,
      code: 'FROM alpine:3.22\n# bulkhead-ignore non-root-user, no-privileged -- dind\nUSER root\n',
      errors: [{ messageId: 'unused', at: '2:34-2:47' }],
      output: 'FROM alpine:3.22\n# bulkhead-ignore non-root-user -- dind\nUSER root\n',
    },
    {
      name: 'an ignore with no rule id',
      alongside,
      code: 'FROM alpine:3.22\n# bulkhead-ignore -- why\nUSER root\n',
      errors: [{ messageId: 'empty', at: '2:1-2:25' }],
      output: 'FROM alpine:3.22\nUSER root\n',
    },
    {
      name: 'Compose: an unused ignore above a service entry',
      kind: 'compose',
      alongside,
      code: 'services:\n  web:\n    image: x:1\n    # bulkhead-ignore no-privileged\n    privileged: false\n',
      errors: [{ messageId: 'unused', at: '4:23-4:36' }],
      output: 'services:\n  web:\n    image: x:1\n    privileged: false\n',
    },
    {
      name: 'an error rule ignored without a reason: the ids are underlined, no fix (only the author knows why)',
      kind: 'compose',
      alongside,
      code: 'services:\n  dind:\n    image: docker:27-dind\n    # bulkhead-ignore no-privileged\n    privileged: true\n',
      errors: [{ messageId: 'missingReason', at: '4:23-4:36', message: 'This bulkhead-ignore hides "no-privileged" without a reason; write why after "--"' }],
    },
    {
      name: 'an empty reason counts as none; a file-wide ignore needs one too',
      kind: 'compose',
      alongside,
      code: '# bulkhead-ignore-file no-privileged --  \nservices:\n  dind:\n    image: docker:27-dind\n    privileged: true\n',
      errors: [{ messageId: 'missingReason', at: '1:24-1:37' }],
    },
    {
      name: 'requireReason: warning also covers warning rules, one finding per comment naming every such id',
      alongside,
      config: { rules: { 'ignore-comment': { options: { requireReason: 'warning' } } } },
      code: 'FROM alpine:3.22\n# bulkhead-ignore non-root-user\nUSER root\n',
      errors: [{ messageId: 'missingReason', at: '2:19-2:32', message: 'This bulkhead-ignore hides "non-root-user" without a reason; write why after "--"' }],
    },
  ],
});
