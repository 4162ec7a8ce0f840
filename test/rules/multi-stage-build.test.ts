import rule from '../../server/src/rules/multi-stage-build';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'toolchain only in the build stage',
      code: 'FROM golang:1.23 AS build\nRUN apt-get update && apt-get install -y gcc make\nRUN go build -o /app .\nFROM debian:12-slim\nCOPY --from=build /app /app\n',
    },
    { name: 'apk virtual group removed in the same RUN', code: 'FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n && pip install uwsgi \\\n && apk del .build-deps\n' },
    { name: 'packages purged later', code: 'FROM python:3.12-slim\nRUN apt-get install -y --no-install-recommends gcc \\\n && pip install psycopg2\nRUN apt-get purge -y --auto-remove gcc\n' },
    { name: 'header packages and runtimes are not toolchains', code: 'FROM python:3.12-slim\nRUN apt-get install -y libpq-dev libpq5 openjdk-17-jre-headless golang-github-foo-dev\n' },
    { name: 'JRE images are runtimes', code: 'FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\n' },
    { name: 'a single-stage Dockerfile that only runs things', code: 'FROM node:22-slim\nRUN npm ci --omit=dev\nCMD ["npm", "start"]\n' },
    { name: 'compiling in a multi-stage file is fine even in the final stage', code: 'FROM node:22 AS deps\nRUN npm ci\nFROM node:22-slim\nCOPY --from=deps /app /app\nRUN npm run build\n' },
    { name: 'ONBUILD installs happen in the child image', code: 'FROM debian:12-slim\nONBUILD RUN apt-get install -y gcc\n' },
    { name: 'variables are not guessed', code: 'FROM debian:12-slim\nARG DEPS="gcc make"\nRUN apt-get install -y $DEPS\n' },
    { name: 'npm scripts other than build', code: 'FROM node:22-slim\nRUN npm run test && yarn lint\n' },
    {
      name: 'the official-image idiom: apt-mark auto and purge --auto-remove undo the build dependencies of that RUN; its compile is not reported',
      code: 'FROM debian:12-slim\nRUN set -eux; savedAptMark="$(apt-mark showmanual)"; \\\n  apt-get install -y --no-install-recommends gcc make; \\\n  make -j4; make install; \\\n  apt-mark auto \'.*\' > /dev/null; apt-mark manual $savedAptMark; \\\n  apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false\n',
    },
    { name: 'single stage: compile, build and clean in one RUN with apk del', code: 'FROM alpine:3.20\nRUN apk add --virtual .b gcc musl-dev && gcc -o /x x.c && apk del .b\n' },
    { name: 'version checks are no compile steps', code: 'FROM alpine:3.20\nRUN rustc --version && gcc -dumpmachine && make --version\n' },
  ],
  invalid: [
    {
      name: 'toolchain base image in a single-stage build: one finding, not a second one for go build',
      code: 'FROM golang:1.23\nRUN go build -o /app .\nCMD ["/app"]\n',
      errors: [{ messageId: 'toolchainBase', at: '1:6-1:17', message: 'The final image is based on the build toolchain "golang:1.23"; compile in a build stage and copy only the result into a smaller final image' }],
    },
    {
      name: 'compilers installed in the final stage, shell form with continuation; listed together on the first package',
      code: 'FROM debian:12-slim AS base\nFROM base\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends build-essential curl cmake=3.25.1-1\n',
      errors: [{ messageId: 'toolchainInstalled', at: '4:48-4:63', message: 'The final image keeps the build tools "build-essential", "cmake=3.25.1-1"; compile in a build stage and copy only the result into the final image' }],
    },
    {
      name: 'exec form, heredoc and lowercase instructions; removal of another package does not count',
      code: 'from alpine:3.20\nrun ["apk", "add", "go"]\nRUN <<EOF\ndnf install -y gcc-c++ java-17-openjdk-devel\ndnf remove -y gcc-c++\nEOF\n',
      errors: [
        { messageId: 'toolchainInstalled', at: '2:21-2:23' },
        { messageId: 'toolchainInstalled', at: '4:24-4:45' },
      ],
    },
    {
      name: 'inherited from an earlier stage the final stage builds on',
      code: 'FROM ubuntu:24.04 AS tools\nRUN apt-get install -y gcc\nFROM tools\nCMD ["bash"]\n',
      errors: [{ messageId: 'toolchainInstalled', at: '2:24-2:27' }],
    },
    {
      name: 'JDK images and the .NET SDK in the final stage',
      code: 'FROM maven:3.9 AS m\nFROM mcr.microsoft.com/dotnet/sdk:8.0\n',
      errors: [{ messageId: 'toolchainBase', at: '2:6-2:38' }],
    },
    { name: 'eclipse-temurin without jre is the JDK', code: 'FROM eclipse-temurin:21\n', errors: [{ messageId: 'toolchainBase', at: '1:6-1:24' }] },
    {
      name: 'single stage that compiles: npm run build',
      code: 'FROM node:22\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/index.js"]\n',
      errors: [{ messageId: 'singleStage', at: '3:15-3:28', message: 'This single-stage Dockerfile compiles ("npm run build") in the image it ships; move the build into its own stage and copy only the result' }],
    },
    {
      name: 'single stage that compiles: maven wrapper and make, only the first is reported',
      code: 'FROM ubuntu:24.04\nRUN ./mvnw -B -q package\nRUN make install\n',
      errors: [{ messageId: 'singleStage', at: '2:5-2:25' }],
    },
  ],
});
