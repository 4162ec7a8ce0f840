import { describe, expect, it } from 'vitest';
import { lintDetailed } from '../../server/src/engine/lint';
import { relatedCompose, relatedDockerfile } from '../../server/src/knowledge/related-models';
import { parseCount } from '../../server/src/parse/parse-count';

/**
 * The Dockerfiles other files build are parsed once across analyses while they are kept: a folder of
 * Compose files building one Dockerfile, or keystrokes in one such Compose file.
 */

const COMPOSE = '/work/project/compose.yaml';

describe('relatedDockerfile', () => {
  it('Compose files analysed one after another share the model of the Dockerfile they build', () => {
    const dockerfile = 'FROM python:3.12-slim\n# shared by the Compose files of this test\nCMD ["python", "app.py"]\n';
    const lintCompose = (text: string) => lintDetailed({ text, kind: 'compose', uri: COMPOSE, related: { read: (p) => (p === '/work/project/Dockerfile' ? dockerfile : undefined) } }, {});
    const before = parseCount.dockerfile;
    const results = ['services:\n  api:\n    build: .\n', 'services:\n  api:\n    build: .\n    user: "10001"\n', 'services:\n  worker:\n    build: {context: .}\n'].map(lintCompose);
    expect(parseCount.dockerfile - before).toBe(1);
    // Each analysis still answers for itself: the one that sets user: has no root finding.
    expect(results.map((r) => r.findings.filter((f) => f.ruleId === 'compose-build-user').length)).toEqual([1, 0, 1]);
  });

  it('dev containers analysed one after another share the model of the Compose file they start', () => {
    const compose = 'services:\n  dev:\n    image: python:3.12\n  # shared by the dev containers of this test\n';
    const lintDev = (text: string) => lintDetailed({ text, kind: 'devcontainer', uri: '/work/project/.devcontainer/devcontainer.json', related: { read: (p) => (p === COMPOSE ? compose : undefined) } }, {});
    const before = parseCount.compose;
    const results = ['{ "dockerComposeFile": "../compose.yaml", "service": "dev" }', '{ "dockerComposeFile": ["../compose.yaml"], "service": "dev", "remoteUser": "1000" }', '{ "dockerComposeFile": "../compose.yaml", "service": "dev", "name": "x" }'].map(lintDev);
    expect(parseCount.compose - before).toBe(1);
    expect(results.map((r) => r.findings.filter((f) => f.messageId === 'devcontainerDefaultRoot').length)).toEqual([1, 0, 1]);
    expect(relatedCompose(compose) === relatedCompose(` ${compose}`.slice(1))).toBe(true);
  });

  it('keeps up to 16 short texts and the last long one', () => {
    const short = (i: number) => `FROM alpine:3.20\nLABEL n="${i}"\n`;
    const long = (tag: string) => `FROM alpine:3.20\n${'RUN true\n'.repeat(8000)}LABEL tag="${tag}"\n`;
    expect(long('a').length).toBeGreaterThan(64 * 1024);
    // Identities compared as booleans: a failing toBe would print two whole models.
    const first = relatedDockerfile(short(0));
    expect(relatedDockerfile(` ${short(0)}`.slice(1)) === first).toBe(true);
    const a = relatedDockerfile(long('a'));
    expect(relatedDockerfile(long('a')) === a).toBe(true);
    const b = relatedDockerfile(long('b'));
    expect(b === a).toBe(false);
    const a2 = relatedDockerfile(long('a'));
    expect(a2 === a).toBe(false);
    expect(a2.instructions.length).toBe(a.instructions.length);
    // 16 short texts later the cache has started again: the first is parsed afresh, to an equal model.
    for (let i = 1; i <= 16; i++) relatedDockerfile(short(i));
    const again = relatedDockerfile(short(0));
    expect(again === first).toBe(false);
    expect(again.instructions.map((i) => i.keyword)).toEqual(first.instructions.map((i) => i.keyword));
  });
});
