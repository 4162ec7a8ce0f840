import { describe, expect, it } from 'vitest';
import { isFullImage, isToolchainImage, knownImage, slimTag } from '../../server/src/knowledge/base-images';
import { parseImageRef } from '../../server/src/parse/image-ref';

const kind = (image: string) => knownImage(parseImageRef(image))?.kind ?? null;
const slim = (image: string) => {
  const ref = parseImageRef(image);
  const full = isFullImage(ref);
  return full ? slimTag(ref, full) ?? 'full' : null;
};
const tool = (image: string) => isToolchainImage(parseImageRef(image));

describe('knownImage', () => {
  it('knows official images by kind, in any spelling of Docker Hub', () => {
    expect(kind('debian:12')).toBe('os');
    expect(kind('docker.io/library/python:3.12')).toBe('runtime');
    expect(kind('index.docker.io/library/golang')).toBe('toolchain');
    expect(kind('postgres:16')).toBe('server');
    expect(kind('docker:27-dind')).toBe('docker');
    expect(kind('rockylinux/rockylinux:9')).toBe('os');
    expect(kind('registry.access.redhat.com/ubi9/ubi-minimal')).toBe('os');
    expect(kind('gcr.io/distroless/base-debian12')).toBe('os');
  });

  it('does not claim look-alikes', () => {
    expect(kind('myorg/python:3.12')).toBeNull();
    expect(kind('ghcr.io/acme/debian:12')).toBeNull();
    expect(kind('quay.io/ubi8/ubi')).toBeNull();
    expect(kind('example.com/distroless/static-debian11')).toBeNull();
  });
});

describe('isFullImage and slimTag', () => {
  it('suggests the same-version slim tag where the naming is certain', () => {
    expect(slim('python:3.12')).toBe('3.12-slim');
    expect(slim('python:3.12.7-bookworm')).toBe('3.12.7-slim-bookworm');
    expect(slim('node:22-bookworm')).toBe('22-bookworm-slim');
    expect(slim('ruby:3.3')).toBe('3.3-slim');
    expect(slim('perl:5.38')).toBe('5.38-slim');
    expect(slim('debian:12')).toBe('12-slim');
    expect(slim('debian:bullseye-20240110')).toBe('bullseye-20240110-slim');
  });

  it('reports full images without a certain slim tag', () => {
    for (const image of ['ubuntu:24.04', 'centos:7', 'fedora:40', 'amazonlinux:2023', 'python', 'node:lts', 'python:3.12-bookworm-extra', 'registry.redhat.io/ubi9/ubi']) {
      expect(slim(image), image).toBe('full');
    }
  });

  it('passes minimal variants, toolchains, php and unknown images', () => {
    for (const image of ['python:3.12-slim', 'node:22-alpine3.20', 'debian:bookworm-slim', 'alpine:3.20', 'busybox', 'ubi9/ubi-micro', 'golang:1.23', 'php:8.3-apache', 'myorg/ubuntu:22.04', 'python:3.12-windowsservercore']) {
      expect(slim(image), image).toBeNull();
    }
  });
});

describe('isToolchainImage', () => {
  it('recognises compilers, SDKs and JDKs but not JREs', () => {
    for (const image of ['golang:1.23-alpine', 'rust:1.80', 'gcc:14', 'maven:3.9', 'gradle:8-jdk21', 'buildpack-deps:bookworm', 'openjdk:17', 'eclipse-temurin:21-jdk', 'mcr.microsoft.com/dotnet/sdk:8.0']) {
      expect(tool(image), image).toBe(true);
    }
    for (const image of ['eclipse-temurin:21-jre', 'openjdk:11-jre-slim', 'mcr.microsoft.com/dotnet/aspnet:8.0', 'node:22', 'myorg/golang:1.23']) {
      expect(tool(image), image).toBe(false);
    }
  });
});
