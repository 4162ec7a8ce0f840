import { describe, expect, it } from 'vitest';
import { buildStage, dockerignoreCandidates, readServiceDockerfile, serviceBuild } from '../../server/src/knowledge/compose-build';
import { parseCompose } from '../../server/src/parse/compose';
import { parseDockerfile } from '../../server/src/parse/dockerfile';
import { parseCount } from '../../server/src/parse/parse-count';
import { lintDetailed } from '../../server/src/engine/lint';

const URI = '/work/project/compose.yaml';

function build(text: string, name = 'app', uri: string | undefined = URI) {
  const model = parseCompose(text);
  const b = serviceBuild(model, model.services.find((s) => s.name === name)!, uri);
  return b && { contextDir: b.contextDir, dockerfilePath: b.dockerfilePath, target: b.target, label: b.label, inline: b.inline };
}

describe('serviceBuild', () => {
  it('reads the short form: a context directory with its Dockerfile', () => {
    expect(build('services:\n  app:\n    build: ./api\n')).toEqual({
      contextDir: '/work/project/api',
      dockerfilePath: '/work/project/api/Dockerfile',
      target: null,
      label: 'api/Dockerfile',
      inline: null,
    });
  });

  it('reads the long form: dockerfile relative to the context, absolute dockerfile, target', () => {
    expect(build('services:\n  app:\n    build:\n      context: ../svc\n      dockerfile: docker/prod.Dockerfile\n      target: runtime\n')).toEqual({
      contextDir: '/work/svc',
      dockerfilePath: '/work/svc/docker/prod.Dockerfile',
      target: 'runtime',
      label: '../svc/docker/prod.Dockerfile',
      inline: null,
    });
    expect(build('services:\n  app:\n    build: {dockerfile: /opt/Dockerfile}\n')?.dockerfilePath).toBe('/opt/Dockerfile');
  });

  it('reads dockerfile_inline', () => {
    expect(build('services:\n  app:\n    build:\n      dockerfile_inline: "FROM alpine:3.20"\n')).toMatchObject({ dockerfilePath: null, inline: 'FROM alpine:3.20', label: 'dockerfile_inline' });
  });

  it('merges build keys along extends, the nearest service winning', () => {
    const text = 'services:\n  base:\n    build:\n      context: ./app\n      target: prod\n  app:\n    extends: base\n    build:\n      target: dev\n';
    expect(build(text)).toMatchObject({ contextDir: '/work/project/app', target: 'dev' });
  });

  it('sees a build brought in by a merge key', () => {
    expect(build('x-b: &b\n  build: ./web\nservices:\n  app:\n    <<: *b\n')?.contextDir).toBe('/work/project/web');
  });

  it('gives up on what needs the environment or the network', () => {
    expect(build('services:\n  app:\n    build: ${DIR}\n')).toBeNull();
    expect(build('services:\n  app:\n    build: {context: ., dockerfile: "${DF}"}\n')).toBeNull();
    expect(build('services:\n  app:\n    build: {context: ., target: "${T}"}\n')).toBeNull();
    expect(build('services:\n  app:\n    build: https://github.com/x/y.git\n')).toBeNull();
    expect(build('services:\n  app:\n    extends: {file: other.yaml, service: app}\n')).toBeNull();
    expect(build('services:\n  app:\n    build: .\n', 'app', 'untitled:1')).toBeNull();
    expect(build('services:\n  app:\n    image: x:1\n')).toBeNull();
  });
});

describe('buildStage and readServiceDockerfile', () => {
  const df = parseDockerfile('FROM a:1 AS Build\nFROM b:1 AS final\n');
  it('picks the target stage case-insensitively, else the final stage', () => {
    expect(buildStage(df, 'build')?.index).toBe(0);
    expect(buildStage(df, null)?.index).toBe(1);
    expect(buildStage(df, 'missing')).toBeNull();
  });

  it('reads the Dockerfile through the related-file reader only', () => {
    const model = parseCompose('services:\n  app:\n    build: .\n');
    const svc = model.services[0];
    expect(readServiceDockerfile(model, svc, URI, undefined)).toBeNull();
    expect(readServiceDockerfile(model, svc, URI, { read: () => undefined })).toBeNull();
    const built = readServiceDockerfile(model, svc, URI, { read: (p) => (p === '/work/project/Dockerfile' ? 'FROM alpine:3.20\n' : undefined) });
    expect(built?.stage.image?.text).toBe('alpine:3.20');
  });

  it('parses each Dockerfile text once per analysis, however many services build it', () => {
    // 300 services: 200 build the same Dockerfile (one as dockerfile_inline with the same text), 100 another with two targets.
    const services = Array.from({ length: 300 }, (_, i) =>
      i === 0 ? `  s${i}:\n    build:\n      dockerfile_inline: "FROM alpine:3.20"\n` : i < 200 ? `  s${i}:\n    build: .\n` : `  s${i}:\n    build: {context: ./other, target: ${i % 2 ? 'a' : 'b'}}\n`,
    );
    const files: Record<string, string> = { '/work/project/Dockerfile': 'FROM alpine:3.20', '/work/project/other/Dockerfile': 'FROM alpine:3.20 AS a\nUSER 10001\nFROM alpine:3.20 AS b\n' };
    const before = parseCount.dockerfile;
    const result = lintDetailed({ text: `services:\n${services.join('')}`, kind: 'compose', uri: URI, related: { read: (p) => files[p] } }, {});
    expect(parseCount.dockerfile - before).toBe(2);
    // Every service still gets its own answer: the root default for all but the 50 whose target sets USER.
    expect(result.findings.filter((f) => f.ruleId === 'compose-build-user')).toHaveLength(250);
  });
});

describe('dockerignoreCandidates', () => {
  it('puts <Dockerfile>.dockerignore before the context\'s .dockerignore', () => {
    expect(dockerignoreCandidates('/work/project/docker/Dockerfile.prod', '/work/project')).toEqual([
      '/work/project/docker/Dockerfile.prod.dockerignore',
      '/work/project/.dockerignore',
    ]);
    expect(dockerignoreCandidates(null, '/work/project')).toEqual(['/work/project/.dockerignore']);
  });
});
