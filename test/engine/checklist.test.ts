import { describe, expect, it } from 'vitest';
import { computeChecklist, hashString, UNCHECKED_REVIEW, type ChecklistFile, type PracticeCheck } from '../../server/src/engine/checklist';
import { reconcileTicks, setTick } from '../../server/src/shared/checklist-ticks';
import { lint } from '../../server/src/engine/lint';
import type { Rule } from '../../server/src/rule-api/rule';
import type { Finding, Target } from '../../server/src/core/types';
import { PRACTICES } from '../../server/src/shared/practices';

/** A rule with only what the checklist reads: practice, targets, default state. */
function fakeRule(id: string, practice: number, targets: Target[], enabledByDefault = true): Rule {
  return {
    meta: {
      id,
      practice,
      title: id,
      severity: 'warning',
      kind: 'risk',
      severityReason: '',
      targets,
      enabledByDefault,
      docs: { summary: '', rationale: '', howToFix: '' },
      messages: { m: 'm' },
      examples: { bad: [], good: [] },
    },
  };
}

// Practice 3 checks both kinds, 5 only Compose, 20 only Dockerfiles, 15 (registries) Dockerfiles,
// 16 an opt-in rule; 11 has no rule at all.
const RULES: Rule[] = [
  fakeRule('both', 3, ['dockerfile', 'compose']),
  fakeRule('compose-only', 5, ['compose']),
  fakeRule('dockerfile-only', 20, ['dockerfile']),
  fakeRule('registries', 15, ['dockerfile', 'compose']),
  fakeRule('monitoring', 17, ['compose']),
  fakeRule('opt-in', 16, ['dockerfile'], false),
];

function finding(ruleId: string, practice: number, line: number): Finding {
  return { ruleId, messageId: 'm', practice, severity: 'warning', message: `${ruleId} here`, range: { start: { line, character: 0 }, end: { line, character: 4 } }, fixes: [] };
}

const dockerfile = (text = 'FROM alpine:3.22\n', findings: Finding[] = []): ChecklistFile => ({ path: 'app/Dockerfile', kind: 'dockerfile', text, findings });
const compose = (text = 'services: {}\n', findings: Finding[] = []): ChecklistFile => ({ path: 'compose.yaml', kind: 'compose', text, findings });

const statusOf = (checks: PracticeCheck[], n: number) => checks.find((c) => c.practice === n)!.status;
const statuses = (checks: PracticeCheck[], ns: number[]) => ns.map((n) => `${n} ${statusOf(checks, n)}`);

describe('computeChecklist: statuses', () => {
  it('returns the 20 practices in order', () => {
    expect(computeChecklist([], {}, RULES).map((c) => c.practice)).toEqual(PRACTICES.map((p) => p.number));
  });

  it('nothing scanned: what no file shows needs a person, everything else is not applicable', () => {
    const checks = computeChecklist([], {}, RULES);
    expect(checks.filter((c) => c.status === 'needs-person').map((c) => c.practice)).toEqual([1, 12, 15, 17]);
    expect(statuses(checks, [3, 5, 11, 20])).toEqual(['3 not-applicable', '5 not-applicable', '11 not-applicable', '20 not-applicable']);
  });

  it('file scope, a Dockerfile: Compose-only practices are not applicable, Dockerfile ones passed', () => {
    const checks = computeChecklist([dockerfile()], {}, RULES);
    expect(statuses(checks, [3, 5, 20])).toEqual(['3 passed', '5 not-applicable', '20 passed']);
  });

  it('workspace scope: findings from any file, sorted by path then position, with the review note', () => {
    const checks = computeChecklist([compose('x', [finding('both', 3, 4)]), dockerfile('y', [finding('both', 3, 9), finding('both', 3, 1)])], {}, RULES);
    const three = checks.find((c) => c.practice === 3)!;
    expect(three.status).toBe('findings');
    expect(three.findings.map((f) => `${f.path}:${f.range.start.line}`)).toEqual(['app/Dockerfile:1', 'app/Dockerfile:9', 'compose.yaml:4']);
    expect(three.findings[0]).toMatchObject({ ruleId: 'both', severity: 'warning', message: 'both here', fixable: false });
    expect(statuses(checks, [5, 20])).toEqual(['5 passed', '20 passed']);
  });

  it('findings win over "needs a person"', () => {
    const checks = computeChecklist([compose('x', [finding('monitoring', 17, 2)])], {}, RULES);
    expect(statusOf(checks, 17)).toBe('findings');
    expect(statusOf(checks, 1)).toBe('needs-person');
  });

  it('practices 1, 12 and 17 always need a person, with their review note', () => {
    const checks = computeChecklist([dockerfile(), compose()], {}, RULES);
    for (const n of [1, 12, 17]) {
      const c = checks.find((x) => x.practice === n)!;
      expect(c.status).toBe('needs-person');
      expect(c.review).toBe(PRACTICES[n - 1].review);
      expect(c.review).not.toBe('');
    }
  });

  it('private registries need a person unless trustedRegistries is configured (for every file)', () => {
    const files = [dockerfile(), compose()];
    expect(statusOf(computeChecklist(files, {}, RULES), 15)).toBe('needs-person');
    expect(statusOf(computeChecklist(files, { trustedRegistries: ['registry.corp.example'] }, RULES), 15)).toBe('passed');
    expect(statusOf(computeChecklist(files, { trustedRegistries: [] }, RULES), 15)).toBe('needs-person');
    // Per-file configuration: one file without an allow-list is enough to ask a person.
    const mixed = [{ ...dockerfile(), config: { trustedRegistries: ['r.example'] } }, compose()];
    expect(statusOf(computeChecklist(mixed, {}, RULES), 15)).toBe('needs-person');
    expect(statusOf(computeChecklist([mixed[0]], {}, RULES), 15)).toBe('passed');
    // Nothing scanned, but an allow-list: nothing to check.
    expect(statusOf(computeChecklist([], { trustedRegistries: ['r.example'] }, RULES), 15)).toBe('not-applicable');
  });

  it('a practice no enabled rule checks needs a person once there are files (with a note)', () => {
    const files = [dockerfile()];
    const checks = computeChecklist(files, {}, RULES);
    expect(statusOf(checks, 11)).toBe('needs-person');
    expect(checks.find((c) => c.practice === 11)!.review).toBe(UNCHECKED_REVIEW);
    // Opt-in rule not enabled: same. Enabled: passed.
    expect(statusOf(checks, 16)).toBe('needs-person');
    expect(statusOf(computeChecklist(files, { rules: { 'opt-in': 'warning' } }, RULES), 16)).toBe('passed');
    // Every rule of the practice turned off.
    expect(statusOf(computeChecklist(files, { rules: { 'dockerfile-only': 'off' } }, RULES), 20)).toBe('needs-person');
    // Turned off, but its rules are about a kind of file that was not scanned: still not applicable.
    expect(statusOf(computeChecklist(files, { rules: { 'compose-only': 'off' } }, RULES), 5)).toBe('not-applicable');
    expect(statusOf(computeChecklist([compose()], { rules: { 'compose-only': 'off' } }, RULES), 5)).toBe('needs-person');
  });

  it('with the real rules: the insecure example lights up, the hardened one passes its own checks', () => {
    const text = 'FROM python:latest\nUSER root\n';
    const checks = computeChecklist([{ path: 'Dockerfile', kind: 'dockerfile', text, findings: lint({ text, kind: 'dockerfile' }) }]);
    expect(statusOf(checks, 4)).toBe('findings');
    expect(statusOf(checks, 13)).toBe('findings');
    expect(checks.find((c) => c.practice === 4)!.findings.map((f) => f.ruleId)).toEqual(['non-root-user']);
    const good = 'FROM python:3.13-slim\nUSER 10001\n';
    const ok = computeChecklist([{ path: 'Dockerfile', kind: 'dockerfile', text: good, findings: lint({ text: good, kind: 'dockerfile' }) }]);
    expect(statusOf(ok, 4)).toBe('passed');
    expect(statusOf(ok, 5)).toBe('not-applicable');
  });
});

