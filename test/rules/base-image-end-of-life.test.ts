import rule from '../../server/src/rules/base-image-end-of-life';
import { testRule } from '../helpers/rule-tester';

const config = { now: new Date('2026-11-29') };

testRule(rule, {
  valid: [
    { name: 'supported releases', code: 'FROM node:22-alpine\nFROM python:3.12-slim-bookworm\nFROM debian:bookworm\nFROM alpine:3.22\n', config },
    { name: 'a release whose end is still ahead is not reported early', code: 'FROM node:24\n', config: { now: new Date('2028-04-29') } },
    { name: 'major-only tag of a line that is still open (python:3 follows 3.x)', code: 'FROM python:3\nFROM mysql:8\nFROM redis:6\n', config },
    { name: 'untagged, latest, channel tags and pre-releases are not judged', code: 'FROM node\nFROM node:lts-alpine\nFROM python:3.14.0a3\nFROM debian:stable-slim\n', config },
    { name: 'releases missing from the table are never reported', code: 'FROM eclipse-temurin:17-jre\nFROM node:27\nFROM myorg/node:16\n', config },
    { name: 'ARG without a default is skipped', code: 'ARG NODE_VERSION\nFROM node:${NODE_VERSION}\n', config },
    { name: 'a FROM that names an earlier stage is not an image', code: 'FROM node:22 AS node16\nFROM node16\n', config },
    { name: 'Docker-in-Docker images belong to docker-in-docker-engine', code: 'FROM docker:19.03-dind\n', config },
    { name: 'Compose: a service with build: names the image it builds', code: 'services:\n  app:\n    build: .\n    image: node:16\n', config },
    { name: 'Compose: unresolved interpolation is skipped', code: 'services:\n  db:\n    image: postgres:${PG_VERSION}\n', config },
    { name: 'the day before the end of life', code: 'FROM python:3.9\n', config: { now: new Date('2025-10-30T23:00:00Z') } },
  ],
  invalid: [
    {
      name: 'runtime release at its end of life: the tag is underlined, the message names product, cycle and date',
      code: 'FROM node:16-alpine\nCMD ["node", "server.js"]\n',
      config,
      errors: [
        {
          messageId: 'runtime',
          at: '1:11-1:20',
          message: 'Image "node:16-alpine" runs Node.js 16, which reached end of life on 2023-09-11 and gets no security fixes; move to a supported release',
        },
      ],
    },
    {
      name: 'runtime and distribution both ended: one finding on the tag names both',
      code: 'FROM python:3.8-slim-buster\n',
      config,
      errors: [
        {
          messageId: 'both',
          at: '1:13-1:28',
          message:
            'Image "python:3.8-slim-buster" runs Python 3.8, which reached end of life on 2024-10-07, on Debian 10, which reached end of life on 2024-06-30; ' +
            'neither gets security fixes, move to a supported release',
        },
      ],
    },
    {
      name: 'a dev-container base on a tag whose runtime and distribution both ended (the shape that gave two findings on one range)',
      code: 'FROM node:16-bullseye\n',
      config,
      errors: [{ messageId: 'both', at: '1:11-1:22' }],
    },
    {
      name: 'distributions by number and codename, all stages, lowercase instruction',
      code: 'from debian:stretch AS a\nFROM ubuntu:18.04 AS b\nFROM alpine:3.12.1\nFROM centos:centos7\n',
      config,
      errors: [
        { messageId: 'runtime', at: '1:13-1:20' },
        { messageId: 'runtime', at: '2:13-2:18' },
        { messageId: 'runtime', at: '3:13-3:19' },
        { messageId: 'runtime', at: '4:13-4:20' },
      ],
      output: 'from debian:stretch AS a\nFROM ubuntu:22.04 AS b\nFROM alpine:3.12.1\nFROM centos:centos7\n',
    },
    {
      name: 'plain version tags get a fix to the oldest supported release',
      code: 'FROM golang:1.19 AS build\nFROM php:7.4-fpm\n',
      config,
      errors: [
        { messageId: 'runtime', at: '1:13-1:17' },
        { messageId: 'runtime', at: '2:10-2:17' },
      ],
      output: 'FROM golang:1.26 AS build\nFROM php:7.4-fpm\n',
    },
    {
      name: 'month-precision end of life (Python 3.10 ends in 2026-10)',
      code: 'FROM python:3.10\n',
      config,
      errors: [{ messageId: 'runtime', at: '1:13-1:17', message: 'Image "python:3.10" runs Python 3.10, which reached end of life in 2026-10 and gets no security fixes; move to a supported release' }],
      output: 'FROM python:3.11\n',
    },
    {
      name: 'a major-only tag whose whole line has ended (php:7 follows 7.4)',
      code: 'FROM php:7-apache\nFROM mongo:4\n',
      config,
      errors: [
        { messageId: 'runtime', at: '1:10-1:18', message: 'Image "php:7-apache" runs PHP 7.4, which reached end of life on 2022-11-28 and gets no security fixes; move to a supported release' },
        { messageId: 'runtime', at: '2:12-2:13' },
      ],
    },
    {
      name: 'version from an ARG default: the whole image token is underlined, no fix',
      code: 'ARG PG=11\nFROM postgres:${PG}\n',
      config,
      errors: [{ messageId: 'runtime', at: '2:6-2:20', message: 'Image "postgres:11" runs PostgreSQL 11, which reached end of life on 2023-11-09 and gets no security fixes; move to a supported release' }],
    },
    {
      name: 'continuation lines, a --platform flag and a digest: still the tag',
      code: 'FROM --platform=$BUILDPLATFORM \\\n  node:14@sha256:' + 'a'.repeat(64) + ' AS build\n',
      config,
      errors: [{ messageId: 'runtime', at: '2:8-2:10' }],
    },
    {
      name: 'distribution named in the repository (UBI, distroless) or in the tag of any image',
      code: 'FROM registry.access.redhat.com/ubi7/ubi:7.9\nFROM gcr.io/distroless/static-debian11\nFROM nvidia/cuda:11.0-devel-ubuntu18.04\n',
      config,
      errors: [
        { messageId: 'runtime', at: '1:42-1:45' },
        { messageId: 'runtime', at: '2:6-2:39' },
        { messageId: 'os', at: '3:29-3:40' },
      ],
    },
    {
      name: 'the fix keeps CRLF line endings and comments',
      code: '# base\r\nFROM node:16\r\n# keep\r\nCMD ["node"]\r\n',
      config,
      errors: [{ messageId: 'runtime', at: '2:11-2:13' }],
      output: '# base\r\nFROM node:22\r\n# keep\r\nCMD ["node"]\r\n',
    },
    {
      name: 'Compose: image tag, quoted and flow style, with fixes',
      code: 'services:\n  db:\n    image: "postgres:11"\n  cache: {image: redis:5.0-alpine}\n',
      config,
      errors: [
        { messageId: 'runtime', at: '3:22-3:24' },
        { messageId: 'runtime', at: '4:24-4:34' },
      ],
      output: 'services:\n  db:\n    image: "postgres:15"\n  cache: {image: redis:5.0-alpine}\n',
    },
    {
      name: 'Compose: defaults of ${VAR:-...} are checked; merge keys report at the << entry without a fix',
      code: 'x-base: &base\n  image: mysql:5.7\nservices:\n  db:\n    <<: *base\n  web:\n    image: node:${NODE:-12}\n',
      config,
      errors: [
        { messageId: 'runtime', at: '5:5-5:14' },
        { messageId: 'runtime', at: '7:12-7:28' },
      ],
    },
  ],
});
