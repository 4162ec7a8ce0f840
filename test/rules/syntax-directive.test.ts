import rule from '../../server/src/rules/syntax-directive';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    // The classic builder that builds Windows images has no BuildKit frontend (docker-library's Windows variants).
    { name: 'Windows: nanoserver toolchain image', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nSHELL ["cmd", "/S", "/C"]\nENV GOPATH C:\\go\n' },
    { name: 'Windows: base from a variable, PowerShell SHELL', code: 'ARG BASE\nFROM ${BASE}\nSHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]\nRUN Write-Host hi\n' },
    { name: 'major version tag', code: '# syntax=docker/dockerfile:1\nFROM alpine:3.20\n' },
    { name: 'minor version, spaces around =, upper-case name', code: '# SYNTAX = docker/dockerfile:1.7\nFROM alpine:3.20\n' },
    { name: 'labs channel of a major version', code: '# syntax=docker/dockerfile:1-labs\nFROM alpine:3.20\n' },
    { name: 'a digest pins even a bare name', code: '# syntax=docker/dockerfile@sha256:ac85f380a63b13dfcefa89046420e1781752bab202122f8f50032edf31be0021\nFROM alpine:3.20\n' },
    { name: 'after an escape directive', code: '# escape=`\n# syntax=docker.io/docker/dockerfile:1.7.1\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n' },
    { name: 'a third-party frontend with a version tag', code: '# syntax=ghcr.io/example/frontend:v2.3\nFROM alpine:3.20\n' },
    { name: 'an empty file has nothing to anchor on', code: '' },
    { name: 'only comments', code: '# nothing here yet\n' },
  ],
  invalid: [
    {
      name: 'missing: reported on the first instruction keyword, fixed by inserting line 1',
      code: 'FROM alpine:3.20\nRUN echo hi\n',
      errors: [
        {
          messageId: 'missing',
          at: '1:1-1:5',
          message: 'The Dockerfile has no "# syntax=" directive; add "# syntax=docker/dockerfile:1" as its first line to fix the frontend version',
        },
      ],
      output: '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN echo hi\n',
    },
    {
      name: 'missing: a global ARG comes first; the directive goes above the escape directive and keeps CRLF',
      code: '# escape=`\r\nARG BASE=alpine:3.20\r\nfrom $BASE\r\n',
      errors: [{ messageId: 'missing', at: '2:1-2:4' }],
      output: '# syntax=docker/dockerfile:1\r\n# escape=`\r\nARG BASE=alpine:3.20\r\nfrom $BASE\r\n',
    },
    {
      name: 'no tag: the value is underlined and gets the major version',
      code: '# syntax=docker/dockerfile\nFROM alpine:3.20\n',
      errors: [{ messageId: 'unpinned', at: '1:10-1:27', message: 'The frontend "docker/dockerfile" has no version tag; pin a version such as "docker/dockerfile:1"' }],
      output: '# syntax=docker/dockerfile:1\nFROM alpine:3.20\n',
    },
    {
      name: 'latest, with the registry written out and a trailing comment line kept',
      code: '#syntax=docker.io/docker/dockerfile:latest\n# build me\nFROM alpine:3.20\n',
      errors: [{ messageId: 'unpinned', at: '1:9-1:43', message: 'The frontend "docker.io/docker/dockerfile:latest" follows the moving tag "latest"; pin a version such as "docker/dockerfile:1"' }],
      output: '#syntax=docker.io/docker/dockerfile:1\n# build me\nFROM alpine:3.20\n',
    },
    {
      name: 'the labs channel becomes 1-labs',
      code: '# syntax=docker/dockerfile:labs\nFROM alpine:3.20\nRUN --security=insecure true\n',
      errors: [{ messageId: 'unpinned', at: '1:10-1:32' }],
      output: '# syntax=docker/dockerfile:1-labs\nFROM alpine:3.20\nRUN --security=insecure true\n',
    },
    {
      name: 'upstream master and an untagged third-party frontend: flagged, no fix',
      code: '# syntax=docker/dockerfile-upstream:master\nFROM alpine:3.20\n',
      errors: [{ messageId: 'unpinned', at: '1:10-1:43' }],
    },
    {
      name: 'a third-party frontend without a tag',
      code: '# syntax=example.com/frontends/dockerfile\nFROM alpine:3.20\n',
      errors: [{ messageId: 'unpinned', at: '1:10-1:42' }],
    },
    {
      name: 'after a blank line the directive is a plain comment; the fix moves it to line 1',
      code: '\n# syntax=docker/dockerfile:1\nFROM alpine:3.20\n',
      errors: [{ messageId: 'misplaced', at: '2:1-2:29', message: '"# syntax=docker/dockerfile:1" is read as a plain comment because it is not at the top of the file; move it to the first line' }],
      output: '# syntax=docker/dockerfile:1\n\nFROM alpine:3.20\n',
    },
    {
      name: 'after an ordinary comment, with CRLF',
      code: '# My image\r\n# syntax=docker/dockerfile:1.7\r\nFROM alpine:3.20\r\n',
      errors: [{ messageId: 'misplaced', at: '2:1-2:31' }],
      output: '# syntax=docker/dockerfile:1.7\r\n# My image\r\nFROM alpine:3.20\r\n',
    },
  ],
});
