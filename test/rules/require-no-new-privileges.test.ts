import rule from '../../server/src/rules/require-no-new-privileges';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
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
    },
    {
      name: 'explicitly off: anchored on the item, in each spelling',
      code: 'services:\n  a:\n    image: a:1\n    security_opt:\n      - no-new-privileges:false\n  b: {image: b:1, security_opt: ["no-new-privileges=0"]}\n',
      errors: [
        { messageId: 'disabled', at: '5:9-5:32', message: 'Service "a" turns "no-new-privileges" off, so setuid programs can raise its privileges; set it to true' },
        { messageId: 'disabled', at: '6:34-6:55' },
      ],
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
    },
  ],
});
