import rule from '../../server/src/rules/non-root-user';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    // Images whose own Dockerfile already switches to a non-root user (knowledge/image-defaults.ts), in the shape
    // of the corpus files that extend them (a plugin list on Jenkins, provisioning on Grafana, a Bitnami database).
    { name: 'Jenkins image with plugins added', code: 'FROM jenkins/jenkins:2.479.1-lts-jdk17\nCOPY plugins.txt /usr/share/jenkins/ref/plugins.txt\nRUN jenkins-plugin-cli -f /usr/share/jenkins/ref/plugins.txt\n' },
    { name: 'Grafana with provisioning files', code: 'FROM grafana/grafana:11.3.0\nCOPY provisioning /etc/grafana/provisioning\n' },
    { name: 'a Bitnami image', code: 'FROM bitnami/postgresql:16.4.0\nCOPY init.sql /docker-entrypoint-initdb.d/\n' },
    { name: 'a Jupyter Docker Stacks image from quay.io', code: 'FROM quay.io/jupyter/scipy-notebook:2024-10-07\nRUN pip install --no-cache-dir altair\n' },
    { name: 'Selenium, Solr and SonarQube', code: 'FROM selenium/standalone-chrome:4.25.0\nCOPY config.toml /opt/selenium/\n' },
    { name: 'Solr with a core configuration', code: 'FROM solr:9.7\nCOPY conf /opt/solr/server/solr/configsets/app\n' },
    { name: 'SonarQube with a plugin', code: 'FROM sonarqube:10.7-community\nCOPY plugin.jar /opt/sonarqube/extensions/plugins/\n' },
    { name: 'SQL Server 2022 on Linux', code: 'FROM mcr.microsoft.com/mssql/server:2022-CU15-ubuntu-22.04\nCOPY setup.sql /usr/src/app/\n' },
    // Windows images (docker/labs, docker-library Windows variants): no Linux root user to leave.
    { name: 'Windows: an image named like a Windows variant', code: 'FROM stefanscherer/node-windows:6.9.2-nano\nWORKDIR /app\nCMD ["node.exe", "server.js"]\n' },
    { name: 'Windows: SQL Server Express for Windows, escape directive, PowerShell', code: '# escape=`\nFROM microsoft/mssql-server-windows-express:2016-sp1\nSHELL ["powershell", "-Command"]\nCOPY setup.ps1 C:\\init\\\n' },
    { name: 'Windows: base from a variable, with the backtick escape', code: '# escape=`\nARG BASE\nFROM ${BASE}\nRUN mkdir C:\\app\n' },
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
      name: 'the official-image pattern: no USER, gosu installed, an entrypoint that steps down (docker-library postgres shape)',
      code:
        'FROM debian:bookworm-slim\nRUN set -eux; apt-get update; apt-get install -y --no-install-recommends gosu; rm -rf /var/lib/apt/lists/*; gosu nobody true\n' +
        'COPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["postgres"]\n',
      errors: [
        {
          messageId: 'stepDown',
          at: '1:1-1:26',
          message: 'The final stage sets no USER, so the container starts as root; it installs "gosu", so check that its entrypoint drops to an unprivileged user, or set USER',
        },
      ],
      output:
        'FROM debian:bookworm-slim\nRUN set -eux; apt-get update; apt-get install -y --no-install-recommends gosu; rm -rf /var/lib/apt/lists/*; gosu nobody true\n' +
        'COPY docker-entrypoint.sh /usr/local/bin/\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app\nUSER 10001:10001\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["postgres"]\n',
    },
    {
      name: 'gosu without an entrypoint is no step-down pattern',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache su-exec\nCMD ["su-exec", "nobody", "app"]\n',
      errors: [{ messageId: 'missingUser', at: '1:1-1:17' }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache su-exec\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\nUSER 10001:10001\nCMD ["su-exec", "nobody", "app"]\n',
    },
    {
      name: 'SQL Server 2017 images run as root',
      code: 'FROM mcr.microsoft.com/mssql/server:2017-latest\nCOPY setup.sql /usr/src/app/\n',
      errors: [{ messageId: 'missingUser', at: '1:1-1:48' }],
      output: 'FROM mcr.microsoft.com/mssql/server:2017-latest\nCOPY setup.sql /usr/src/app/\nUSER 10001:10001\n',
    },
    {
      name: 'the Bitnami minideb base image runs as root',
      code: 'FROM bitnami/minideb:bookworm\nCOPY app /app\n',
      errors: [{ messageId: 'missingUser', at: '1:1-1:30' }],
      output: 'FROM bitnami/minideb:bookworm\nCOPY app /app\nUSER 10001:10001\n',
    },
    {
      name: 'a backtick escape on a Linux base image is not Windows',
      code: '# escape=`\nFROM alpine:3.20\nRUN apk add --no-cache curl\n',
      errors: [{ messageId: 'missingUser', at: '2:1-2:17' }],
      output: '# escape=`\nFROM alpine:3.20\nRUN apk add --no-cache curl\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\nUSER 10001:10001\n',
    },
    {
      name: 'no USER: anchored on the final FROM',
      code: 'FROM golang:1.23 AS build\nUSER builder\nFROM alpine:3.20\nCOPY --from=build /app /app\n',
      errors: [{ messageId: 'missingUser', at: '3:1-3:17' }],
      output: 'FROM golang:1.23 AS build\nUSER builder\nFROM alpine:3.20\nCOPY --from=build /app /app\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\nUSER 10001:10001\n',
    },
    {
      name: 'last USER is root: underlines the user',
      code: 'FROM debian:12\nUSER app\nRUN id\nUSER root\nCMD ["bash"]\n',
      errors: [{ messageId: 'rootUser', at: '4:6-4:10' }],
      output: 'FROM debian:12\nUSER app\nRUN id\nUSER app\nCMD ["bash"]\n',
    },
    {
      name: 'uid 0 with a group, resolved through an ARG default',
      code: 'FROM debian:12\nARG RUNAS=0:0\nUSER ${RUNAS}\n',
      errors: [{ messageId: 'rootUser', at: '3:6-3:14' }],
      output: 'FROM debian:12\nARG RUNAS=0:0\nUSER ${RUNAS}\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app\nUSER 10001:10001\n',
    },
    {
      name: 'final stage built on an earlier root stage',
      code: 'FROM node:22 AS base\nUSER root\nFROM base\nCMD ["node"]\n',
      errors: [{ messageId: 'rootUser', at: '2:6-2:10' }],
      output: 'FROM node:22 AS base\nUSER root\nFROM base\nUSER node\nCMD ["node"]\n',
    },
    {
      name: 'scratch image without USER',
      code: 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      errors: [{ messageId: 'missingUser', at: '1:1-1:13' }],
      output: 'FROM scratch\nCOPY app /app\nUSER 10001:10001\nENTRYPOINT ["/app"]\n',
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
    {
      name: 'fix: Debian-based official image: the user is created and USER goes above the comment before CMD',
      code: 'FROM python:3.12-slim\nRUN pip install flask\n# start the app\nCMD ["python", "app.py"]\n',
      errors: [{ messageId: 'missingUser', at: '1:1-1:22' }],
      output: 'FROM python:3.12-slim\nRUN pip install flask\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app\nUSER 10001:10001\n# start the app\nCMD ["python", "app.py"]\n',
    },
    {
      name: 'fix: a CMD before the last RUN does not move the RUN under the new user; BusyBox tools; lowercase keywords and CRLF',
      code: 'from busybox:1.36\r\ncmd ["sh"]\r\nrun mkdir /data\r\n',
      errors: [{ messageId: 'missingUser', at: '1:1-1:18' }],
      output: 'from busybox:1.36\r\ncmd ["sh"]\r\nrun mkdir /data\r\nrun addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\r\nuser 10001:10001\r\n',
    },
    {
      name: 'fix: switches to a user that a RUN already creates',
      code: 'FROM ubuntu:24.04\nRUN apt-get update && useradd --create-home --uid 1000 --shell /bin/bash dev\nENTRYPOINT ["/entry.sh"]\n',
      errors: [{ messageId: 'missingUser', at: '1:1-1:18' }],
      output: 'FROM ubuntu:24.04\nRUN apt-get update && useradd --create-home --uid 1000 --shell /bin/bash dev\nUSER dev\nENTRYPOINT ["/entry.sh"]\n',
    },
    {
      name: 'fix: distroless and Chainguard get their nonroot user; UBI gets useradd, UBI minimal and unknown images a numeric id',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4 AS m\nFROM registry.access.redhat.com/ubi9/ubi:9.4 AS u\nFROM cgr.dev/chainguard/python:latest-dev\nCOPY --from=u /x /x\n',
      errors: [{ messageId: 'missingUser', at: '3:1-3:42' }],
      output: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4 AS m\nFROM registry.access.redhat.com/ubi9/ubi:9.4 AS u\nFROM cgr.dev/chainguard/python:latest-dev\nCOPY --from=u /x /x\nUSER 65532:65532\n',
    },
    {
      name: 'fix: RHEL-like base image',
      code: 'FROM registry.access.redhat.com/ubi9/ubi:9.4\nRUN dnf install -y python3\nCMD ["python3"]\n',
      errors: [{ messageId: 'missingUser', at: '1:1-1:45' }],
      output: 'FROM registry.access.redhat.com/ubi9/ubi:9.4\nRUN dnf install -y python3\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app\nUSER 10001:10001\nCMD ["python3"]\n',
    },
    {
      name: 'fix: minimal images and unknown ones get a numeric USER only',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y python3\nCMD ["python3"]\n',
      errors: [{ messageId: 'missingUser', at: '1:1-1:53' }],
      output: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y python3\nUSER 10001:10001\nCMD ["python3"]\n',
    },
    {
      name: 'fix: a final USER root with nothing after it is changed in place, after creating the user',
      code: 'FROM alpine:3.20\nRUN apk add curl\nUSER root\nCMD ["sh"]\n',
      errors: [{ messageId: 'rootUser', at: '3:6-3:10' }],
      output: 'FROM alpine:3.20\nRUN apk add curl\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\nUSER 10001:10001\nCMD ["sh"]\n',
    },
    {
      name: 'fix: steps after USER root keep it; the previous non-root user comes back after them',
      code: 'FROM debian:12\nUSER app\nRUN id\nUSER root\nRUN apt-get update \\\n && apt-get install -y curl\nEXPOSE 8080\nCMD ["app"]\n',
      errors: [{ messageId: 'rootUser', at: '4:6-4:10' }],
      output: 'FROM debian:12\nUSER app\nRUN id\nUSER root\nRUN apt-get update \\\n && apt-get install -y curl\nEXPOSE 8080\nUSER app\nCMD ["app"]\n',
    },
  ],
});
