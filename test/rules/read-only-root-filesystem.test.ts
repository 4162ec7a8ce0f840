import rule from '../../server/src/rules/read-only-root-filesystem';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'Windows containers have no read-only root option', code: 'services:\n  web:\n    image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022\n' },
    { name: 'true in YAML 1.1 spellings', code: 'services:\n  a:\n    image: a:1\n    read_only: true\n  b:\n    image: b:1\n    read_only: yes\n  c: {image: c:1, read_only: "on"}\n' },
    { name: 'set through a merge key', code: 'x-ro: &ro\n  read_only: true\nservices:\n  a:\n    <<: *ro\n    image: a:1\n' },
    { name: 'inherited through extends in the same file', code: 'services:\n  base:\n    image: a:1\n    read_only: true\n  web:\n    extends: base\n' },
    { name: 'a service that extends another file is not judged', code: 'services:\n  web:\n    extends: {file: common.yml, service: web}\n' },
    { name: 'a value left to a variable is not judged', code: 'services:\n  a:\n    image: a:1\n    read_only: ${READ_ONLY:-true}\n' },
    { name: 'read_only on a volume is not the root filesystem, but the service sets it too', code: 'services:\n  a:\n    image: a:1\n    read_only: true\n    volumes:\n      - type: bind\n        source: ./c\n        target: /c\n        read_only: false\n' },
  ],
  invalid: [
    {
      name: 'missing: anchored on the service key, with and without a version key',
      code: 'version: "3"\nservices:\n  api:\n    image: api:1\n  db:\n    image: postgres:16\n    volumes:\n      - type: bind\n        source: ./d\n        target: /d\n        read_only: true\n',
      errors: [
        { messageId: 'missing', at: '3:3-3:6', message: 'Service "api" has a writable root filesystem; set "read_only: true" and mount tmpfs where it must write' },
        { messageId: 'missing', at: '5:3-5:5' },
      ],
      output: 'version: "3"\nservices:\n  api:\n    image: api:1\n    read_only: true\n    tmpfs:\n      - /tmp\n  db:\n    image: postgres:16\n    volumes:\n      - type: bind\n        source: ./d\n        target: /d\n        read_only: true\n    read_only: true\n    tmpfs:\n      - /tmp\n',
    },
    {
      name: 'explicitly false, in YAML 1.1 spellings, on the entry',
      code: 'services:\n  a:\n    image: a:1\n    read_only: false\n  b:\n    image: b:1\n    read_only: "no"\n  c: {image: c:1, read_only: Off}\n',
      errors: [
        { messageId: 'disabled', at: '4:5-4:21', message: 'Service "a" sets "read_only" to false; set it to true and mount tmpfs where it must write' },
        { messageId: 'disabled', at: '7:5-7:20' },
        { messageId: 'disabled', at: '8:19-8:33' },
      ],
      output: 'services:\n  a:\n    image: a:1\n    read_only: true\n  b:\n    image: b:1\n    read_only: true\n  c: {image: c:1, read_only: true}\n',
    },
    {
      name: 'false through a merge key: reported on the << entry',
      code: 'x-rw: &rw\n  read_only: false\nservices:\n  a:\n    <<: *rw\n    image: a:1\n',
      errors: [{ messageId: 'disabled', at: '5:5-5:12' }],
    },
    {
      name: 'extends: a service that overrides its base is judged on its own value; a missing base is reported on both keys',
      code: 'services:\n  base:\n    image: a:1\n  web:\n    extends: base\n  ro:\n    image: a:1\n    read_only: true\n  rw:\n    extends: ro\n    read_only: false\n',
      errors: [
        { messageId: 'missing', at: '2:3-2:7' },
        { messageId: 'missing', at: '4:3-4:6' },
        { messageId: 'disabled', at: '11:5-11:21' },
      ],
      output: 'services:\n  base:\n    image: a:1\n    read_only: true\n    tmpfs:\n      - /tmp\n  web:\n    extends: base\n    read_only: true\n    tmpfs:\n      - /tmp\n  ro:\n    image: a:1\n    read_only: true\n  rw:\n    extends: ro\n    read_only: true\n',
    },
    {
      name: 'fix: /tmp goes into an existing tmpfs list; CRLF line endings and comments survive',
      code: 'services:\r\n  api:\r\n    image: api:1 # pinned\r\n    tmpfs:\r\n      - /run\r\n',
      errors: [{ messageId: 'missing', at: '2:3-2:6' }],
      output: 'services:\r\n  api:\r\n    image: api:1 # pinned\r\n    tmpfs:\r\n      - /run\r\n      - /tmp\r\n    read_only: true\r\n',
    },
    {
      name: 'fix: only read_only when /tmp already is a volume or a tmpfs with options; a single tmpfs string becomes a list',
      code: 'services:\n  a:\n    image: a:1\n    volumes:\n      - scratch:/tmp\n  b:\n    image: b:1\n    tmpfs: ["/tmp:size=64m"]\n  c:\n    image: c:1\n    tmpfs: /run\n',
      errors: [
        { messageId: 'missing', at: '2:3-2:4' },
        { messageId: 'missing', at: '6:3-6:4' },
        { messageId: 'missing', at: '9:3-9:4' },
      ],
      output: 'services:\n  a:\n    image: a:1\n    volumes:\n      - scratch:/tmp\n    read_only: true\n  b:\n    image: b:1\n    tmpfs: ["/tmp:size=64m"]\n    read_only: true\n  c:\n    image: c:1\n    tmpfs: [/run, /tmp]\n    read_only: true\n',
    },
    {
      name: 'fix: flow-style service',
      code: 'services:\n  api: {image: api:1}\n',
      errors: [{ messageId: 'missing', at: '2:3-2:6' }],
      output: 'services:\n  api: {image: api:1, read_only: true, tmpfs: [/tmp]}\n',
    },
    {
      name: 'harden fix: one edit set merging into the lists the service has, in their style',
      code: 'services:\n  api:\n    image: api:1\n    security_opt: ["seccomp:./p.json"]\n    cap_drop:\n      - NET_RAW\n',
      fix: 'Harden service "api"',
      errors: [{ messageId: 'missing', at: '2:3-2:6' }],
      output: 'services:\n  api:\n    image: api:1\n    security_opt: ["seccomp:./p.json", "no-new-privileges:true"]\n    cap_drop:\n      - NET_RAW\n      - ALL\n    read_only: true\n    tmpfs:\n      - /tmp\n',
    },
    {
      name: 'harden fix on "read_only: false": turned to true, the rest added',
      code: 'services:\n  api:\n    image: api:1\n    read_only: false\n    cap_drop: [ALL]\n',
      fix: 'Harden',
      errors: [{ messageId: 'disabled', at: '4:5-4:21' }],
      output: 'services:\n  api:\n    image: api:1\n    read_only: true\n    cap_drop: [ALL]\n    tmpfs:\n      - /tmp\n    security_opt:\n      - no-new-privileges:true\n',
    },
    {
      name: 'no fix when an inherited tmpfs list would be overridden, or the service is an alias',
      code: 'x-t: &t\n  tmpfs: [/run]\nx-s: &s\n  image: s:1\nservices:\n  a:\n    <<: *t\n    image: a:1\n  b: *s\n',
      errors: [
        { messageId: 'missing', at: '6:3-6:4' },
        { messageId: 'missing', at: '9:3-9:4' },
      ],
    },
  ],
});
