import { describe, expect, it } from 'vitest';
import { buildChecklist, type ChecklistFile } from '../../server/src/engine/checklist';
import { hashString } from '../../server/src/engine/checklist-basis';
import { lintDetailed } from '../../server/src/engine/lint';
import { explainChange, setTick, tickStates, type Ticks } from '../../server/src/shared/checklist-ticks';
import type { ChecklistReport } from '../../server/src/shared/checklist-report';
import type { LintConfig, Target } from '../../server/src/core/types';

/** Fingerprints with the real rules: what clears a tick, and what must not. */

const NOW: LintConfig = { now: new Date('2025-01-15T00:00:00Z') };

const COMPOSE = [
  'services:',
  '  web:',
  '    image: nginx:1.27.3',
  '    user: "10001"',
  '    read_only: true',
  '    cap_drop: [ALL]',
  '    security_opt: ["no-new-privileges:true"]',
  '    healthcheck:',
  '      test: ["CMD", "wget", "-qO-", "http://127.0.0.1/"]',
  '    deploy:',
  '      resources:',
  '        limits: { memory: 256m, cpus: "1", pids: 100 }',
  '  db:',
  '    image: postgres:16.4',
  '    user: "999"',
  '',
].join('\n');
const DOCKERFILE = '# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nUSER 10001\nCMD ["python", "app.py"]\n';

function file(path: string, kind: Target, text: string, config: LintConfig = NOW): ChecklistFile {
  return { path, kind, text, ...lintDetailed({ kind, text, uri: `/ws/${path}` }, config), config };
}

function report(composeText = COMPOSE, extra: ChecklistFile[] = [], config: LintConfig = NOW): ChecklistReport {
  return buildChecklist([file('compose.yaml', 'compose', composeText, config), file('app/Dockerfile', 'dockerfile', DOCKERFILE), ...extra], { config });
}

const fingerprints = (r: ChecklistReport) => new Map(r.practices.map((p) => [p.practice, p.fingerprint]));
/** The practices whose fingerprint differs. */
function changed(a: ChecklistReport, b: ChecklistReport): number[] {
  const fa = fingerprints(a);
  return b.practices.filter((p) => fa.get(p.practice) !== p.fingerprint).map((p) => p.practice);
}

