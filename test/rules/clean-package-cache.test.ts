import rule from '../../server/src/rules/clean-package-cache';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'APT lists removed in the same RUN', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'apt-get dist-clean, and rm with braces', code: 'FROM debian:13\nRUN apt-get update && apt-get install -y curl && apt-get dist-clean\nRUN apt-get update && apt-get install -y git && rm -rf /var/lib/{apt,dpkg}/lists\n' },
    { name: 'an install that reads lists from an earlier RUN writes none itself', code: 'FROM debian:12\nRUN apt-get install -y ./local.deb\n' },
    { name: 'BuildKit cache mounts for APT and pip', code: 'FROM python:3.12\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y gcc\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n' },
    { name: 'apk --no-cache (also before add) and --no-network', code: 'FROM alpine:3.20\nRUN apk add --no-cache curl && apk --no-cache add git && apk add --no-network --virtual .rundeps so:libc.musl.so\n' },
    { name: 'apk cache removed', code: 'FROM alpine:3.20\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*\n' },
    { name: 'pip --no-cache-dir, PIP_NO_CACHE_DIR in ENV or inline, pip cache purge', code: 'FROM python:3.12\nRUN pip install --no-cache-dir flask && python3 -m pip --no-cache-dir install rich\nRUN PIP_NO_CACHE_DIR=1 pip install httpx\nRUN pip install uvicorn && pip cache purge\nENV PIP_NO_CACHE_DIR=off\nRUN pip install gunicorn\n' },
    { name: 'dnf/yum/microdnf clean all, zypper clean and cc', code: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\nRUN microdnf install -y tar && microdnf clean all\nFROM opensuse/leap:15.6\nRUN zypper install -y nginx && zypper clean --all\nRUN zypper in -y curl && zypper cc\n' },
    { name: 'build stages do not ship their caches', code: 'FROM python:3.12 AS build\nRUN pip install build && apk add gcc\nFROM python:3.12-slim\nCOPY --from=build /dist /dist\n' },
    { name: 'other managers are not covered', code: 'FROM node:22\nRUN npm install -g typescript && gem install rake\n' },
    { name: 'PIP_NO_CACHE_DIR exported earlier in the RUN', code: 'FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=1 && pip install flask\n' },
    { name: 'Yarn and pnpm caches cleaned or mounted; yarn run and --version download nothing', code: 'FROM node:22\nRUN yarn install --frozen-lockfile && yarn cache clean\nRUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install --frozen-lockfile\nRUN yarn --version && yarn build\n' },
    { name: 'docker-clean removed, with a cache mount on /var/cache/apt', code: 'FROM debian:12\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl\n' },
  ],
  invalid: [
    {
      name: 'order matters: a cleanup before the last install leaves its cache',
      code: 'FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl\n',
      errors: [
        { messageId: 'apt', at: '2:62-2:69', message: '"apt-get install" leaves the APT package lists in the layer; add "rm -rf /var/lib/apt/lists/*" to the same RUN' },
      ],
    },
    {
      name: 'dnf in and dnf upgrade, yum clean all before the install',
      code: 'FROM fedora:41\nRUN dnf in -y curl\nRUN dnf -y upgrade\nRUN yum clean all && yum install -y httpd\n',
      errors: [
        { messageId: 'yum', at: '2:9-2:11', message: '"dnf in" leaves cached metadata and packages in the layer; add "dnf clean all" to the same RUN' },
        { messageId: 'yum', at: '3:12-3:19' },
        { messageId: 'yum', at: '4:26-4:33' },
      ],
    },
    {
      name: 'removing docker-clean keeps .deb files: reported on later installs without a cache mount',
      code: 'FROM debian:12\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
      errors: [
        {
          messageId: 'aptArchives',
          at: '3:31-3:38',
          message: '"apt-get install" keeps the downloaded .deb files in the layer, since line 2 removed docker-clean; mount a cache on /var/cache/apt or run "apt-get clean" in the same RUN',
        },
      ],
    },
    {
      name: 'Yarn (bare, install, global add) and pnpm leave their caches',
      code: 'FROM node:22\nRUN yarn --frozen-lockfile\nRUN yarn global add @vue/cli\nRUN pnpm install --prod\n',
      errors: [
        { messageId: 'yarn', at: '2:5-2:9', message: '"yarn" leaves Yarn\'s package cache in the layer; add "yarn cache clean" to the same RUN or mount a cache on it' },
        { messageId: 'yarn', at: '3:17-3:20' },
        { messageId: 'pnpm', at: '4:10-4:17', message: '"pnpm install" leaves the pnpm store in the layer; mount a cache on it (--mount=type=cache,target=/pnpm/store) or remove it in the same RUN' },
      ],
    },
    {
      name: 'apk update alone keeps the index; after apk add it is covered by the add',
      code: 'FROM alpine:3.20\nRUN apk update\nRUN apk update && apk add curl\n',
      errors: [
        { messageId: 'apk', at: '2:9-2:15' },
        { messageId: 'apk', at: '3:23-3:26' },
      ],
      fix: 'Add',
      output: 'FROM alpine:3.20\nRUN apk update\nRUN apk update && apk add --no-cache curl\n',
    },
    {
      name: 'apk: --no-cache inserted after add',
      code: 'FROM alpine:3.20\nRUN apk add --update-cache python3\n',
      errors: [{ messageId: 'apk', at: '2:9-2:12', message: '"apk add" keeps the package index in the layer; use "apk add --no-cache"' }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache --update-cache python3\n',
    },
    {
      name: 'pip, pip3 and python -m pip each get --no-cache-dir; CRLF and continuation kept',
      code: 'FROM python:3.12\r\nRUN pip install --upgrade pip \\\r\n && pip3 install flask \\\r\n && python3 -m pip install rich\r\n',
      errors: [
        { messageId: 'pip', at: '2:9-2:16', message: '"pip install" keeps downloaded packages in pip\'s cache in the layer; add "--no-cache-dir"' },
        { messageId: 'pip', at: '3:10-3:17' },
        { messageId: 'pip', at: '4:20-4:27', message: '"python3 -m pip install" keeps downloaded packages in pip\'s cache in the layer; add "--no-cache-dir"' },
      ],
      output: 'FROM python:3.12\r\nRUN pip install --no-cache-dir --upgrade pip \\\r\n && pip3 install --no-cache-dir flask \\\r\n && python3 -m pip install --no-cache-dir rich\r\n',
    },
    {
      name: 'exec form: the option becomes its own JSON string',
      code: 'FROM python:3.12\nRUN ["pip3", "install", "requests==2.32.3"]\n',
      errors: [{ messageId: 'pip', at: '2:15-2:22' }],
      output: 'FROM python:3.12\nRUN ["pip3", "install", "--no-cache-dir", "requests==2.32.3"]\n',
    },
    {
      name: 'APT: one finding per RUN on the first install, no fix; removing the lists in a later RUN does not help',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && apt-get install -y git\nRUN rm -rf /var/lib/apt/lists/*\n',
      errors: [{ messageId: 'apt', at: '2:31-2:38', message: '"apt-get install" leaves the APT package lists in the layer; add "rm -rf /var/lib/apt/lists/*" to the same RUN' }],
    },
    {
      name: 'apt-get clean removes archives but not the lists; a cache mount on /var/cache/apt only is not enough',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && apt-get clean\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt install -y git\n',
      errors: [
        { messageId: 'apt', at: '2:31-2:38' },
        { messageId: 'apt', at: '3:68-3:75', message: '"apt install" leaves the APT package lists in the layer; add "rm -rf /var/lib/apt/lists/*" to the same RUN' },
      ],
    },
    {
      name: 'dnf, microdnf and zypper without clean; heredoc; the base stage of the final one counts',
      code: 'FROM fedora:40 AS base\nRUN <<EOF\ndnf install -y httpd\nmicrodnf install -y tar\nEOF\nFROM base\nRUN zypper --non-interactive in nginx\n',
      errors: [
        { messageId: 'yum', at: '3:5-3:12', message: '"dnf install" leaves cached metadata and packages in the layer; add "dnf clean all" to the same RUN' },
        { messageId: 'zypper', at: '7:30-7:32', message: '"zypper in" leaves cached metadata and packages in the layer; add "zypper clean --all" to the same RUN' },
      ],
    },
    {
      name: 'ONBUILD and lowercase run in the final stage; sudo',
      code: 'FROM alpine:3.20\nrun sudo apk add curl\nONBUILD RUN pip install -r requirements.txt\n',
      errors: [
        { messageId: 'apk', at: '2:14-2:17' },
        { messageId: 'pip', at: '3:17-3:24' },
      ],
      output: 'FROM alpine:3.20\nrun sudo apk add --no-cache curl\nONBUILD RUN pip install --no-cache-dir -r requirements.txt\n',
    },
  ],
});
