import rule from '../../server/src/rules/drop-all-capabilities';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'Windows containers have no Linux capabilities (docker/labs SQL Server Express)', code: 'services:\n  db:\n    image: microsoft/mssql-server-windows-express:2016-sp1\n' },
    { name: 'cap_drop: [ALL] with capabilities added back', code: 'services:\n  a:\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]\n' },
    { name: 'lower-case all, block list, among other items', code: 'services:\n  a:\n    cap_drop:\n      - NET_RAW\n      - all\n' },
    { name: 'privileged services are no-privileged\'s finding (Docker ignores cap_drop there)', code: 'services:\n  a:\n    privileged: "yes"\n' },
    { name: 'inherited from the extended service', code: 'services:\n  base:\n    cap_drop: [ALL]\n  a:\n    extends: base\n' },
    { name: 'extends a service in another file: unknown', code: 'services:\n  a:\n    extends:\n      file: common.yaml\n      service: base\n' },
    { name: 'a variable item may be ALL', code: 'services:\n  a:\n    cap_drop: ["${DROP_CAPS}"]\n' },
    { name: 'a service that is not a map', code: 'services:\n  a:\n' },
    { name: 'inherited through a merge key', code: 'x-hard: &hard\n  cap_drop: [ALL]\nservices:\n  a:\n    <<: *hard\n' },
  ],
  invalid: [
    {
      name: 'the combined "harden this service" fix is offered here too',
      code: 'services:\n  api:\n    image: api:2.3\n',
      fix: 'Harden service',
      errors: [{ messageId: 'missing', at: '2:3-2:6' }],
      output: 'services:\n  api:\n    image: api:2.3\n    cap_drop:\n      - ALL\n    read_only: true\n    tmpfs:\n      - /tmp\n    security_opt:\n      - no-new-privileges:true\n',
    },
    {
      name: 'missing: reported on the service key; a block list is added with the file\'s dash indentation',
      code: 'services:\n  api:\n    image: api:2.3\n    ports:\n      - "8080:80"\n',
      errors: [{ messageId: 'missing', at: '2:3-2:6', message: 'Service "api" keeps Docker\'s default capabilities; add "cap_drop: [ALL]" and add back only what it needs with "cap_add"' }],
      output: 'services:\n  api:\n    image: api:2.3\n    ports:\n      - "8080:80"\n    cap_drop:\n      - ALL\n',
    },
    {
      name: 'dashes at the key\'s column stay that way',
      code: 'services:\n  api:\n    ports:\n    - "8080:80"\n',
      errors: [{ messageId: 'missing', at: '2:3-2:6' }],
      output: 'services:\n  api:\n    ports:\n    - "8080:80"\n    cap_drop:\n    - ALL\n',
    },
    {
      name: 'a list without ALL: reported on the entry; ALL appended in block and flow style',
      code: 'services:\n  a:\n    cap_drop:\n      - NET_RAW # no raw sockets\n  b:\n    cap_drop: [NET_RAW, SYS_CHROOT]\n',
      errors: [
        { messageId: 'partial', at: '3:5-4:16', message: 'Service "a" drops only some capabilities; drop "ALL" and add back only what it needs with "cap_add"' },
        { messageId: 'partial', at: '6:5-6:36' },
      ],
      output: 'services:\n  a:\n    cap_drop:\n      - NET_RAW # no raw sockets\n      - ALL\n  b:\n    cap_drop: [NET_RAW, SYS_CHROOT, ALL]\n',
    },
    {
      name: 'CAP_ALL is not accepted by Docker, so it is not ALL',
      code: 'services:\n  a:\n    cap_drop: [CAP_ALL]\n',
      errors: [{ messageId: 'partial', at: '3:5-3:24' }],
      output: 'services:\n  a:\n    cap_drop: [CAP_ALL, ALL]\n',
    },
    {
      name: 'flow-style service, comments and CRLF survive',
      code: 'services:\r\n  # the api\r\n  api: {image: api:2.3} # keep\r\n',
      errors: [{ messageId: 'missing', at: '3:3-3:6' }],
      output: 'services:\r\n  # the api\r\n  api: {image: api:2.3, cap_drop: [ALL]} # keep\r\n',
    },
    {
      name: 'CRLF block service: the new lines use CRLF',
      code: 'services:\r\n  api:\r\n    image: api:2.3\r\n',
      errors: [{ messageId: 'missing', at: '2:3-2:6' }],
      output: 'services:\r\n  api:\r\n    image: api:2.3\r\n    cap_drop:\r\n      - ALL\r\n',
    },
    {
      name: 'a partial list inherited through a merge key: reported on the << entry; the fix adds the service\'s own list',
      code: 'x-base: &base\n  cap_drop: [NET_RAW]\nservices:\n  a:\n    <<: *base\n    image: a:1\n',
      errors: [{ messageId: 'partial', at: '5:5-5:14' }],
      output: 'x-base: &base\n  cap_drop: [NET_RAW]\nservices:\n  a:\n    <<: *base\n    image: a:1\n    cap_drop:\n      - ALL\n',
    },
    {
      name: 'extends a service that drops only some: the service gets its own ALL',
      code: 'services:\n  base:\n    cap_drop: [NET_RAW]\n  a:\n    extends: base\n',
      errors: [
        { messageId: 'partial', at: '3:5-3:24' },
        { messageId: 'partial', at: '4:3-4:4' },
      ],
      output: 'services:\n  base:\n    cap_drop: [NET_RAW, ALL]\n  a:\n    extends: base\n    cap_drop:\n      - ALL\n',
    },
    {
      name: 'an anchored list shared with another service: reported, not edited',
      code: 'services:\n  a:\n    cap_drop: &caps [NET_RAW]\n  b:\n    cap_drop: *caps\n',
      errors: [
        { messageId: 'partial', at: '3:5-3:30' },
        { messageId: 'partial', at: '5:5-5:20' },
      ],
    },
    {
      name: 'a single string value becomes a list',
      code: 'services:\n  a:\n    cap_drop: NET_RAW\n',
      errors: [{ messageId: 'partial', at: '3:5-3:22' }],
      output: 'services:\n  a:\n    cap_drop: [NET_RAW, ALL]\n',
    },
  ],
});