describe('checklist fingerprints', () => {
  const before = report();

  it('are 16 hex digits, the same for the same state', () => {
    expect(before.practices.every((p) => /^[0-9a-f]{16}$/.test(p.fingerprint))).toBe(true);
    expect(changed(before, report())).toEqual([]);
  });

  it('comments, blank lines, indentation style and unrelated keys change none', () => {
    const commented = COMPOSE.replace('  db:\n', '  # the database\n\n  db:\n').replace('services:\n', '# Production stack\nservices:\n');
    expect(changed(before, report(commented))).toEqual([]);
    const unrelated = COMPOSE.replace('  db:\n', '  db:\n    labels: { team: shop }\n');
    expect(changed(before, report(unrelated))).toEqual([]);
    const flow = COMPOSE.replace('    cap_drop: [ALL]\n', '    cap_drop:\n      - ALL\n');
    expect(changed(before, report(flow))).toEqual([]);
  });

  it('an edit that adds a finding changes only its practice, and undoing it restores the fingerprint', () => {
    const privileged = COMPOSE.replace('    read_only: true\n', '    read_only: true\n    privileged: true\n');
    const after = report(privileged);
    expect(changed(before, after)).toEqual([3]);
    expect(changed(before, report(COMPOSE))).toEqual([]);
  });

  it('a finding that moves (lines inserted above it) keeps its identity', () => {
    const withFinding = COMPOSE.replace('    user: "999"\n', '    user: "999"\n    privileged: true\n');
    const moved = withFinding.replace('  web:\n', '  # front end\n  # served by nginx\n  web:\n');
    expect(changed(report(withFinding), report(moved))).toEqual([]);
    // A second identical finding is a change.
    const twice = withFinding.replace('    read_only: true\n', '    read_only: true\n    privileged: true\n');
    expect(changed(report(withFinding), report(twice))).toEqual([3]);
  });

  it('a new suppression, or a changed reason, changes the practice', () => {
    const ignored = (reason: string) => COMPOSE.replace('    user: "999"\n', `    user: "999"\n    # bulkhead-ignore no-privileged${reason}\n    privileged: true\n`);
    const a = report(ignored(' -- Docker-in-Docker'));
    expect(changed(before, a)).toContain(3);
    expect(changed(a, report(ignored(' -- Docker-in-Docker')))).toEqual([]);
    expect(changed(a, report(ignored(' -- another reason')))).toEqual([3]);
  });

  it('settings that change what was checked change the practices of those rules', () => {
    const off: LintConfig = { ...NOW, rules: { 'bind-ports-to-localhost': 'off' } };
    expect(changed(before, report(COMPOSE, [], off))).toEqual([6]);
    const registries: LintConfig = { ...NOW, trustedRegistries: ['docker.io'] };
    expect(changed(before, report(COMPOSE, [], registries))).toContain(15);
  });

  it('a file added changes the practices about its kind; a renamed file is a change', () => {
    const extra = file('worker/Dockerfile', 'dockerfile', DOCKERFILE);
    const more = changed(before, report(COMPOSE, [extra]));
    expect(more).toContain(20); // a Dockerfile practice
    expect(more).toContain(1); // needs a person: every file
    expect(more).not.toContain(5); // resource limits: Compose only
  });

  it('hashString is deterministic and spreads small differences', () => {
    expect(hashString('abc')).toBe(hashString('abc'));
    expect(hashString('abc')).not.toBe(hashString('abd'));
    expect(hashString('')).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('ticks', () => {
  const before = report();
  const tickOf = (r: ChecklistReport, n: number) => {
    const p = r.practices.find((x) => x.practice === n)!;
    return { fingerprint: p.fingerprint, basis: p.basis };
  };
  const ticked: Ticks = [3, 5, 12, 17].reduce<Ticks>((t, n) => setTick(t, n, tickOf(before, n)), {});

  it('hold while the fingerprint is the same', () => {
    const states = tickStates(ticked, report(COMPOSE.replace('services:\n', '# a comment\nservices:\n')).practices);
    expect([...states]).toEqual([3, 5, 12, 17].map((n) => [n, { ticked: true }]));
  });

  it('a new finding clears only its practice and says which and why; undo restores the tick', () => {
    const after = report(COMPOSE.replace('    read_only: true\n', '    read_only: true\n    privileged: true\n'));
    const states = tickStates(ticked, after.practices);
    expect(states.get(3)).toEqual({ ticked: false, cleared: 'new finding no-privileged in compose.yaml (“privileged: true”)' });
    expect([5, 12, 17].map((n) => states.get(n)?.ticked)).toEqual([true, true, true]);
    // The tick is still stored: the state that restores the fingerprint restores it.
    expect(tickStates(ticked, report().practices).get(3)).toEqual({ ticked: true });
  });

  it('explanations: fixed findings, settings, files; several changes are counted', () => {
    const f = (key: string, label: string, kind: 'finding' | 'setting' | 'files' = 'finding') => ({ key, label, kind });
    expect(explainChange([f('a', 'no-privileged in compose.yaml')], [])).toBe('finding gone: no-privileged in compose.yaml');
    expect(explainChange([], [f('o', 'ports: off (default warning), in workspace settings (bulkhead.rules)', 'setting')])).toBe(
      'setting changed: ports: off (default warning), in workspace settings (bulkhead.rules)',
    );
    expect(explainChange([f('n1', 'x', 'files')], [f('n2', 'y', 'files')])).toBe('files added or removed');
    expect(explainChange([], [f('a', 'r1 in a'), f('b', 'r2 in b'), f('c', 'r3 in c')])).toBe('new finding r1 in a (and 2 more changes)');
    expect(explainChange([f('a', 'x')], [f('a', 'x')])).toBe('what it depends on changed');
  });

  it('untick removes the stored tick', () => {
    expect(setTick(setTick({}, 3, tickOf(before, 3)), 3, null)).toEqual({});
  });
});
