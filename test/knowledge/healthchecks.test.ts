import { describe, expect, it } from 'vitest';
import { knownHealthcheckTest, serviceHealthcheck } from '../../server/src/knowledge/healthchecks';
import { parseCompose } from '../../server/src/parse/compose';

function status(text: string, files: Record<string, string> = {}, name = 'db') {
  const model = parseCompose(text);
  return serviceHealthcheck(model, model.services.find((s) => s.name === name)!, '/work/p/compose.yaml', { read: (p) => files[p] });
}

describe('serviceHealthcheck', () => {
  it('finds a Compose test, or a test turned off', () => {
    expect(status('services:\n  db:\n    image: x\n    healthcheck:\n      test: ["CMD", "true"]\n')).toEqual({ kind: 'defined', where: 'compose' });
    expect(status('services:\n  db:\n    image: x\n    healthcheck:\n      test: ["NONE"]\n')).toEqual({ kind: 'disabled', where: 'compose' });
    expect(status('services:\n  db:\n    image: x\n    healthcheck: {test: ["CMD", "true"], disable: true}\n')).toEqual({ kind: 'disabled', where: 'compose' });
  });

  it('reads the built Dockerfile when Compose has no test', () => {
    const t = 'services:\n  db:\n    build: .\n';
    expect(status(t, { '/work/p/Dockerfile': 'FROM x\nHEALTHCHECK CMD true\n' })).toEqual({ kind: 'defined', where: 'dockerfile' });
    expect(status(t, { '/work/p/Dockerfile': 'FROM x\nHEALTHCHECK NONE\n' })).toEqual({ kind: 'disabled', where: 'dockerfile' });
    expect(status(t, { '/work/p/Dockerfile': 'FROM x\nCMD run\n' })).toEqual({ kind: 'missing', dockerfile: 'Dockerfile' });
    expect(status(t)).toEqual({ kind: 'unknown' });
    expect(status('services:\n  db:\n    build: {context: ., target: a}\n', { '/work/p/Dockerfile': 'FROM x AS a\nFROM x\nHEALTHCHECK CMD true\n' })).toEqual({ kind: 'missing', dockerfile: 'Dockerfile' });
  });

  it('falls back to the image, and to unknown when nothing can be said', () => {
    expect(status('services:\n  db:\n    image: postgres:16\n')).toEqual({ kind: 'image', image: 'postgres:16' });
    expect(status('services:\n  db:\n    image: $IMG\n')).toEqual({ kind: 'unknown' });
    expect(status('services:\n  db:\n    environment: {A: b}\n')).toEqual({ kind: 'unknown' });
    expect(status('services:\n  db:\n    extends: {file: b.yaml, service: db}\n')).toEqual({ kind: 'unknown' });
  });

  it('follows extends and merge keys', () => {
    expect(status('services:\n  base:\n    image: x\n    healthcheck: {test: "true"}\n  db:\n    extends: base\n')).toEqual({ kind: 'defined', where: 'compose' });
    expect(status('services:\n  base:\n    image: x\n    healthcheck: {test: "true"}\n  db:\n    extends: base\n    healthcheck: {disable: true}\n')).toEqual({ kind: 'disabled', where: 'compose' });
    expect(status('x-h: &h\n  healthcheck: {test: "true"}\nservices:\n  db:\n    <<: *h\n    image: x\n')).toEqual({ kind: 'defined', where: 'compose' });
  });
});

describe('knownHealthcheckTest', () => {
  it('knows official database images however they are spelled', () => {
    expect(knownHealthcheckTest('postgres:16')).toContain('pg_isready');
    expect(knownHealthcheckTest('docker.io/library/redis:7.4@sha256:' + 'a'.repeat(64))).toContain('redis-cli');
    expect(knownHealthcheckTest('mariadb')).toContain('healthcheck.sh');
    expect(knownHealthcheckTest('ghcr.io/acme/postgres:16')).toBeNull();
    expect(knownHealthcheckTest('${DB_IMAGE}')).toBeNull();
  });
});
