import rule from '../../server/src/rules/no-obsolete-compose-version';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'top-level keys that are not services do not make a version 1 file', code: 'x-base:\n  image: app:1\nvolumes:\n  data: {}\n' },
    'services:\n  web:\n    image: nginx:1.27\n',
    { name: 'a "version" key inside a service or an extension is not the top-level key', code: 'x-meta:\n  version: "3"\nservices:\n  web:\n    image: nginx:1.27\n    labels:\n      version: "2"\n' },
    { name: 'a service named version', code: 'services:\n  version:\n    image: app:1\n' },
    { name: 'the top-level name: key is current', code: 'name: shop\nservices:\n  web:\n    image: nginx:1.27\n' },
  ],
  invalid: [
    {
      name: 'a version 1 file (the docker/labs AppArmor exercise shape): services at the top level',
      code: 'wordpress:\n    image: endophage/wordpress:lean\n    links:\n        - mysql\nmysql:\n    image: mariadb:10.1.10\n',
      errors: [{ messageId: 'legacyFormat', at: '1:1-1:10', message: 'This file uses the retired version 1 format (services at the top level); move the services under a "services:" key' }],
    },
    {
      name: 'version on the first line: the entry and the blank line after it go',
      code: 'version: "3.8"\n\nservices:\n  web:\n    image: nginx:1.27\n',
      errors: [{ messageId: 'version', at: '1:1-1:15', message: 'The top-level "version" key is obsolete: Compose ignores it and warns; remove it' }],
      output: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    {
      name: 'comments around the entry stay; its own trailing comment goes with it',
      code: '# Shop stack\nversion: \'2.4\' # legacy\n# services below\nservices:\n  web:\n    image: nginx:1.27\n',
      errors: [{ messageId: 'version', at: '2:1-2:15' }],
      output: '# Shop stack\n# services below\nservices:\n  web:\n    image: nginx:1.27\n',
    },
    {
      name: 'CRLF line endings and an unquoted number',
      code: 'services:\r\n  web:\r\n    image: nginx:1.27\r\nversion: 3\r\nvolumes:\r\n  data: {}\r\n',
      errors: [{ messageId: 'version', at: '4:1-4:11' }],
      output: 'services:\r\n  web:\r\n    image: nginx:1.27\r\nvolumes:\r\n  data: {}\r\n',
    },
    {
      name: 'version as the last line without a newline',
      code: 'services:\n  web:\n    image: nginx:1.27\nversion: "3"',
      errors: [{ messageId: 'version', at: '4:1-4:13' }],
      output: 'services:\n  web:\n    image: nginx:1.27',
    },
    {
      name: 'flow-style document',
      code: '{version: "3", services: {web: {image: "nginx:1.27"}}}\n',
      errors: [{ messageId: 'version', at: '1:2-1:14' }],
      output: '{services: {web: {image: "nginx:1.27"}}}\n',
    },
    {
      name: 'a version brought in by a merge key is reported on the merge entry without a fix',
      code: 'x-common: &c\n  version: "3"\n<<: *c\nservices:\n  web:\n    image: nginx:1.27\n',
      errors: [{ messageId: 'version', at: '3:1-3:7' }],
    },
  ],
});
