import { describe, expect, it } from 'vitest';
import { tagProblem } from '../../server/src/knowledge/image-tags';
import { parseImageRef } from '../../server/src/parse/image-ref';

const problem = (ref: string) => tagProblem(parseImageRef(ref));

describe('tagProblem', () => {
  it('flags missing tags, latest and channel tags', () => {
    expect(problem('nginx')).toBe('untagged');
    expect(problem('localhost:5000/team/app')).toBe('untagged');
    expect(problem('nginx:latest')).toBe('latest');
    expect(problem('nginx:LATEST')).toBe('latest');
    for (const t of ['stable', 'edge', 'lts', 'current', 'nightly', 'rolling', 'mainline', 'devel', 'dev', 'beta', 'canary', 'test', 'testing', 'unstable']) {
      expect(problem(`img:${t}`), t).toBe('floating');
    }
    expect(problem('node:lts-alpine')).toBe('floating');
    expect(problem('debian:stable-slim')).toBe('floating');
    expect(problem('app:latest-slim')).toBe('floating');
  });

  it('accepts digests, versions and major-only tags', () => {
    expect(problem('nginx@sha256:' + 'a'.repeat(64))).toBeNull();
    expect(problem('nginx:latest@sha256:' + 'a'.repeat(64))).toBeNull();
    expect(problem('nginx:1.27.2-alpine')).toBeNull();
    expect(problem('node:22')).toBeNull();
    expect(problem('python:3')).toBeNull();
    expect(problem('nvidia/cuda:12.2.0-devel-ubuntu22.04')).toBeNull();
    expect(problem('mcr.microsoft.com/windows/servercore:ltsc2022')).toBeNull();
    expect(problem('registry.example.com:5000/app:2024.10.1')).toBeNull();
    expect(problem('ubuntu:jammy')).toBeNull();
  });

  it('does not judge invalid (upper-case) placeholder names', () => {
    expect(problem('REPLACE-ME')).toBeNull();
  });
});
