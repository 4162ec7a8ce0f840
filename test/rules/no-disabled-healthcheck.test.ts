import rule from '../../server/src/rules/no-disabled-healthcheck';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'a real health check', code: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD curl -fsS http://localhost/ || exit 1\n' },
    { name: 'NONE in an unrelated build stage', code: 'FROM alpine:3.20 AS build\nhealthcheck none\nFROM nginx:1.27\n' },
    {
      name: 'NONE in a base stage, then a check in the final stage',
      code: 'FROM nginx:1.27 AS base\nHEALTHCHECK NONE\nFROM base\nHEALTHCHECK CMD curl -f http://localhost/\n',
    },
    { name: 'NONE followed by a check in the same stage', code: 'FROM nginx:1.27\nHEALTHCHECK NONE\nHEALTHCHECK CMD ["/hc"]\n' },
    { name: 'NONE as a command argument', code: 'FROM nginx:1.27\nHEALTHCHECK CMD ["/hc", "NONE"]\n' },
    {
      name: 'Compose: disable false, a test whose argument is NONE, no health check',
      kind: 'compose',
      code: 'services:\n  e:\n    healthcheck:\n      disable: "false"\n      test: ["CMD", "NONE"]\n  g:\n    image: x\n',
    },
  ],
  invalid: [
    {
      name: 'the final stage ends with NONE; lowercase; after an earlier check',
      code: 'FROM nginx:1.27\nHEALTHCHECK CMD x\nhealthcheck none\n',
      errors: [
        {
          messageId: 'none',
          at: '3:13-3:17',
          message: '"HEALTHCHECK NONE" turns off health checking for the image, including the base image\'s check; define a check instead',
        },
      ],
      output: 'FROM nginx:1.27\nHEALTHCHECK CMD x\n',
    },
    {
      name: 'NONE in a stage the final stage builds on',
      code: 'FROM nginx:1.27 AS base\nHEALTHCHECK NONE\nFROM base\nCMD ["nginx"]\n',
      errors: [{ messageId: 'none', at: '2:13-2:17' }],
    },
    {
      name: 'Compose: disable with YAML 1.1 booleans, test NONE as list, flow map and block list',
      kind: 'compose',
      code:
        'services:\n  a:\n    healthcheck:\n      disable: True\n  b:\n    healthcheck:\n      test: ["NONE"]\n' +
        '  c:\n    healthcheck: {test: NONE}\n  f:\n    healthcheck:\n      test:\n        - "NONE"\n  h:\n    healthcheck:\n      disable: "yes"\n',
      errors: [
        { messageId: 'composeDisabled', at: '4:7-4:20', message: 'Service "a" turns its health check off with "disable"; define a test instead' },
        { messageId: 'composeDisabled', at: '7:7-7:21', message: 'Service "b" turns its health check off with "test: NONE"; define a test instead' },
        { messageId: 'composeDisabled', at: '9:19-9:29' },
        { messageId: 'composeDisabled', at: '12:7-13:17' },
        { messageId: 'composeDisabled', at: '16:7-16:21' },
      ],
      output: 'services:\n  a:\n  b:\n  c:\n  f:\n  h:\n',
    },
    {
      name: 'Compose: inherited through a merge key, reported on the << entry',
      kind: 'compose',
      code: 'x-hc: &hc\n  healthcheck:\n    disable: on\nservices:\n  d:\n    <<: *hc\n    image: x\n',
      errors: [{ messageId: 'composeDisabled', at: '6:5-6:12' }],
    },
    {
      name: 'fix: the instruction goes with its continuation line; CRLF line endings and comments survive',
      code: 'FROM nginx:1.27\r\n# no check\r\nHEALTHCHECK \\\r\n  NONE\r\nCMD ["nginx"]\r\n',
      errors: [{ messageId: 'none', at: '4:3-4:7' }],
      output: 'FROM nginx:1.27\r\n# no check\r\nCMD ["nginx"]\r\n',
    },
    {
      name: 'fix: only the switch goes when the health check has other keys; flow style',
      kind: 'compose',
      code: 'services:\n  a:\n    healthcheck:\n      disable: true # off\n      interval: 30s\n  b:\n    healthcheck: {test: [NONE], retries: 3}\n',
      errors: [
        { messageId: 'composeDisabled', at: '4:7-4:20' },
        { messageId: 'composeDisabled', at: '7:19-7:31' },
      ],
      output: 'services:\n  a:\n    healthcheck:\n      interval: 30s\n  b:\n    healthcheck: {retries: 3}\n',
    },
    {
      name: 'fix: disable and test NONE together take the whole health check',
      kind: 'compose',
      code: 'services:\n  a:\n    image: a:1\n    healthcheck:\n      test: NONE\n      disable: true\n',
      errors: [
        { messageId: 'composeDisabled', at: '5:7-5:17' },
        { messageId: 'composeDisabled', at: '6:7-6:20' },
      ],
      output: 'services:\n  a:\n    image: a:1\n',
    },
  ],
});
