import { describe, expect, it } from 'vitest';
import { EOL_DATA_TAKEN_ON, EOL_PRODUCTS } from '../../server/src/knowledge/eol-data';
import { imageCycle, isEndOfLife, oldestSupported, osCycle, whenText } from '../../server/src/knowledge/end-of-life';
import { parseImageRef } from '../../server/src/parse/image-ref';

const cycle = (image: string) => {
  const c = imageCycle(parseImageRef(image));
  return c ? `${c.product.id} ${c.cycle}` : null;
};
const os = (image: string) => {
  const c = osCycle(parseImageRef(image));
  return c ? `${c.product.id} ${c.cycle} @${c.span}` : null;
};
const now = new Date('2026-11-29');

describe('eol-data', () => {
  it('records when and where the data was taken', () => {
    expect(EOL_DATA_TAKEN_ON).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const p of EOL_PRODUCTS) {
      expect(p.sources.length, p.id).toBeGreaterThan(0);
      for (const s of p.sources) expect(s, p.id).toMatch(/^https:\/\//);
      expect(p.meaning.length, p.id).toBeGreaterThan(5);
    }
  });

  it('has well-formed, unique cycles and real calendar dates', () => {
    expect(new Set(EOL_PRODUCTS.map((p) => p.id)).size).toBe(EOL_PRODUCTS.length);
    for (const p of EOL_PRODUCTS) {
      const names = p.cycles.map((c) => c[0]);
      expect(new Set(names).size, p.id).toBe(names.length);
      const codenames = p.cycles.map((c) => c[2]).filter((c) => c);
      expect(new Set(codenames).size, p.id).toBe(codenames.length);
      for (const [name, eol, codename] of p.cycles) {
        expect(name, p.id).toMatch(/^\d{1,4}(\.\d{1,2})?$/);
        if (codename) expect(codename).toMatch(/^[a-z]+$/);
        if (eol === null) continue;
        expect(eol, `${p.id} ${name}`).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
        const d = new Date(eol.length === 7 ? `${eol}-01` : eol);
        expect(d.toISOString().startsWith(eol), `${p.id} ${name} ${eol}`).toBe(true);
      }
    }
  });
});

describe('imageCycle', () => {
  it('reads the release cycle from the tag', () => {
    expect(cycle('node:16-alpine')).toBe('nodejs 16');
    expect(cycle('node:16.20.2-bullseye-slim')).toBe('nodejs 16');
    expect(cycle('node:gallium-alpine3.16')).toBe('nodejs 16');
    expect(cycle('python:3.8-slim-buster')).toBe('python 3.8');
    expect(cycle('python:3.10')).toBe('python 3.10');
    expect(cycle('debian:stretch-slim')).toBe('debian 9');
    expect(cycle('debian:10.13')).toBe('debian 10');
    expect(cycle('ubuntu:bionic-20230530')).toBe('ubuntu 18.04');
    expect(cycle('alpine:3.12.1')).toBe('alpine 3.12');
    expect(cycle('golang:1.19.3-alpine')).toBe('go 1.19');
    expect(cycle('php:7.4-fpm')).toBe('php 7.4');
    expect(cycle('postgres:9.6.24')).toBe('postgresql 9.6');
    expect(cycle('postgres:13.3-bullseye')).toBe('postgresql 13');
    expect(cycle('centos:centos7.9.2009')).toBe('centos 7');
    expect(cycle('amazonlinux:2.0.20230727.0')).toBe('amazon-linux 2');
    expect(cycle('amazonlinux:2018.03.0.20230724.0')).toBe('amazon-linux 2018.03');
    expect(cycle('eclipse-temurin:19-jdk')).toBe('eclipse-temurin 19');
    expect(cycle('docker:27.3.1-dind')).toBe('docker-engine 27');
    expect(cycle('docker.io/library/mongo:4.4')).toBe('mongodb 4.4');
  });

  it('reads the cycle of UBI and distroless from the repository', () => {
    expect(cycle('registry.access.redhat.com/ubi8/ubi-minimal:8.9')).toBe('rhel 8');
    expect(cycle('redhat/ubi9')).toBe('rhel 9');
    expect(cycle('gcr.io/distroless/static-debian11:nonroot')).toBe('debian 11');
  });

  it('resolves a major-only tag only when its release line is closed', () => {
    expect(cycle('php:7')).toBe('php 7.4');
    expect(cycle('mysql:5')).toBe('mysql 5.7');
    expect(cycle('docker:24')).toBe('docker-engine 24.0');
    expect(cycle('python:3')).toBeNull();
    expect(cycle('mysql:8')).toBe('mysql 8.4');
    expect(cycle('nginx:1')).toBeNull();
  });

  it('leaves unknown images, channel tags, pre-releases and missing cycles alone', () => {
    for (const image of ['node', 'node:lts-alpine', 'python:3.14.0a3', 'python:3.13rc1', 'debian:stable', 'myorg/node:16', 'ghcr.io/x/python:3.8', 'eclipse-temurin:17', 'golang:1.2', 'docker:dind', 'amazoncorretto:8u392']) {
      expect(cycle(image), image).toBeNull();
    }
  });
});

describe('osCycle', () => {
  it('finds the distribution a tag is built on, with its offsets in the tag', () => {
    expect(os('python:3.8-slim-buster')).toBe('debian 10 @9,15');
    expect(os('node:16-alpine3.12')).toBe('alpine 3.12 @3,13');
    expect(os('eclipse-temurin:17-jdk-focal')).toBe('ubuntu 20.04 @7,12');
    expect(os('amazoncorretto:17-al2-jdk')).toBe('amazon-linux 2 @3,6');
    expect(os('nvidia/cuda:11.0-devel-ubuntu18.04')).toBe('ubuntu 18.04 @11,22');
  });

  it('needs a well-known image for codenames, and ignores OS images themselves', () => {
    expect(os('myorg/app:1.0-buster')).toBeNull();
    expect(os('debian:buster-slim')).toBeNull();
    expect(os('python:3.12-slim-bookworm')).toBe('debian 12 @10,18');
    expect(os('docker:20.10-dind-alpine3.12')).toBeNull();
  });
});

describe('dates', () => {
  it('counts a day from its start and a month from its end', () => {
    expect(isEndOfLife('2024-10-07', new Date('2024-10-06T23:59:59Z'))).toBe(false);
    expect(isEndOfLife('2024-10-07', new Date('2024-10-07T00:00:00Z'))).toBe(true);
    expect(isEndOfLife('2026-10', new Date('2026-10-31T23:59:59Z'))).toBe(false);
    expect(isEndOfLife('2026-10', new Date('2026-11-01T00:00:00Z'))).toBe(true);
    expect(isEndOfLife(null, now)).toBe(false);
    expect(whenText('2024-10-07')).toBe('on 2024-10-07');
    expect(whenText('2026-10')).toBe('in 2026-10');
  });

  it('finds the oldest release still supported', () => {
    const p = (id: string) => EOL_PRODUCTS.find((x) => x.id === id)!;
    expect(oldestSupported(p('nodejs'), now)).toBe('22');
    expect(oldestSupported(p('python'), now)).toBe('3.11');
    expect(oldestSupported(p('ubuntu'), now)).toBe('22.04');
    expect(oldestSupported(p('postgresql'), now)).toBe('15');
    expect(oldestSupported(p('centos'), now)).toBeNull();
  });
});
