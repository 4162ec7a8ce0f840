import rule from '../../server/src/rules/compose-build-user';
import { testRule } from '../helpers/rule-tester';

const DF = '/work/project/Dockerfile';
const ROOT_DF = 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]\n';
const USER_DF = 'FROM python:3.12-slim\nRUN useradd -u 10001 app\nUSER app\nCMD ["python", "/app/main.py"]\n';
const MULTI_DF = 'FROM python:3.12-slim AS dev\nCMD ["python", "-m", "debugpy"]\n\nFROM python:3.12-slim AS prod\nUSER 10001\nCMD ["python", "/app/main.py"]\n';

testRule(rule, {
  valid: [
    { name: 'the service sets user:', code: 'services:\n  api:\n    build: .\n    user: "10001:10001"\n', files: { [DF]: ROOT_DF } },
    { name: 'the Dockerfile switches to a non-root USER', code: 'services:\n  api:\n    build: .\n', files: { [DF]: USER_DF } },
    { name: 'the Dockerfile cannot be read: nothing is guessed', code: 'services:\n  api:\n    build: .\n' },
    { name: 'a service without build: is not this rule\'s business', code: 'services:\n  db:\n    image: postgres:16\n', files: { [DF]: ROOT_DF } },
    {
      name: 'build.target picks a stage that sets USER (the final stage does not matter)',
      code: 'services:\n  api:\n    build:\n      context: .\n      target: prod\n',
      files: { [DF]: 'FROM python:3.12-slim AS prod\nUSER 10001\n\nFROM python:3.12-slim AS debug\nCMD ["sh"]\n' },
    },
    {
      name: 'USER is inherited from the stage the final stage is built FROM',
      code: 'services:\n  api:\n    build: .\n',
      files: { [DF]: 'FROM node:22 AS base\nUSER node\n\nFROM base\nCMD ["node", "server.js"]\n' },
    },
    { name: 'the base image comes from an ARG without a default', code: 'services:\n  api:\n    build: .\n', files: { [DF]: 'ARG BASE\nFROM $BASE\nCMD ["run"]\n' } },
    { name: 'Windows base images have no root user', code: 'services:\n  api:\n    build: .\n', files: { [DF]: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["app.exe"]\n' } },
    { name: 'a distroless nonroot base already runs as non-root', code: 'services:\n  api:\n    build: .\n', files: { [DF]: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n' } },
    { name: 'a USER from an unresolved variable is given the benefit of the doubt', code: 'services:\n  api:\n    build: .\n', files: { [DF]: 'FROM alpine:3.20\nARG UID\nUSER $UID\n' } },
    { name: 'a remote Git context cannot be read', code: 'services:\n  api:\n    build: https://github.com/example/api.git#main\n', files: { [DF]: ROOT_DF } },
    { name: 'a context from a variable depends on the environment', code: 'services:\n  api:\n    build: ${API_DIR}\n', files: { [DF]: ROOT_DF } },
    { name: 'a target that names no stage is left alone', code: 'services:\n  api:\n    build: {context: ., target: nope}\n', files: { [DF]: ROOT_DF } },
    {
      name: 'user: arrives through a merge key',
      code: 'x-run: &run\n  user: "10001"\nservices:\n  api:\n    <<: *run\n    build: .\n',
      files: { [DF]: ROOT_DF },
    },
    {
      name: 'user: arrives through extends in the same file',
      code: 'services:\n  base:\n    image: x:1\n    user: app\n  api:\n    extends: base\n    build: .\n',
      files: { [DF]: ROOT_DF },
    },
    { name: 'extends another file: its user: is unknown', code: 'services:\n  api:\n    extends: {file: common.yaml, service: base}\n    build: .\n', files: { [DF]: ROOT_DF } },
  ],
  invalid: [
    {
      name: 'build: . with a Dockerfile that never sets USER: reported on the service key',
      code: 'services:\n  api:\n    build: .\n    ports: ["8000:8000"]\n',
      files: { [DF]: ROOT_DF },
      errors: [
        {
          messageId: 'noUser',
          at: '2:3-2:6',
          message: 'Service "api" runs as root: the final stage of "Dockerfile" never sets a non-root USER and the service sets no "user:"',
        },
      ],
      output: 'services:\n  api:\n    build: .\n    ports: ["8000:8000"]\n    user: "10001:10001"\n',
    },
    {
      name: 'context and dockerfile are resolved from the Compose file\'s directory',
      code: 'services:\n  api:\n    build:\n      context: ./services/api\n      dockerfile: docker/Dockerfile.prod\n',
      files: { '/work/project/services/api/docker/Dockerfile.prod': ROOT_DF },
      errors: [
        {
          messageId: 'noUser',
          at: '2:3-2:6',
          message: 'Service "api" runs as root: the final stage of "services/api/docker/Dockerfile.prod" never sets a non-root USER and the service sets no "user:"',
        },
      ],
      output: 'services:\n  api:\n    build:\n      context: ./services/api\n      dockerfile: docker/Dockerfile.prod\n    user: "10001:10001"\n',
    },
    {
      name: 'build.target picks a development stage without USER although the final stage has one',
      code: 'services:\n  api:\n    build:\n      context: .\n      target: dev\n',
      files: { [DF]: MULTI_DF },
      errors: [{ messageId: 'noUser', at: '2:3-2:6', message: 'Service "api" runs as root: stage "dev" of "Dockerfile" never sets a non-root USER and the service sets no "user:"' }],
      output: 'services:\n  api:\n    build:\n      context: .\n      target: dev\n    user: "10001:10001"\n',
    },
    {
      name: 'the last USER is root (lowercase instruction, value from an ARG)',
      code: 'services:\n  worker:\n    build: ..\n',
      files: { '/work/Dockerfile': 'FROM debian:12\nARG RUNAS=root\nuser app\nuser $RUNAS\n' },
      errors: [{ messageId: 'rootUser', at: '2:3-2:9', message: 'Service "worker" runs as root: the last USER of the final stage in "../Dockerfile" is "root" and the service sets no "user:"' }],
      output: 'services:\n  worker:\n    build: ..\n    user: "10001:10001"\n',
    },
    {
      name: 'an inline Dockerfile is read from the Compose file itself',
      code: 'services:\n  api:\n    build:\n      dockerfile_inline: |\n        FROM alpine:3.20\n        CMD ["sh"]\n',
      errors: [{ messageId: 'noUser', at: '2:3-2:6', message: 'Service "api" runs as root: the final stage of "dockerfile_inline" never sets a non-root USER and the service sets no "user:"' }],
      output: 'services:\n  api:\n    build:\n      dockerfile_inline: |\n        FROM alpine:3.20\n        CMD ["sh"]\n    user: "10001:10001"\n',
    },
    {
      name: 'flow-style service: the fix adds an inline entry',
      code: 'services:\n  api: {build: ., image: "example/api:1"}\n',
      files: { [DF]: ROOT_DF },
      errors: [{ messageId: 'noUser', at: '2:3-2:6' }],
      output: 'services:\n  api: {build: ., image: "example/api:1", user: "10001:10001"}\n',
    },
    {
      name: 'the fix keeps comments and CRLF line endings',
      code: 'services:\r\n  api:\r\n    # built locally\r\n    build: . # context\r\n',
      files: { [DF]: ROOT_DF },
      errors: [{ messageId: 'noUser', at: '2:3-2:6' }],
      output: 'services:\r\n  api:\r\n    # built locally\r\n    build: . # context\r\n    user: "10001:10001"\r\n',
    },
    {
      name: 'build: through a merge key and through extends still counts',
      code: 'x-b: &b\n  build: .\nservices:\n  api:\n    <<: *b\n  worker:\n    extends: api\n    command: ["work"]\n',
      files: { [DF]: ROOT_DF },
      errors: [
        { messageId: 'noUser', at: '4:3-4:6' },
        { messageId: 'noUser', at: '6:3-6:9' },
      ],
      output: 'x-b: &b\n  build: .\nservices:\n  api:\n    <<: *b\n    user: "10001:10001"\n  worker:\n    extends: api\n    command: ["work"]\n    user: "10001:10001"\n',
    },
    {
      name: 'an anchored service that another merges gets no fix; the merging service does',
      code: 'services:\n  api: &api\n    build: .\n  api2:\n    <<: *api\n    command: ["serve"]\n',
      files: { [DF]: ROOT_DF },
      errors: [
        { messageId: 'noUser', at: '2:3-2:6' },
        { messageId: 'noUser', at: '4:3-4:7' },
      ],
      output: 'services:\n  api: &api\n    build: .\n  api2:\n    <<: *api\n    command: ["serve"]\n    user: "10001:10001"\n',
    },
    {
      name: 'a service given entirely through an alias gets no fix (it would change the anchor)',
      code: 'x-t: &t\n  build: .\nservices:\n  api: *t\n',
      files: { [DF]: ROOT_DF },
      errors: [{ messageId: 'noUser', at: '4:3-4:6' }],
    },
  ],
});
