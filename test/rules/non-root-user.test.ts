import rule from '../../server/src/rules/non-root-user';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM python:3.12-slim\nUSER 10001\nCMD ["python"]\n',
    { name: 'root only in a build stage', code: 'FROM golang:1.23 AS build\nUSER root\nRUN go build\nFROM alpine:3.20\nUSER app\n' },
    { name: 'USER inherited from an earlier stage', code: 'FROM node:22 AS base\nUSER node\nFROM base\nCMD ["node"]\n' },
    { name: 'root then back to a user', code: 'FROM debian:12\nUSER root\nRUN apt-get update\nUSER 1000:1000\n' },
    { name: 'distroless nonroot base', code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n' },
    { name: 'user given by an ARG without default', code: 'ARG UID\nFROM alpine:3.20\nARG UID\nUSER ${UID}\n' },
    { name: 'base image from an unresolved ARG', code: 'ARG BASE\nFROM ${BASE}\nCMD ["x"]\n' },
    { name: 'Windows base image', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["cmd"]\n' },
    { name: 'lowercase user instruction', code: 'from alpine:3.20\nuser app\n' },
    { name: 'Compose non-root user', kind: 'compose', code: 'services:\n  web:\n    image: nginx:1.27\n    user: "101:101"\n' },
    { name: 'Compose user from a variable', kind: 'compose', code: 'services:\n  web:\n    user: ${UID}\n' },
    { name: 'root-like names are not root', code: 'FROM alpine:3.20\nUSER rootless\n' },
  ],
  invalid: [
    {
      name: 'no USER: anchored on the final FROM',
      code: 'FROM golang:1.23 AS build\nUSER builder\nFROM alpine:3.20\nCOPY --from=build /app /app\n',
      errors: [{ messageId: 'missingUser', at: '3:1-3:17' }],
    },
    {
      name: 'last USER is root: underlines the user',
      code: 'FROM debian:12\nUSER app\nRUN id\nUSER root\nCMD ["bash"]\n',
      errors: [{ messageId: 'rootUser', at: '4:6-4:10' }],
    },
    {
      name: 'uid 0 with a group, resolved through an ARG default',
      code: 'FROM debian:12\nARG RUNAS=0:0\nUSER ${RUNAS}\n',
      errors: [{ messageId: 'rootUser', at: '3:6-3:14' }],
    },
    {
      name: 'final stage built on an earlier root stage',
      code: 'FROM node:22 AS base\nUSER root\nFROM base\nCMD ["node"]\n',
      errors: [{ messageId: 'rootUser', at: '2:6-2:10' }],
    },
    {
      name: 'scratch image without USER',
      code: 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      errors: [{ messageId: 'missingUser', at: '1:1-1:13' }],
    },
    {
      name: 'Compose explicit root, YAML number',
      kind: 'compose',
      code: 'services:\n  a:\n    user: root\n  b:\n    user: 0\n  c:\n    user: "0:0"\n',
      errors: [
        { messageId: 'composeRoot', at: '3:5-3:15', message: 'Service "a" runs as root' },
        { messageId: 'composeRoot', at: '5:5-5:12' },
        { messageId: 'composeRoot', at: '7:5-7:16' },
      ],
    },
  ],
});
