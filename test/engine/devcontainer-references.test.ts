import { describe, expect, it } from 'vitest';
import { lint } from '../../server/src/engine/lint';
import { devcontainerReferences, referencedFindings } from '../../server/src/engine/devcontainer-references';
import type { Finding } from '../../server/src/core/types';
import { parseCount } from '../../server/src/parse/parse-count';
import { describeGrowth, screenedCpuGrowth, SUPERLINEAR_RATIO } from '../helpers/growth';

/**
 * Which findings of the Dockerfile or Compose file behind a dev container the checklist lists with
 * it: not those of services `runServices` leaves stopped, nor of the command `overrideCommand`
 * replaces.
 */

const DEV = '/work/project/.devcontainer/devcontainer.json';
const COMPOSE = '/work/project/compose.yaml';
const DOCKERFILE = '/work/project/.devcontainer/Dockerfile';

/** A finding at the start of a line (0-based). */
const at = (line: number): Finding => ({ ruleId: 'r', messageId: 'm', practice: 9, severity: 'warning', message: 'm', range: { start: { line, character: 0 }, end: { line, character: 1 } }, fixes: [] }) as unknown as Finding;

const lines = (fs: Finding[]) => fs.map((f) => `${f.ruleId}@${f.range.start.line + 1}`);

describe('referencedFindings', () => {
  it('keeps the findings of the services that start, and drops those of the command the tools replace', () => {
    const dev = '{ "dockerComposeFile": "../compose.yaml", "service": "app", "runServices": ["app", "db"], "overrideCommand": true }';
    expect(devcontainerReferences(dev, DEV)).toEqual([{ path: COMPOSE, kind: 'compose' }]);
    const compose = 'services:\n  app:\n    image: node:22\n    privileged: true\n    command: ["sh", "-c", "curl http://x | sh"]\n  db:\n    image: postgres:16\n    privileged: true\n  tools:\n    image: busybox:1.36\n    privileged: true\n';
    const findings = [...lint({ text: compose, kind: 'compose', uri: COMPOSE }, {}).filter((f) => f.ruleId === 'no-privileged'), at(4)];
    expect(lines(findings)).toContain('no-privileged@11');
    const kept = referencedFindings(dev, DEV, { path: COMPOSE, kind: 'compose' }, compose, findings);
    expect(lines(kept).filter((l) => l.startsWith('no-privileged'))).toEqual(['no-privileged@4', 'no-privileged@8']);
    expect(kept.some((f) => f.range.start.line === 4)).toBe(false);
  });

  it('reads the referenced file through the models the dev container\'s own analysis kept: no parse again', () => {
    const dev = '{ "dockerComposeFile": "../compose.yaml", "service": "app" }';
    const compose = 'services:\n  app:\n    image: node:22\n    privileged: true\n  # referenced, not parsed again\n';
    const findings = lint({ text: compose, kind: 'compose', uri: COMPOSE }, {});
    lint({ text: dev, kind: 'devcontainer', uri: DEV, related: { read: (p) => (p === COMPOSE ? compose : undefined) } }, {});
    const before = parseCount.compose;
    expect(referencedFindings(dev, DEV, { path: COMPOSE, kind: 'compose' }, compose, findings)).toHaveLength(findings.length);
    expect(parseCount.compose - before).toBe(0);
  });

  it('gives a finding on a line two flow-style services share to the first of them', () => {
    const dev = '{ "dockerComposeFile": "../compose.yaml", "service": "a", "runServices": ["a"] }';
    const compose = 'services: {a: {image: "x:1", privileged: true}, b: {image: "y:1", privileged: true}}\n';
    const findings = lint({ text: compose, kind: 'compose', uri: COMPOSE }, {}).filter((f) => f.ruleId === 'no-privileged');
    expect(findings).toHaveLength(2);
    // Both are on line 1, which service a's lines hold first: both stay.
    expect(referencedFindings(dev, DEV, { path: COMPOSE, kind: 'compose' }, compose, findings)).toHaveLength(2);
  });

  it('drops a Dockerfile finding inside a CMD the tools replace, whatever its line in that CMD', () => {
    const dev = '{ "build": { "dockerfile": "Dockerfile" } }';
    const df = 'FROM node:22.11.0\nUSER node\nCMD curl http://example.com/x \\\n  | sh\nRUN curl http://example.com/y | sh\n';
    const kept = referencedFindings(dev, DEV, { path: DOCKERFILE, kind: 'dockerfile' }, df, [at(0), at(2), at(3), at(4)]);
    expect(kept.map((f) => f.range.start.line)).toEqual([0, 4]);
  });

  // A repository writes both: 10x the services and 10x the findings must cost about 10x, not 100x.
  it('costs the sum of services and findings, not their product', () => {
    const dev = '{ "dockerComposeFile": "../compose.yaml", "service": "s0", "runServices": ["s0", "s2"] }';
    // Each service takes three lines; 300 findings on each (the same three objects over and over, to keep the memory small).
    const input = (n: number) => {
      const onLine = Array.from({ length: 1 + 3 * n }, (_, line) => at(line));
      return {
        compose: `services:\n${Array.from({ length: n }, (_, i) => `  s${i}:\n    image: nginx:1.27\n    privileged: true\n`).join('')}`,
        findings: Array.from({ length: 300 * n }, (_, k) => onLine[1 + 3 * Math.floor(k / 300) + (k % 3)]),
      };
    };
    const run = (x: { compose: string; findings: Finding[] }) => {
      const kept = referencedFindings(dev, DEV, { path: COMPOSE, kind: 'compose' }, x.compose, x.findings);
      expect(kept).toHaveLength(600);
    };
    const g = screenedCpuGrowth(input, run, 300);
    expect(g.ratio, describeGrowth(g, 300)).toBeLessThanOrEqual(SUPERLINEAR_RATIO);
  });
});
