import rule from '../../server/src/rules/no-secret-build-args';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'ordinary build arguments', code: 'FROM alpine:3.20\nARG VERSION\nARG GPG_KEY\nARG PGP_KEYSERVER\nENV APP_VERSION=$VERSION\n' },
    { name: 'access keys name a user, *_AUTH_URL and AUTH alone are settings', code: 'FROM alpine:3.20\nARG MINIO_ACCESS_KEY\nARG OIDC_AUTH_URL\nARG AUTH\nARG PAT_LENGTH\n' },
    { name: 'literal values are no-hardcoded-secrets\' job', code: 'FROM alpine:3.20\nARG DB_PASSWORD=hunter2\nENV API_TOKEN=abc123\n' },
    { name: 'a switch, not a secret', code: 'FROM mysql:8.4\nARG MYSQL_ALLOW_EMPTY_PASSWORD\nARG INSTALL_PASSWORD_TOOLS=false\n' },
    { name: 'ENV copying a non-secret argument', code: 'FROM node:22\nARG NODE_ENV\nENV NODE_ENV=$NODE_ENV\n' },
    { name: 'ENV reading a variable that is no build argument', code: 'FROM alpine:3.20\nENV API_TOKEN=${TOKEN}\n' },
    { name: 'a secret file path, not the secret', code: 'FROM alpine:3.20\nARG DB_PASSWORD_FILE\nENV DB_PASSWORD_FILE=$DB_PASSWORD_FILE\n' },
    { name: 'BuildKit secret mount', code: 'FROM node:22\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n' },
    {
      name: 'Compose: literal or non-secret build args, secrets via build.secrets',
      code: 'services:\n  app:\n    build:\n      context: .\n      args:\n        VERSION: ${VERSION}\n        NPM_TOKEN: literal-is-other-rule\n        API_KEY: ""\n      secrets: [npm]\n    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n',
    },
    { name: 'Compose: build as a string has no args', code: 'services:\n  app:\n    build: .\n    environment:\n      - NPM_TOKEN\n' },
  ],
  invalid: [
    {
      name: 'more secret-shaped names: *_PSW, *_PWD, *_PASS, *_CREDENTIALS, *_AUTH, *_PAT',
      code: 'FROM maven:3.9\nARG NEXUS_PSW\nARG ORACLE_PWD\nARG SMTP_PASS\nARG REGISTRY_CREDENTIALS\nARG NPM_AUTH\nARG GITHUB_PAT\n',
      errors: [
        { messageId: 'arg', at: '2:5-2:14' },
        { messageId: 'arg', at: '3:5-3:15' },
        { messageId: 'arg', at: '4:5-4:14' },
        { messageId: 'arg', at: '5:5-5:25' },
        { messageId: 'arg', at: '6:5-6:13' },
        { messageId: 'arg', at: '7:5-7:15' },
      ],
    },
    {
      name: 'ARG without a value: the name',
      code: 'FROM node:22\nARG NPM_TOKEN\nRUN npm ci\n',
      errors: [
        {
          messageId: 'arg',
          at: '2:5-2:14',
          message: 'Build argument "NPM_TOKEN" looks like a secret; build argument values are kept in the image history and provenance, so use a secret mount',
        },
      ],
    },
    {
      name: 'ARG with an empty or referenced default, lowercase keyword, several per line',
      code: 'FROM alpine:3.20\narg GITHUB_TOKEN="" VERSION=1 apiKey=${API_KEY}\n',
      errors: [
        { messageId: 'arg', at: '2:5-2:17' },
        { messageId: 'arg', at: '2:31-2:37' },
      ],
    },
    {
      name: 'ENV copying the build argument into the image',
      code: 'FROM oraclelinux:9\nARG ORACLE_PWD\nENV ORACLE_PWD=${ORACLE_PWD} \\\n    ORACLE_SID=ORCL\n',
      errors: [
        { messageId: 'arg', at: '2:5-2:15' },
        {
          messageId: 'env',
          at: '3:5-3:15',
          message: 'ENV "ORACLE_PWD" copies the build argument "ORACLE_PWD" into the image, where anyone who can pull it can read it; use a secret mount',
        },
      ],
    },
    {
      name: 'legacy ENV form from a differently named argument',
      code: 'FROM php:8.3\nARG BF_TOKEN_IN\nENV BLACKFIRE_CLIENT_TOKEN $BF_TOKEN_IN\n',
      errors: [
        { messageId: 'arg', at: '2:5-2:16' },
        { messageId: 'env', at: '3:5-3:27' },
      ],
    },
    {
      name: 'a global ARG is a build argument too; a stage that does not redeclare it copies nothing into ENV',
      code: 'ARG TOKEN\nFROM alpine:3.20\nENV API_TOKEN=${TOKEN}\n',
      errors: [{ messageId: 'arg', at: '1:5-1:10' }],
    },
    {
      name: 'every stage, and ONBUILD',
      code: 'FROM golang:1.23 AS build\nARG GOPRIVATE_TOKEN\nFROM alpine:3.20\nONBUILD ARG DEPLOY_KEY_PASSPHRASE\n',
      errors: [
        { messageId: 'arg', at: '2:5-2:20' },
        { messageId: 'arg', at: '4:13-4:34' },
      ],
    },
    {
      name: 'Compose build.args: reference, pass-through and list form',
      code:
        'services:\n  app:\n    build:\n      context: .\n      args:\n        NPM_TOKEN: ${NPM_TOKEN}\n        GITHUB_TOKEN:\n  worker:\n    build:\n      context: .\n      args:\n        - "SENTRY_AUTH_TOKEN=${SENTRY_AUTH_TOKEN}"\n        - PIP_PASSWORD\n',
      errors: [
        {
          messageId: 'composeArg',
          at: '6:9-6:32',
          message: 'Service "app" passes the secret "NPM_TOKEN" as a build argument, which the image history keeps; use build.secrets',
        },
        { messageId: 'composeArg', at: '7:9-7:22' },
        { messageId: 'composeArg', at: '12:11-12:51' },
        { messageId: 'composeArg', at: '13:11-13:23' },
      ],
    },
    {
      name: 'Compose flow style and inherited build through a merge key',
      code: 'x-build: &build\n  build: {context: ., args: {API_KEY: $API_KEY}}\nservices:\n  app:\n    <<: *build\n',
      errors: [{ messageId: 'composeArg', at: '5:5-5:15' }],
    },
    {
      name: 'fix: ARG replaced by a secret mount on the RUN that reads it; CRLF line endings survive',
      code: 'FROM node:22\r\nARG NPM_TOKEN\r\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && \\\r\n    npm ci\r\n',
      errors: [{ messageId: 'arg', at: '2:5-2:14' }],
      output: 'FROM node:22\r\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && \\\r\n    npm ci\r\n',
    },
    {
      name: 'fix: the ENV copy goes first (the ARG it reads has no fix while it is there)',
      code: 'FROM alpine:3.20\nARG GH_TOKEN\nENV GITHUB_TOKEN=$GH_TOKEN\nRUN curl -H "Authorization: token $GITHUB_TOKEN" https://api.github.com/\n',
      fix: 'Replace ENV',
      errors: [
        { messageId: 'arg', at: '2:5-2:13' },
        { messageId: 'env', at: '3:5-3:17' },
      ],
      output: 'FROM alpine:3.20\nARG GH_TOKEN\nRUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN curl -H "Authorization: token $GITHUB_TOKEN" https://api.github.com/\n',
    },
  ],
});