describe('computeChecklist: fingerprints and ticks', () => {
  const fp = (files: ChecklistFile[], n: number) => computeChecklist(files, {}, RULES).find((c) => c.practice === n)!.fingerprint;

  it('are stable: same files in another order, same fingerprint', () => {
    expect(fp([dockerfile(), compose()], 3)).toBe(fp([compose(), dockerfile()], 3));
    expect(fp([dockerfile()], 3)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('change when a file behind the practice changes, not when another one does', () => {
    const before = [dockerfile('FROM a:1\n'), compose('services: {}\n')];
    const dockerfileEdited = [dockerfile('FROM a:2\n'), compose('services: {}\n')];
    const composeEdited = [dockerfile('FROM a:1\n'), compose('services:\n  x: {}\n')];
    expect(fp(dockerfileEdited, 20)).not.toBe(fp(before, 20)); // Dockerfile practice
    expect(fp(composeEdited, 20)).toBe(fp(before, 20));
    expect(fp(composeEdited, 5)).not.toBe(fp(before, 5)); // Compose practice
    expect(fp(dockerfileEdited, 5)).toBe(fp(before, 5));
    expect(fp(composeEdited, 3)).not.toBe(fp(before, 3)); // both kinds
    // A renamed file counts as a change.
    expect(fp([{ ...dockerfile('FROM a:1\n'), path: 'other/Dockerfile' }, compose()], 20)).not.toBe(fp(before, 20));
  });

  it('of practices that need a person cover every scanned file', () => {
    const before = [dockerfile('FROM a:1\n'), compose('services: {}\n')];
    expect(fp([dockerfile('FROM a:2\n'), compose('services: {}\n')], 1)).not.toBe(fp(before, 1));
    expect(fp([dockerfile('FROM a:1\n'), compose('services:\n  x: {}\n')], 1)).not.toBe(fp(before, 1));
    expect(fp([dockerfile('FROM a:1\n')], 1)).not.toBe(fp(before, 1)); // a file removed
  });

  it('ticks reset when the files behind them change, and only then', () => {
    const before = computeChecklist([dockerfile('FROM a:1\n'), compose('services: {}\n')], {}, RULES);
    let ticks = setTick({}, 20, before[19].fingerprint);
    ticks = setTick(ticks, 5, before[4].fingerprint);
    ticks = setTick(ticks, 1, before[0].fingerprint);
    expect(reconcileTicks(ticks, before)).toEqual({ ticks, dropped: [] });

    const after = computeChecklist([dockerfile('FROM a:1\n'), compose('services:\n  x: {}\n')], {}, RULES);
    const r = reconcileTicks(ticks, after);
    expect(Object.keys(r.ticks).map(Number)).toEqual([20]);
    expect(r.dropped.sort((a, b) => a - b)).toEqual([1, 5]);
    expect(setTick(r.ticks, 20, null)).toEqual({});
  });

  it('hashString is deterministic and spreads small differences', () => {
    expect(hashString('abc')).toBe(hashString('abc'));
    expect(hashString('abc')).not.toBe(hashString('abd'));
    expect(hashString('')).toMatch(/^[0-9a-f]{16}$/);
  });
});
