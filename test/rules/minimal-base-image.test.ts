import rule from '../../server/src/rules/minimal-base-image';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'slim, alpine and minimal variants', code: 'FROM python:3.12-slim\n' },
    'FROM node:22-alpine3.20\n',
    'FROM debian:bookworm-slim\n',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\n',
    'FROM gcr.io/distroless/python3-debian12\n',
    'FROM alpine:3.20\n',
    { name: 'full images in build stages only', code: 'FROM ubuntu:24.04 AS build\nRUN make\nFROM scratch\nCOPY --from=build /out /\n' },
    { name: 'php images are built on debian slim already', code: 'FROM php:8.3-fpm\n' },
    { name: 'toolchain images are multi-stage-build\'s job', code: 'FROM golang:1.23\nFROM maven:3.9-eclipse-temurin-21\n' },
    { name: 'unknown and private images are not judged', code: 'FROM registry.corp.example/base/ubuntu:22.04\nFROM myorg/python:3.12\n' },
    { name: 'Windows variants are not judged', code: 'FROM python:3.12-windowsservercore-ltsc2022\n' },
    { name: 'unresolved ARG', code: 'ARG BASE\nFROM ${BASE}\n' },
    { name: 'final stage built on a slim stage', code: 'FROM node:22-slim AS base\nFROM base\nCMD ["node"]\n' },
  ],
  invalid: [
    {
      name: 'python: the image token is underlined, the fix rewrites the tag to the same-version slim tag',
      code: 'FROM python:3.12\nCMD ["python"]\n',
      errors: [{ messageId: 'full', at: '1:6-1:17', message: 'The final image is based on the full image "python:3.12"; use a minimal variant such as "python:3.12-slim" to ship fewer packages' }],
      output: 'FROM python:3.12-slim\nCMD ["python"]\n',
    },
    {
      name: 'node and ruby with a codename: slim goes where each image family puts it',
      code: 'FROM ruby:3.3-bookworm AS r\nFROM node:22-bookworm\n',
      errors: [{ messageId: 'full', at: '2:6-2:22' }],
      output: 'FROM ruby:3.3-bookworm AS r\nFROM node:22-bookworm-slim\n',
    },
    {
      name: 'ruby codename variant',
      code: 'from ruby:3.3-bookworm\n',
      errors: [{ messageId: 'full', at: '1:6-1:23' }],
      output: 'from ruby:3.3-slim-bookworm\n',
    },
    {
      name: 'debian by codename, with a date stamp, through a stage alias',
      code: 'FROM debian:bookworm-20240110 AS base\nRUN apt-get update\nFROM base\nCMD ["sh"]\n',
      errors: [{ messageId: 'full', at: '1:6-1:30' }],
      output: 'FROM debian:bookworm-20240110-slim AS base\nRUN apt-get update\nFROM base\nCMD ["sh"]\n',
    },
    {
      name: 'distributions without a certain slim tag: no fix',
      code: 'FROM golang:1.23 AS build\nFROM ubuntu:22.04\n',
      errors: [{ messageId: 'fullNoSuggestion', at: '2:6-2:18', message: 'The final image is based on the full image "ubuntu:22.04"; use a slim, minimal or distroless variant to ship fewer packages' }],
    },
    { name: 'untagged full image', code: 'FROM centos\n', errors: [{ messageId: 'fullNoSuggestion', at: '1:6-1:12' }] },
    { name: 'full UBI', code: 'FROM registry.access.redhat.com/ubi8/ubi:8.9\n', errors: [{ messageId: 'fullNoSuggestion', at: '1:6-1:45' }] },
    {
      name: 'version from an ARG default: no fix, whole token',
      code: 'ARG PY=3.11\nFROM python:${PY}\n',
      errors: [{ messageId: 'fullNoSuggestion', at: '2:6-2:18' }],
    },
    {
      name: 'the fix keeps continuation lines, --platform and CRLF',
      code: 'FROM --platform=linux/amd64 \\\r\n  node:20 AS app\r\nCMD ["node"]\r\n',
      errors: [{ messageId: 'full', at: '2:3-2:10' }],
      output: 'FROM --platform=linux/amd64 \\\r\n  node:20-slim AS app\r\nCMD ["node"]\r\n',
    },
  ],
});
