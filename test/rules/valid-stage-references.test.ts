import rule from '../../server/src/rules/valid-stage-references';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'earlier stage by name and by index', code: 'FROM golang:1.23 AS build\nRUN go build\nFROM alpine:3.20\nCOPY --from=build /app /app\nCOPY --from=0 /etc/x /etc/x\n' },
    { name: 'stage names compare case-insensitively', code: 'FROM node:22 AS Deps\nFROM node:22-slim\nCOPY --from=deps /n /n\n' },
    { name: 'images with a tag, registry or digest are not stages', code: 'FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nCOPY --from=ghcr.io/acme/tools /bin/t /bin/t\nCOPY --from=docker.io/library/busybox /bin/sh /bin/sh\n' },
    { name: 'RUN --mount from an earlier stage, and mounts without from', code: 'FROM node:22 AS deps\nFROM node:22-slim\nRUN --mount=type=bind,from=deps,source=/n,target=/n cp -r /n /app\nRUN --mount=type=cache,target=/root/.npm npm ci\n' },
    { name: 'variables are not judged', code: 'ARG BUILDER=build\nFROM alpine:3.20\nCOPY --from=${BUILDER} /a /a\n' },
    { name: 'a FROM naming its own alias pulls the image, no later stage involved', code: 'FROM golang:1.23 AS golang\nFROM golang\n' },
    { name: 'FROM an earlier stage', code: 'FROM debian:12-slim AS base\nFROM base AS final\n' },
    { name: 'single stage without references', code: 'FROM alpine:3.20\nCOPY . /app\n' },
  ],
  invalid: [
    {
      name: 'KICS: COPY --from names the stage it is in (case-insensitive)',
      code: 'FROM golang:1.23 AS builder\nCOPY --from=Builder /a /b\n',
      errors: [{ messageId: 'self', at: '2:13-2:20', message: '"--from=Builder" names the stage it is in; a stage cannot copy from itself' }],
    },
    {
      name: 'KICS: the same alias in two FROMs; the second alias is underlined',
      code: 'FROM node:22 AS build\nFROM node:22-slim as BUILD\n',
      errors: [{ messageId: 'duplicate', at: '2:22-2:27', message: 'Stage name "BUILD" is already used by stage 0; give every stage its own name' }],
    },
    {
      name: 'a typo pulls a public image of that name',
      code: 'FROM golang:1.23 AS build\nFROM alpine:3.20\ncopy --from=biuld /app /app\n',
      errors: [{ messageId: 'unknown', at: '3:13-3:18', message: '"--from=biuld" names no stage of this Dockerfile, so Docker pulls an image called "biuld"; fix the stage name or write the image with a tag' }],
    },
    {
      name: 'a later stage, by name and by index; an index that does not exist; its own index',
      code: 'FROM alpine:3.20 AS first\nCOPY --from=second /a /a\nCOPY --from=1 /b /b\nCOPY --from=0 /c /c\nFROM alpine:3.20 AS second\nCOPY --from=7 /d /d\n',
      errors: [
        { messageId: 'later', at: '2:13-2:19', message: '"--from=second" names stage "second", which is defined later; refer only to earlier stages' },
        { messageId: 'later', at: '3:13-3:14' },
        { messageId: 'self', at: '4:13-4:14' },
        { messageId: 'noIndex', at: '6:13-6:14', message: '"--from=7" refers to stage 7, but this Dockerfile has only 2 stages (numbered from 0)' },
      ],
    },
    {
      name: 'FROM names a stage defined further down',
      code: 'FROM base AS app\nCMD ["app"]\nFROM debian:12-slim AS base\n',
      errors: [{ messageId: 'fromLater', at: '1:6-1:10', message: 'FROM "base" names stage "base", which is defined later, so Docker pulls an image called "base" instead; move the stage up' }],
    },
    {
      name: 'RUN --mount from=: unknown stage, with a continuation line',
      code: 'FROM node:22 AS deps\nFROM node:22-slim\nRUN --mount=type=bind,source=/n,from=dep,target=/n \\\n    cp -r /n /app\n',
      errors: [{ messageId: 'unknown', at: '3:38-3:41' }],
    },
    {
      name: 'escape directive with a backtick continuation',
      code: '# escape=`\nFROM alpine:3.20 AS a\nCOPY --from=a /x `\n  /y\n',
      errors: [{ messageId: 'self', at: '3:13-3:14' }],
    },
  ],
});
