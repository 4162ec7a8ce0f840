import rule from '../../server/src/rules/update-without-install';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'update and install in one RUN', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get install -y git\n' },
    { name: 'a lone update that nothing installs from later', code: 'FROM debian:12\nRUN apt-get update\nRUN echo done\n' },
    { name: 'the later RUN refreshes again', code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get update && apt-get install -y curl\n' },
    { name: 'apk add --no-cache and -U fetch their own index', code: 'FROM alpine:3.20\nRUN apk update\nRUN apk add --no-cache curl\nRUN apk -U add git\n' },
    { name: 'apt-get install --update (APT 3) refreshes first', code: 'FROM debian:13\nRUN apt-get update\nRUN apt-get install --update -y curl\n' },
    { name: 'the update is deleted again in its RUN', code: 'FROM debian:12\nRUN apt-get update && apt-get dist-clean\nRUN apt-get install -y curl\n' },
    { name: 'different package managers', code: 'FROM debian:12\nRUN apt-get update\nRUN pip install flask==3.0.3\n' },
    { name: 'update followed by upgrade uses the fresh lists', code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\nRUN apt-get install -y curl\n' },
    { name: 'yum update is an upgrade, not a lone refresh', code: 'FROM rockylinux:9\nRUN yum update -y\nRUN yum install -y httpd\n' },
    { name: 'an unrelated stage does not inherit the index', code: 'FROM debian:12 AS a\nRUN apt-get update\nFROM debian:12\nRUN apt-get install -y curl\n' },
    { name: 'an update inside echo is not an update', code: 'FROM debian:12\nRUN echo apt-get update\nRUN apt-get install -y curl\n' },
  ],
  invalid: [
    {
      name: 'exec form, apt (not apt-get), apk update and dnf makecache followed by dnf in',
      code: 'FROM debian:12\nRUN ["apt-get", "update"]\nRUN apt update\nRUN ["apt-get", "install", "-y", "curl"]\nFROM alpine:3.20\nRUN apk update\nRUN apk add curl\nFROM fedora:41\nRUN dnf makecache\nRUN dnf in -y git\n',
      errors: [
        { messageId: 'stale', at: '3:5-3:15', message: '"apt update" refreshes the package index in a RUN of its own, and the install on line 4 reads that cached copy; update and install in the same RUN' },
        { messageId: 'stale', at: '6:5-6:15' },
        { messageId: 'stale', at: '9:5-9:18' },
      ],
      output: 'FROM debian:12\nRUN ["apt-get", "update"]\nRUN apt update\nRUN ["apt-get", "install", "-y", "curl"]\nFROM alpine:3.20\nRUN apk update \\\n    && apk add curl\nFROM fedora:41\nRUN dnf makecache \\\n    && dnf in -y git\n',
    },
    {
      name: 'an exec-form update read by a later install: the message spells the command',
      code: 'FROM debian:12\nRUN ["apt-get", "update"]\nRUN apt-get install -y curl\n',
      errors: [{ messageId: 'stale', at: '2:7-2:24', message: '"apt-get update" refreshes the package index in a RUN of its own, and the install on line 3 reads that cached copy; update and install in the same RUN' }],
    },
    {
      name: 'the classic split: joined into the next RUN',
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n',
      errors: [
        {
          messageId: 'stale',
          at: '2:5-2:19',
          message: '"apt-get update" refreshes the package index in a RUN of its own, and the install on line 3 reads that cached copy; update and install in the same RUN',
        },
      ],
      output: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl\n',
    },
    {
      name: 'the join keeps CRLF, indentation and a continued next RUN',
      code: 'FROM debian:12\r\n  run apt-get -q update\r\n  RUN apt-get install -y \\\r\n      curl | tee /log\r\n',
      errors: [{ messageId: 'stale', at: '2:7-2:24' }],
      output: 'FROM debian:12\r\n  run apt-get -q update \\\r\n      && apt-get install -y \\\r\n      curl | tee /log\r\n',
    },
    {
      name: 'the escape directive decides the continuation character',
      code: '# escape=`\nFROM debian:12\nRUN apt update\nRUN apt install -y curl\n',
      errors: [{ messageId: 'stale', at: '3:5-3:15' }],
      output: '# escape=`\nFROM debian:12\nRUN apt update `\n    && apt install -y curl\n',
    },
    {
      name: 'apk, zypper and dnf makecache; no join when something sits between the RUNs',
      code:
        'FROM alpine:3.20\nRUN apk update\nWORKDIR /app\nRUN apk add curl\n' +
        'FROM opensuse/leap:15.6\nRUN zypper refresh\n# install\nRUN zypper install -y nginx\n' +
        'FROM fedora:40\nRUN dnf makecache\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd\n',
      errors: [
        { messageId: 'stale', at: '2:5-2:15' },
        { messageId: 'stale', at: '6:5-6:19' },
        { messageId: 'stale', at: '10:5-10:18' },
      ],
    },
    {
      name: 'no join when the next RUN has ; or || (it would run even when the update fails)',
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl || true\n',
      errors: [{ messageId: 'stale', at: '2:5-2:19' }],
    },
    {
      name: 'the last of several updates counts; the install is found in a child stage and in sh -c',
      code: 'FROM debian:12 AS base\nRUN set -e; sudo apt-get update\nFROM base\nRUN sh -c "apt-get install -y curl"\n',
      errors: [{ messageId: 'stale', at: '2:18-2:32', message: '"apt-get update" refreshes the package index in a RUN of its own, and the install on line 4 reads that cached copy; update and install in the same RUN' }],
    },
    {
      name: 'an install earlier in the same RUN does not use the update that follows it',
      code: 'FROM debian:12\nRUN apt-get install -y ca-certificates && apt-get update\nRUN apt-get install -y curl\n',
      errors: [{ messageId: 'stale', at: '2:43-2:57' }],
      output: 'FROM debian:12\nRUN apt-get install -y ca-certificates && apt-get update \\\n    && apt-get install -y curl\n',
    },
  ],
});
