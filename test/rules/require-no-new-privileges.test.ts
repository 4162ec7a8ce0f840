import rule from '../../server/src/rules/require-no-new-privileges';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'Windows containers have no no-new-privileges option', code: 'services:\n  web:\n    image: stefanscherer/node-windows:6.9.2-nano\n' },
    { name: 'every accepted spelling of on', code: 'services:\n  a:\n    image: a:1\n    security_opt: [no-new-privileges]\n  b:\n    image: b:1\n    security_opt: ["no-new-privileges=true"]\n  c:\n    image: c:1\n    security_opt:\n      - "no-new-privileges: TRUE"\n      - seccomp=p.json\n  d:\n    image: d:1\n    security_opt: no-new-privileges:1\n' },
    { name: 'set through a merge key', code: 'x-hardened: &hardened\n  security_opt: [no-new-privileges:true]\nservices:\n  a:\n    <<: *hardened\n    image: a:1\n' },
    { name: 'inherited through extends in the same file', code: 'services:\n  base:\n    image: a:1\n    security_opt: [no-new-privileges:true]\n  web:\n    extends: base\n  worker:\n    extends:\n      service: base\n' },
    { name: 'a service that extends another file is not judged', code: 'services:\n  web:\n    extends:\n      file: common.yml\n      service: web\n' },
    { name: 'a value the file leaves to a variable is not judged', code: 'services:\n  a:\n    image: a:1\n    security_opt: ["no-new-privileges:${NNP}"]\n' },
    { name: 'a service that is not a map is not a service definition', code: 'services:\n  a:\n' },
  ],
  invalid: [
    {
      name: 'missing: anchored on the service key, with the exact message; a version key changes nothing',
      code: 'version: "3.4"\nservices:\n  api:\n    image: api:1\n    security_opt:\n      - apparmor: false\n',
      errors: [{ messageId: 'missing', at: '3:3-3:6', message: 'Service "api" does not set "no-new-privileges:true", so setuid programs can raise its privileges' }],
      output: 'version: "3.4"\nservices:\n  api:\n    image: api:1\n    security_opt:\n      - apparmor: false\n      - no-new-privileges:true\n',
    },
    {
      name: 'explicitly off: anchored on the item, in each spelling',
      code: 'services:\n  a:\n    image: a:1\n    security_opt:\n      - no-new-privileges:false\n  b: {image: b:1, security_opt: ["no-new-privileges=0"]}\n',
      errors: [
        { messageId: 'disabled', at: '5:9-5:32', message: 'Service "a" turns "no-new-privileges" off, so setuid programs can raise its privileges; set it to true' },
        { messageId: 'disabled', at: '6:34-6:55' },
      ],
      output: 'services:\n  a:\n    image: a:1\n    security_opt:\n      - no-new-privileges:true\n  b: {image: b:1, security_opt: ["no-new-privileges=true"]}\n',
    },
    {
      name: 'off through a merge key: reported on the << entry',
      code: 'x-base: &base\n  security_opt: [no-new-privileges:false]\nservices:\n  a:\n    <<: *base\n    image: a:1\n',
      errors: [{ messageId: 'disabled', at: '5:5-5:14' }],
    },
    {
      name: 'extends: each service of the chain that lacks it is reported once, a base that turns it off is reported on its item',
      code: 'services:\n  base:\n    image: a:1\n  web:\n    extends: base\n  off:\n    image: a:1\n    security_opt: [no-new-privileges:false]\n  child:\n    extends: off\n',
      errors: [
        { messageId: 'missing', at: '2:3-2:7' },
        { messageId: 'missing', at: '4:3-4:6' },
        { messageId: 'disabled', at: '8:20-8:43' },
      ],
      output: 'services:\n  base:\n    image: a:1\n    security_opt:\n      - no-new-privileges:true\n  web:\n    extends: base\n    security_opt:\n      - no-new-privileges:true\n  off:\n    image: a:1\n    security_opt: [no-new-privileges:true]\n  child:\n    extends: off\n',
    },
    {
      name: 'fix: appended to a block list in its quoting; CRLF line endings and comments survive',
      code: 'services:\r\n  api:\r\n    image: api:1\r\n    security_opt: # hardening\r\n      - "seccomp:./p.json"\r\n',
      errors: [{ messageId: 'missing', at: '2:3-2:6' }],
      output: 'services:\r\n  api:\r\n    image: api:1\r\n    security_opt: # hardening\r\n      - "seccomp:./p.json"\r\n      - "no-new-privileges:true"\r\n',
    },
    {
      name: 'fix: an empty flow list, a flow service, and a spaced, quoted false turned on',
      code: 'services:\n  a: {image: a:1, security_opt: []}\n  b: {image: b:1}\n  c:\n    image: c:1\n    security_opt: ["no-new-privileges : false"]\n',
      errors: [
        { messageId: 'missing', at: '2:3-2:4' },
        { messageId: 'missing', at: '3:3-3:4' },
        { messageId: 'disabled', at: '6:20-6:47' },
      ],
      output: 'services:\n  a: {image: a:1, security_opt: [no-new-privileges:true]}\n  b: {image: b:1, security_opt: [no-new-privileges:true]}\n  c:\n    image: c:1\n    security_opt: ["no-new-privileges : true"]\n',
    },
    {
      name: 'harden fix, from the no-new-privileges finding',
      code: 'services:\n  api:\n    image: api:1\n    read_only: true\n',
      fix: 'Harden service "api" (read_only, tmpfs, cap_drop: ALL, no-new-privileges)',
      errors: [{ messageId: 'missing', at: '2:3-2:6' }],
      output: 'services:\n  api:\n    image: api:1\n    read_only: true\n    cap_drop:\n      - ALL\n    tmpfs:\n      - /tmp\n    security_opt:\n      - no-new-privileges:true\n',
    },
    {
      name: 'no fix for a list inherited through a merge key or shared through an alias',
      code: 'x-b: &b\n  security_opt: [seccomp:x]\nx-o: &o [apparmor:x]\nservices:\n  a:\n    <<: *b\n    image: a:1\n  c:\n    image: c:1\n    security_opt: *o\n',
      errors: [
        { messageId: 'missing', at: '5:3-5:4' },
        { messageId: 'missing', at: '8:3-8:4' },
      ],
    },
  ],
});
