import rule from '../../server/src/rules/depends-on-healthy-needs-healthcheck';
import { testRule } from '../helpers/rule-tester';

const API = 'services:\n  api:\n    image: example/api:1\n    depends_on:\n      db:\n        condition: service_healthy\n';
const DB_DF = '/work/project/db/Dockerfile';

testRule(rule, {
  valid: [
    { name: 'the dependency has a healthcheck test (exec form)', code: API + '  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n' },
    { name: 'the dependency has a healthcheck test (string form)', code: API + '  db:\n    image: postgres:16\n    healthcheck:\n      test: pg_isready -U postgres\n' },
    { name: 'service_started does not need a healthcheck', code: 'services:\n  api:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_started\n  db:\n    image: postgres:16\n' },
    { name: 'service_completed_successfully does not need one either', code: 'services:\n  api:\n    image: a:1\n    depends_on:\n      migrate: {condition: service_completed_successfully}\n  migrate:\n    image: a:1\n' },
    { name: 'the short list syntax waits only for the start', code: 'services:\n  api:\n    image: a:1\n    depends_on: [db]\n  db:\n    image: postgres:16\n' },
    { name: 'required: false only makes Compose warn', code: 'services:\n  api:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_healthy\n        required: false\n  db:\n    image: postgres:16\n' },
    { name: 'the Dockerfile the dependency builds has a HEALTHCHECK', code: API + '  db:\n    build: ./db\n', files: { [DB_DF]: 'FROM postgres:16\nHEALTHCHECK --interval=10s CMD pg_isready -U postgres\n' } },
    {
      name: 'the HEALTHCHECK comes from the stage the built stage derives from',
      code: API + '  db:\n    build: ./db\n',
      files: { [DB_DF]: 'FROM postgres:16 AS base\nhealthcheck CMD pg_isready\n\nFROM base\nCOPY init.sql /docker-entrypoint-initdb.d/\n' },
    },
    { name: 'the Dockerfile cannot be read: nothing is guessed', code: API + '  db:\n    build: ./db\n' },
    { name: 'a dependency defined in another file is not judged', code: API },
    { name: 'a dependency that extends another file is not judged', code: API + '  db:\n    extends: {file: base.yaml, service: db}\n' },
    { name: 'a healthcheck brought in by a merge key counts', code: 'x-hc: &hc\n  healthcheck:\n    test: ["CMD", "true"]\n' + API + '  db:\n    <<: *hc\n    image: postgres:16\n' },
    { name: 'a healthcheck inherited through extends counts', code: API + '  base:\n    image: postgres:16\n    healthcheck: {test: ["CMD", "pg_isready"]}\n  db:\n    extends: base\n' },
    { name: 'an image from a variable is unknown', code: API + '  db:\n    image: ${DB_IMAGE}\n' },
    { name: 'a built image whose base comes from a build argument is unknown', code: API + '  db:\n    build: ./db\n', files: { [DB_DF]: 'ARG BASE\nFROM ${BASE}\n' } },
    {
      name: 'timings in Compose with the test from the Dockerfile',
      code: API + '  db:\n    build: ./db\n    healthcheck:\n      interval: 5s\n',
      files: { [DB_DF]: 'FROM postgres:16\nHEALTHCHECK CMD ["pg_isready"]\n' },
    },
  ],
  invalid: [
    {
      name: 'an official image without a healthcheck: reported on the condition, the fix adds the documented check',
      code: API + '  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n',
      errors: [
        {
          messageId: 'image',
          at: '6:9-6:35',
          message: 'Service "db" defines no healthcheck, so waiting for it to become healthy works only if image "postgres:16" has one; add a healthcheck to "db"',
        },
      ],
      output:
        API +
        '  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n' +
        '    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"]\n      interval: 10s\n      timeout: 5s\n      retries: 5\n',
    },
    {
      name: 'flow-style dependency and flow-style target service',
      code: 'services:\n  api: {image: a:1, depends_on: {cache: {condition: "service_healthy"}}}\n  cache: {image: "redis:7.4"}\n',
      errors: [{ messageId: 'image', at: '2:42-2:70' }],
      output:
        'services:\n  api: {image: a:1, depends_on: {cache: {condition: "service_healthy"}}}\n' +
        '  cache: {image: "redis:7.4", healthcheck: {test: ["CMD", "redis-cli", "ping"], interval: 10s, timeout: 5s, retries: 5}}\n',
    },
    {
      name: 'the fix keeps CRLF line endings and comments',
      code: 'services:\r\n  api:\r\n    image: a:1\r\n    depends_on:\r\n      cache:\r\n        condition: service_healthy\r\n  cache:\r\n    # in-memory cache\r\n    image: redis:7.4 # pinned\r\n',
      errors: [{ messageId: 'image', at: '6:9-6:35' }],
      output:
        'services:\r\n  api:\r\n    image: a:1\r\n    depends_on:\r\n      cache:\r\n        condition: service_healthy\r\n  cache:\r\n    # in-memory cache\r\n    image: redis:7.4 # pinned\r\n' +
        '    healthcheck:\r\n      test: ["CMD", "redis-cli", "ping"]\r\n      interval: 10s\r\n      timeout: 5s\r\n      retries: 5\r\n',
    },
    {
      name: 'two services wait for the same database: two findings, one healthcheck',
      code: 'services:\n  api:\n    image: a:1\n    depends_on: {db: {condition: service_healthy}}\n  worker:\n    image: w:1\n    depends_on: {db: {condition: service_healthy}}\n  db:\n    image: mysql:8.4\n',
      errors: [
        { messageId: 'image', at: '4:23-4:49' },
        { messageId: 'image', at: '7:23-7:49' },
      ],
      output:
        'services:\n  api:\n    image: a:1\n    depends_on: {db: {condition: service_healthy}}\n  worker:\n    image: w:1\n    depends_on: {db: {condition: service_healthy}}\n  db:\n    image: mysql:8.4\n' +
        '    healthcheck:\n      test: ["CMD", "mysqladmin", "ping", "-h", "localhost"]\n      interval: 10s\n      timeout: 5s\n      retries: 5\n',
    },
    {
      name: 'an image we know nothing about: reported, but no fix to offer',
      code: API + '  db:\n    image: registry.example.com/team/db:3\n',
      errors: [{ messageId: 'image', at: '6:9-6:35' }],
    },
    {
      name: 'a healthcheck block without test: no fix (it would add a second healthcheck key)',
      code: API + '  db:\n    image: postgres:16\n    healthcheck:\n      interval: 5s\n',
      errors: [{ messageId: 'image', at: '6:9-6:35' }],
    },
    {
      name: 'the dependency builds from a Dockerfile without HEALTHCHECK',
      code: API + '  db:\n    build:\n      context: db\n',
      files: { [DB_DF]: 'FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n' },
      errors: [
        {
          messageId: 'missing',
          at: '6:9-6:35',
          message: 'Service "db" has no healthcheck (none here, none in "db/Dockerfile"), so "docker compose up" fails waiting for it to become healthy',
        },
      ],
    },
    {
      name: 'disable: true (YAML 1.1 yes) turns the check off',
      code: API + '  db:\n    image: postgres:16\n    healthcheck:\n      disable: yes\n',
      errors: [{ messageId: 'disabled', at: '6:9-6:35', message: 'Service "db" turns its healthcheck off in this file, so "docker compose up" fails waiting for it to become healthy' }],
    },
    {
      name: 'test: ["NONE"] turns the check off, even over a Dockerfile HEALTHCHECK',
      code: API + '  db:\n    build: ./db\n    healthcheck:\n      test: ["NONE"]\n',
      files: { [DB_DF]: 'FROM postgres:16\nHEALTHCHECK CMD pg_isready\n' },
      errors: [{ messageId: 'disabled', at: '6:9-6:35' }],
    },
    {
      name: 'HEALTHCHECK NONE in the built Dockerfile',
      code: API + '  db:\n    build: ./db\n',
      files: { [DB_DF]: 'FROM example/db-with-check:2\nHEALTHCHECK NONE\n' },
      errors: [{ messageId: 'disabled', at: '6:9-6:35', message: 'Service "db" turns its healthcheck off with "HEALTHCHECK NONE" in its Dockerfile, so "docker compose up" fails waiting for it to become healthy' }],
    },
    {
      name: 'a depends_on inherited through a merge key is reported on the << entry',
      code: 'x-wait: &wait\n  depends_on:\n    db:\n      condition: service_healthy\nservices:\n  api:\n    <<: *wait\n    image: a:1\n  db:\n    image: example/db:1\n',
      errors: [{ messageId: 'image', at: '7:5-7:14' }],
    },
  ],
});
