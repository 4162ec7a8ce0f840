import rule from '../../server/src/rules/image-tag-pinned';
import { testRule } from '../helpers/rule-tester';

const digest = 'sha256:' + '4c2a'.repeat(16);

testRule(rule, {
  valid: [
    { name: 'full version tag', code: 'FROM node:22.11.0-bookworm-slim\n' },
    { name: 'major-only tags are accepted', code: 'FROM node:22 AS build\nFROM python:3\n' },
    { name: 'digest without tag', code: `FROM nginx@${digest}\n` },
    { name: 'latest pinned by a digest', code: `FROM nginx:latest@${digest}\n` },
    { name: 'scratch is not an image to pin', code: 'FROM scratch\nCOPY app /app\n' },
    { name: 'earlier stage alias, matched case-insensitively', code: 'FROM golang:1.23 AS Build\nRUN go build\nFROM build\nFROM BUILD AS again\n' },
    { name: 'ARG without default: value unknown', code: 'ARG TAG\nFROM python:${TAG}\n' },
    { name: 'ARG default with a version', code: 'ARG TAG=3.12.7\nFROM python:${TAG}-slim\n' },
    { name: 'ARG declared after the first FROM is not visible to FROM', code: 'FROM alpine:3.20\nARG IMAGE=alpine\nFROM $IMAGE\n' },
    { name: 'channel names inside a version tag', code: 'FROM nvidia/cuda:12.2.0-devel-ubuntu22.04\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n' },
    { name: 'lowercase instruction, pinned', code: 'from alpine:3.20\n' },
    { name: 'invalid placeholder name is not judged', code: 'FROM REPLACE-ME\n' },
    { name: 'Compose pinned image', code: 'services:\n  web:\n    image: nginx:1.27.2\n' },
    { name: 'Compose image names what build produces', code: 'services:\n  app:\n    build: .\n    image: myorg/app\n' },
    { name: 'Compose build in long syntax', code: 'services:\n  app:\n    build:\n      context: .\n    image: myorg/app:latest\n' },
    { name: 'Compose variable without default', code: 'services:\n  web:\n    image: nginx:${NGINX_TAG}\n' },
    { name: 'Compose variable default with a version', code: 'services:\n  web:\n    image: "nginx:${NGINX_TAG:-1.27}"\n' },
    { name: 'Compose digest', code: `services:\n  web:\n    image: nginx@${digest}\n` },
    { name: 'Compose image outside services', code: 'x-base:\n  image: nginx\nservices:\n  web:\n    image: nginx:1.27\n' },
  ],
  invalid: [
    {
      name: 'untagged: the whole image reference',
      code: 'FROM ubuntu\nRUN echo hi\n',
      errors: [
        {
          messageId: 'untagged',
          at: '1:6-1:12',
          message: 'Image "ubuntu" has no tag, so it pulls whatever "latest" is at build time; pin a version tag or a digest',
        },
      ],
    },
    {
      name: 'latest: only the tag',
      code: 'FROM node:latest\n',
      errors: [{ messageId: 'latest', at: '1:11-1:17' }],
    },
    {
      name: 'floating channel tag with flags and lowercase keyword',
      code: 'from --platform=$BUILDPLATFORM node:lts-alpine AS build\nRUN npm ci\n',
      errors: [{ messageId: 'floating', at: '1:37-1:47', message: 'Image "node:lts-alpine" uses the moving tag "lts-alpine"; pin a version tag or a digest' }],
    },
    {
      name: 'every external stage is checked, stage references are not',
      code: 'FROM golang:1.23 AS build\nRUN go build\nFROM alpine\nCOPY --from=build /out /app\nFROM build AS test\n',
      errors: [{ messageId: 'untagged', at: '3:6-3:12' }],
    },
    {
      name: 'a name that is not an earlier stage is an image',
      code: 'FROM ubuntu:22.04 AS test\nFROM construction AS final\n',
      errors: [{ messageId: 'untagged', at: '2:6-2:18' }],
    },
    {
      name: 'tag from an ARG default: whole reference, message names the ARG',
      code: 'ARG TAG=latest\nFROM python:${TAG}\n',
      errors: [
        {
          messageId: 'latest',
          at: '2:6-2:19',
          message:
            'Image "python:latest" (from ARG "TAG") uses the "latest" tag, which points at a new image after every release; pin a version tag or a digest',
        },
      ],
    },
    {
      name: 'whole image from an ARG default without tag',
      code: 'ARG BASE=alpine\nFROM $BASE AS base\n',
      errors: [{ messageId: 'untagged', at: '2:6-2:11', message: 'Image "alpine" (from ARG "BASE") has no tag, so it pulls whatever "latest" is at build time; pin a version tag or a digest' }],
    },
    {
      name: 'registry with a port is not a tag',
      code: 'FROM localhost:5000/team/app\n',
      errors: [{ messageId: 'untagged', at: '1:6-1:29' }],
    },
    {
      name: 'line continuation before the image',
      code: 'FROM \\\n  nginx:stable\n',
      errors: [{ messageId: 'floating', at: '2:9-2:15' }],
    },
    {
      name: 'backtick escape directive',
      code: '# escape=`\nFROM `\n  debian:latest AS base\n',
      errors: [{ messageId: 'latest', at: '3:10-3:16' }],
    },
    {
      name: 'Compose untagged, latest and floating; quoted and flow style',
      code: 'services:\n  db:\n    image: postgres\n  cache:\n    image: "redis:latest"\n  web: {image: \'nginx:stable-alpine\'}\n',
      errors: [
        { messageId: 'untagged', at: '3:12-3:20', message: 'Image "postgres" has no tag, so it pulls whatever "latest" is at build time; pin a version tag or a digest' },
        { messageId: 'latest', at: '5:19-5:25' },
        { messageId: 'floating', at: '6:23-6:36' },
      ],
    },
    {
      name: 'Compose variable default resolves to latest: whole value, names the variable',
      code: 'services:\n  web:\n    image: nginx:${TAG:-latest}\n',
      errors: [
        {
          messageId: 'latest',
          at: '3:12-3:32',
          message:
            'Image "nginx:latest" (from the default of variable "TAG") uses the "latest" tag, which points at a new image after every release; pin a version tag or a digest',
        },
      ],
    },
    {
      name: 'Compose image inherited through a merge key: reported on the << entry',
      code: 'x-base: &base\n  image: grafana/grafana\nservices:\n  grafana:\n    <<: *base\n    ports: ["3000:3000"]\n',
      errors: [{ messageId: 'untagged', at: '5:5-5:14' }],
    },
    {
      name: 'Compose registry image with latest',
      code: 'services:\n  app:\n    image: ghcr.io/org/app:latest\n',
      errors: [{ messageId: 'latest', at: '3:28-3:34' }],
    },
  ],
});
