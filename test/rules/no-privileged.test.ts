import rule from '../../server/src/rules/no-privileged';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    privileged: false\n',
    { name: 'YAML 1.1 false', code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: "no"\n' },
    { name: 'privileged outside a service', code: 'x-notes:\n  privileged: true\nservices:\n  web:\n    image: nginx:1.27\n' },
  ],
  invalid: [
    {
      name: 'only the privileged service is flagged, on its entry',
      code: 'services:\n  a:\n    image: x:1\n  b:\n    image: y:1\n    privileged: true\n',
      errors: [{ messageId: 'privileged', at: '6:5-6:21', message: 'Service "b" runs privileged: it gets every capability and device of the host' }],
      output: 'services:\n  a:\n    image: x:1\n  b:\n    image: y:1\n',
    },
    {
      name: 'YAML 1.1 booleans as Docker Compose reads them',
      code: 'services:\n  a:\n    privileged: yes\n  b:\n    privileged: "on"\n  c: {privileged: True}\n',
      errors: [
        { messageId: 'privileged', at: '3:5-3:20' },
        { messageId: 'privileged', at: '5:5-5:21' },
        { messageId: 'privileged', at: '6:7-6:23' },
      ],
      output: 'services:\n  a:\n  b:\n  c: {}\n',
    },
    {
      name: 'the fix keeps comments, CRLF line endings and the surrounding entries',
      code: 'services:\r\n  web:\r\n    # keep me\r\n    privileged: true # trailing\r\n    image: nginx:1.27\r\n',
      errors: [{ messageId: 'privileged', at: '4:5-4:21' }],
      output: 'services:\r\n  web:\r\n    # keep me\r\n    image: nginx:1.27\r\n',
    },
    {
      name: 'flow map: the entry and its comma go',
      code: 'services:\n  web: {image: nginx:1.27, privileged: true, user: app}\n',
      errors: [{ messageId: 'privileged', at: '2:28-2:44' }],
      output: 'services:\n  web: {image: nginx:1.27, user: app}\n',
    },
    {
      name: 'inherited through a merge key: reported on the << entry of the service',
      code: 'x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n',
      errors: [{ messageId: 'privileged', at: '5:5-5:14' }],
    },
    {
      name: 'value given through an alias',
      code: 'x-on: &on true\nservices:\n  web:\n    privileged: *on\n',
      errors: [{ messageId: 'privileged', at: '4:5-4:20' }],
      output: 'x-on: &on true\nservices:\n  web:\n',
    },
  ],
});
