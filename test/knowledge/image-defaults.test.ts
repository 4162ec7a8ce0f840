import { describe, expect, it } from 'vitest';
import { definesHealthcheck, IMAGE_DEFAULTS, runsAsNonRoot } from '../../server/src/knowledge/image-defaults';
import { isWindowsDockerfile, WINDOWS_IMAGE } from '../../server/src/knowledge/windows';
import { parseDockerfile } from '../../server/src/parse/dockerfile';
import { parseImageRef } from '../../server/src/parse/image-ref';

const nonRoot = (image: string) => runsAsNonRoot(parseImageRef(image))?.user ?? null;
const healthcheck = (image: string) => definesHealthcheck(parseImageRef(image)) !== undefined;

describe('images known to run as a non-root user or to define a HEALTHCHECK', () => {
  it('every entry states a fact and where it was read', () => {
    for (const d of IMAGE_DEFAULTS) {
      expect(d.user !== undefined || d.healthcheck === true, d.label).toBe(true);
      expect(d.source, d.label).toMatch(/https:\/\//);
      expect(d.patterns.length, d.label).toBeGreaterThan(0);
    }
  });

  it('matches images as written in FROM and image:, with or without the registry', () => {
    expect(nonRoot('jenkins/jenkins:lts-jdk17')).toBe('jenkins');
    expect(nonRoot('docker.io/jenkins/jenkins')).toBe('jenkins');
    expect(nonRoot('grafana/grafana-oss:10.4.2')).toBe('472 (grafana)');
    expect(nonRoot('bitnami/redis:7.4')).toBe('1001');
    expect(nonRoot('quay.io/jupyter/base-notebook:latest')).toBe('1000 (jovyan)');
    expect(nonRoot('selenium/node-firefox:4.25.0')).toBe('1200 (seluser)');
    expect(nonRoot('solr:9')).toBe('8983 (solr)');
    expect(nonRoot('mcr.microsoft.com/mssql/server:2019-latest')).toBe('10001 (mssql)');
    expect(nonRoot('mcr.microsoft.com/mssql/server')).toBe('10001 (mssql)');
  });

  it('leaves look-alikes alone', () => {
    expect(nonRoot('bitnami/minideb:bookworm')).toBeNull();
    expect(nonRoot('mcr.microsoft.com/mssql/server:2017-CU31-ubuntu-18.04')).toBeNull();
    expect(nonRoot('jenkins/inbound-agent:latest')).toBeNull();
    expect(nonRoot('myorg/grafana:1')).toBeNull();
    expect(nonRoot('ghcr.io/bitnami/postgresql:16')).toBeNull();
    expect(healthcheck('quay.io/jupyter/docker-stacks-foundation:latest')).toBe(false);
    expect(healthcheck('quay.io/jupyter/scipy-notebook:latest')).toBe(true);
    expect(healthcheck('vaultwarden/server:latest')).toBe(true);
    expect(healthcheck('postgres:17')).toBe(false);
  });
});

describe('Windows images and Dockerfiles', () => {
  it('recognises Windows image names', () => {
    for (const w of ['mcr.microsoft.com/windows/nanoserver:ltsc2022', 'mcr.microsoft.com/windows/servercore:ltsc2025', 'golang:1.23-windowsservercore-ltsc2022', 'python:3.13-windowsservercore', 'microsoft/mssql-server-windows-express:2016-sp1', 'stefanscherer/node-windows:6.9.2-nano', 'mcr.microsoft.com/windows:ltsc2019']) {
      expect(WINDOWS_IMAGE.test(w), w).toBe(true);
    }
    for (const l of ['nginx:1.27', 'windowmaker/app:1', 'alpine:3.20', 'mcr.microsoft.com/dotnet/aspnet:8.0']) expect(WINDOWS_IMAGE.test(l), l).toBe(false);
  });

  it('a known base image decides; a variable base falls back to the escape character and SHELL', () => {
    expect(isWindowsDockerfile(parseDockerfile('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n'))).toBe(true);
    expect(isWindowsDockerfile(parseDockerfile('# escape=`\nFROM alpine:3.20\n'))).toBe(false);
    expect(isWindowsDockerfile(parseDockerfile('FROM mcr.microsoft.com/powershell:7.4-ubuntu-22.04\nSHELL ["pwsh", "-Command"]\n'))).toBe(false);
    expect(isWindowsDockerfile(parseDockerfile('# escape=`\nARG BASE\nFROM ${BASE}\n'))).toBe(true);
    expect(isWindowsDockerfile(parseDockerfile('ARG BASE\nFROM $BASE\nSHELL ["C:\\\\Windows\\\\System32\\\\cmd.exe", "/S", "/C"]\n'))).toBe(true);
    expect(isWindowsDockerfile(parseDockerfile('ARG BASE\nFROM $BASE\nSHELL ["/bin/bash", "-c"]\n'))).toBe(false);
    expect(isWindowsDockerfile(parseDockerfile('FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\nFROM base\nCMD ["x"]\n'))).toBe(true);
  });
});
