import rule from '../../server/src/rules/no-install-recommends';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'the flag after install', code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n' },
    { name: 'the flag before install (KICS negative)', code: 'FROM node:12\nRUN apt-get --no-install-recommends install apt-utils\n' },
    { name: '-o APT::Install-Recommends=false, also as -oAPT::...=0', code: 'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl && apt-get install -oAPT::Install-Recommends=0 -y git\n' },
    { name: 'written into apt.conf.d by an earlier RUN of the stage', code: 'FROM debian:12\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99norecommends\nRUN apt-get install -y curl\n' },
    { name: 'configured in a base stage', code: 'FROM debian:12 AS base\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/10norec\nFROM base\nRUN apt install -y curl\n' },
    { name: 'other subcommands and managers', code: 'FROM debian:12\nRUN apt-get update && apt-get remove -y vim && apk add curl && aptitude install -y git\n' },
    { name: 'exec form with the option as a bare word (KICS negative)', code: 'FROM node:12\nRUN ["apt-get", "apt::install-recommends=false", "install", "apt-utils"]\n' },
  ],
  invalid: [
    {
      name: 'plain install: the install word, fix inserts the flag after it',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      errors: [{ messageId: 'recommends', at: '2:31-2:38', message: '"apt-get install" also installs recommended packages; add "--no-install-recommends" and list what you need' }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl\n',
    },
    {
      name: 'exec form gets a JSON string of its own',
      code: 'FROM node:12\nRUN ["apt-get", "install", "apt-utils"]\n',
      errors: [{ messageId: 'recommends', at: '2:18-2:25' }],
      output: 'FROM node:12\nRUN ["apt-get", "install", "--no-install-recommends", "apt-utils"]\n',
    },
    {
      name: 'apt, lowercase run, continuation lines with CRLF, sudo',
      code: 'FROM ubuntu:24.04\r\nrun sudo apt \\\r\n    install -y \\\r\n    git\r\n',
      errors: [{ messageId: 'recommends', at: '3:5-3:12', message: '"apt install" also installs recommended packages; add "--no-install-recommends" and list what you need' }],
      output: 'FROM ubuntu:24.04\r\nrun sudo apt \\\r\n    install --no-install-recommends -y \\\r\n    git\r\n',
    },
    {
      name: 'a setting of true does not count; two installs in one RUN (one finding, one fix for both); sh -c in place',
      code: 'FROM debian:12\nRUN apt-get install -o APT::Install-Recommends=true -y a; sh -c "apt-get install -y b"\n',
      errors: [
        {
          messageId: 'recommendsMany',
          at: '2:13-2:20',
          message: '2 installs of this RUN (of a, b) also install recommended packages; add "--no-install-recommends" to each and list what you need',
        },
      ],
      output: 'FROM debian:12\nRUN apt-get install --no-install-recommends -o APT::Install-Recommends=true -y a; sh -c "apt-get install --no-install-recommends -y b"\n',
    },
    {
      name: 'heredoc and ONBUILD; the setting in another, unrelated stage does not count',
      code: 'FROM debian:12 AS a\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/x\nFROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\nONBUILD RUN apt-get install -y git\n',
      errors: [
        { messageId: 'recommends', at: '5:9-5:16' },
        { messageId: 'recommends', at: '7:21-7:28' },
      ],
      output: 'FROM debian:12 AS a\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/x\nFROM debian:12\nRUN <<EOF\napt-get install --no-install-recommends -y curl\nEOF\nONBUILD RUN apt-get install --no-install-recommends -y git\n',
    },
  ],
});
