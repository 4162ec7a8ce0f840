import { expect, it } from 'vitest';
import { imageFamily } from '../../server/src/knowledge/image-family';
import { parseImageRef } from '../../server/src/parse/image-ref';

const family = (ref: string) => imageFamily(parseImageRef(ref));

it('tells the user tools a base image has from its name and tag', () => {
  const cases: [string, string][] = [
    ['debian:12-slim', 'debian'],
    ['ubuntu', 'debian'],
    ['python:3.12-slim-bookworm', 'debian'],
    ['node:22', 'debian'],
    ['docker.io/library/golang:1.23', 'debian'],
    ['mcr.microsoft.com/dotnet/aspnet:8.0', 'debian'],
    ['someone/app:1.0-bookworm', 'other'],
    ['python:3.12-alpine3.20', 'alpine'],
    ['alpine:3.20', 'alpine'],
    ['nginx:1.27-alpine-slim', 'alpine'],
    ['busybox:1.36-musl', 'busybox'],
    ['fedora:40', 'rhel'],
    ['rockylinux:9', 'rhel'],
    ['registry.access.redhat.com/ubi9/ubi:9.4', 'rhel'],
    ['registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'other'],
    ['oraclelinux:9-slim', 'other'],
    ['eclipse-temurin:21-jre-ubi9-minimal', 'other'],
    ['maven:3-amazoncorretto-21', 'other'],
    ['mcr.microsoft.com/dotnet/runtime:8.0-jammy-chiseled', 'other'],
    ['gcr.io/distroless/static-debian12:nonroot', 'distroless'],
    ['cgr.dev/chainguard/node:latest', 'distroless'],
    ['scratch', 'scratch'],
    ['example.com/scratch', 'other'],
    ['amazonlinux:2023', 'other'],
    ['ghcr.io/acme/app:1.2', 'other'],
  ];
  for (const [ref, expected] of cases) expect(family(ref), ref).toBe(expected);
  expect(imageFamily(null)).toBe('other');
});
