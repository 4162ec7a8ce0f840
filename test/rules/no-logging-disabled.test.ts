import rule from '../../server/src/rules/no-logging-disabled';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'real drivers, and logging left to the default', code: 'services:\n  a:\n    image: a:1\n    logging:\n      driver: json-file\n      options: {max-size: 10m}\n  b:\n    image: b:1\n    log_driver: syslog\n  c:\n    image: c:1\n' },
    { name: 'a log option whose value is none is not the driver', code: 'services:\n  a:\n    image: a:1\n    logging:\n      driver: local\n      options:\n        mode: none\n    log_opt:\n      tag: none\n' },
    { name: 'logging outside a service', code: 'x-logging:\n  driver: none\nservices:\n  a:\n    image: a:1\n' },
    { name: 'a variable', code: 'services:\n  a:\n    image: a:1\n    logging:\n      driver: ${LOG_DRIVER:-none}\n' },
  ],
  invalid: [
    {
      name: 'logging.driver none: reported on the driver entry',
      code: 'services:\n  a:\n    image: a:1\n    logging:\n      driver: none\n',
      errors: [{ messageId: 'disabled', at: '5:7-5:19', message: 'Service "a" discards its logs with the "none" logging driver; use a driver that keeps or forwards them' }],
      output: 'services:\n  a:\n    image: a:1\n',
    },
    {
      name: 'legacy log_driver, quoted and in flow style, with a version key',
      code: 'version: "2"\nservices:\n  a:\n    image: a:1\n    log_driver: "none"\n  b: {image: b:1, logging: {driver: None}}\n',
      errors: [
        { messageId: 'disabled', at: '5:5-5:23' },
        { messageId: 'disabled', at: '6:29-6:41' },
      ],
      output: 'version: "2"\nservices:\n  a:\n    image: a:1\n  b: {image: b:1}\n',
    },
    {
      name: 'through a merge key, of the whole logging block or inside it',
      code: 'x-nolog: &nolog\n  logging:\n    driver: none\nx-driver: &driver\n  driver: none\nservices:\n  a:\n    <<: *nolog\n    image: a:1\n  b:\n    image: b:1\n    logging:\n      <<: *driver\n',
      errors: [
        { messageId: 'disabled', at: '8:5-8:15' },
        { messageId: 'disabled', at: '13:7-13:18' },
      ],
    },
    {
      name: 'fix: only the driver goes when logging has other keys; CRLF line endings and comments survive',
      code: 'services:\r\n  a:\r\n    image: a:1\r\n    logging:\r\n      # quiet\r\n      driver: "none"\r\n      options:\r\n        tag: a\r\n',
      errors: [{ messageId: 'disabled', at: '6:7-6:21' }],
      output: 'services:\r\n  a:\r\n    image: a:1\r\n    logging:\r\n      # quiet\r\n      options:\r\n        tag: a\r\n',
    },
    {
      name: 'fix: the whole logging block when the driver was its only key, in flow style',
      code: 'services:\n  a: {image: a:1, logging: {driver: none}}\n',
      errors: [{ messageId: 'disabled', at: '2:29-2:41' }],
      output: 'services:\n  a: {image: a:1}\n',
    },
  ],
});
