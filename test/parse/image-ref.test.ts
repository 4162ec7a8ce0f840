import { expect, it } from 'vitest';
import { parseImageRef } from '../../server/src/parse/image-ref';
import { substitute } from '../../server/src/parse/variables';

it('parses image references: registry, repository, tag, digest', () => {
  const pick = (s: string) => {
    const r = parseImageRef(s);
    return [r.registry, r.effectiveRegistry, r.repository, r.name, r.tag, r.digest];
  };
  expect(pick('nginx')).toEqual([null, 'docker.io', 'library/nginx', 'nginx', null, null]);
  expect(pick('bitnami/redis:7.4')).toEqual([null, 'docker.io', 'bitnami/redis', 'redis', '7.4', null]);
  expect(pick('localhost:5000/app:1')).toEqual(['localhost:5000', 'localhost:5000', 'app', 'app', '1', null]);
  expect(pick('ghcr.io/o/r@sha256:abc')).toEqual(['ghcr.io', 'ghcr.io', 'o/r', 'r', null, 'sha256:abc']);
  expect(pick('docker.io/library/node:22-slim')).toEqual(['docker.io', 'docker.io', 'library/node', 'node', '22-slim', null]);
});

it('substitutes variables the way Dockerfile ARG and Compose interpolation do', () => {
  const vars: Record<string, string> = { A: 'a', E: '' };
  const look = (n: string) => vars[n];
  expect(substitute('$A/${A}/${B:-d}/${B-d}/${E:-d}/${E-d}/${A:+alt}/$$', look)).toEqual({ value: 'a/a/d/d/d//alt/$', unresolved: [] });
  expect(substitute('${B}${C:?required}', look)).toEqual({ value: '', unresolved: ['B', 'C'] });
  expect(substitute('${A:-${B:-nested}}', () => undefined).value).toBe('nested');
  expect(substitute('${unclosed', look).value).toBe('${unclosed');
});
