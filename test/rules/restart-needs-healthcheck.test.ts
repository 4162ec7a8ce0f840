import rule from '../../server/src/rules/restart-needs-healthcheck';
import { testRule } from '../helpers/rule-tester';

const DF = '/work/project/Dockerfile';

testRule(rule, {
  valid: [
    { name: 'restart with a Compose healthcheck', code: 'services:\n  web:\n    image: nginx:1.27\n    restart: always\n    healthcheck:\n      test: ["CMD", "curl", "-fsS", "http://localhost/"]\n' },
    { name: 'restart with a HEALTHCHECK in the built Dockerfile', code: 'services:\n  web:\n    build: .\n    restart: always\n', files: { [DF]: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1\n' } },
    { name: 'on-failure and no are not automatic restarts of a running service', code: 'services:\n  a:\n    image: x:1\n    restart: on-failure:5\n  b:\n    image: y:1\n    restart: "no"\n' },
    { name: 'deploy.restart_policy on-failure', code: 'services:\n  a:\n    image: x:1\n    deploy:\n      restart_policy:\n        condition: on-failure\n' },
    { name: 'no restart policy at all', code: 'services:\n  a:\n    image: x:1\n' },
    { name: 'a restart policy from a variable without default depends on the environment', code: 'services:\n  a:\n    image: x:1\n    restart: ${RESTART_POLICY}\n' },
    { name: 'the built Dockerfile cannot be read', code: 'services:\n  web:\n    build: .\n    restart: always\n' },
    {
      name: 'a healthcheck turned off is left to no-disabled-healthcheck',
      code: 'services:\n  web:\n    image: nginx:1.27\n    restart: always\n    healthcheck:\n      disable: true\n',
    },
    { name: 'extends another file: its healthcheck is unknown', code: 'services:\n  web:\n    extends: {file: base.yaml, service: web}\n    restart: always\n' },
    { name: 'a healthcheck inherited through a merge key', code: 'x-hc: &hc\n  healthcheck: {test: ["CMD", "true"]}\nservices:\n  web:\n    <<: *hc\n    image: app:1\n    restart: always\n' },
  ],
  invalid: [
    {
      name: 'unless-stopped on an official image: the fix adds its documented check',
      code: 'services:\n  db:\n    image: postgres:16\n    restart: unless-stopped\n',
      errors: [
        {
          messageId: 'image',
          at: '4:5-4:28',
          message: 'Service "db" restarts "unless-stopped" but defines no healthcheck, so unless image "postgres:16" has one a hung process stays up unnoticed',
        },
      ],
      output:
        'services:\n  db:\n    image: postgres:16\n    restart: unless-stopped\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"]\n' +
        '      interval: 10s\n      timeout: 5s\n      retries: 5\n',
    },
    {
      name: 'quoted value, a variable with a default, and an unknown image (no fix)',
      code: 'services:\n  a:\n    image: example/app:2\n    restart: "always"\n  b:\n    image: example/app:2\n    restart: ${RESTART:-unless-stopped}\n',
      errors: [
        { messageId: 'image', at: '4:5-4:22' },
        { messageId: 'image', at: '7:5-7:40' },
      ],
    },
    {
      name: 'a built image whose Dockerfile has no HEALTHCHECK',
      code: 'services:\n  web:\n    build: .\n    restart: always\n',
      files: { [DF]: 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n' },
      errors: [
        { messageId: 'missing', at: '4:5-4:20', message: 'Service "web" restarts "always" but has no healthcheck (none here, none in "Dockerfile"), so a hung process stays up unnoticed' },
      ],
    },
    {
      name: 'deploy.restart_policy.condition: any',
      code: 'services:\n  worker:\n    image: example/worker:3\n    deploy:\n      restart_policy:\n        condition: any\n        max_attempts: 3\n',
      errors: [{ messageId: 'image', at: '6:9-6:23', message: 'Service "worker" restarts "any" but defines no healthcheck, so unless image "example/worker:3" has one a hung process stays up unnoticed' }],
    },
    {
      name: 'flow style and CRLF: the fix follows the style',
      code: 'services:\r\n  cache: {image: redis:7.4, restart: always}\r\n',
      errors: [{ messageId: 'image', at: '2:29-2:44' }],
      output: 'services:\r\n  cache: {image: redis:7.4, restart: always, healthcheck: {test: ["CMD", "redis-cli", "ping"], interval: 10s, timeout: 5s, retries: 5}}\r\n',
    },
    {
      name: 'a restart policy inherited through a merge key is reported on the << entry; the fix edits the service itself',
      code: 'x-base: &base\n  restart: always\nservices:\n  cache:\n    <<: *base\n    image: redis:7.4\n',
      errors: [{ messageId: 'image', at: '5:5-5:14' }],
      output: 'x-base: &base\n  restart: always\nservices:\n  cache:\n    <<: *base\n    image: redis:7.4\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n      interval: 10s\n      timeout: 5s\n      retries: 5\n',
    },
  ],
});
