import { describe, expect, it } from 'vitest';
import { buildChecklist, UNCHECKED_REVIEW, type ChecklistFile, type ConfigLayer } from '../../server/src/engine/checklist';
import { lintDetailed } from '../../server/src/engine/lint';
import { overrideText, statusText, type ChecklistReport } from '../../server/src/shared/checklist-report';
import type { Rule } from '../../server/src/rule-api/rule';
import type { Finding, LintConfig, Target } from '../../server/src/core/types';
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

// Practice 3 checks both kinds, 5 only Compose, 20 only Dockerfiles, 15 (registries) both,
// 16 an opt-in rule; 11 has no rule at all. Practice 6 has two rules.
const RULES: Rule[] = [
  fakeRule('both', 3, ['dockerfile', 'compose']),
  fakeRule('compose-only', 5, ['compose']),
  fakeRule('ports', 6, ['compose']),
  fakeRule('network-mode', 6, ['compose']),
  fakeRule('dockerfile-only', 20, ['dockerfile']),
  fakeRule('registries', 15, ['dockerfile', 'compose']),
  fakeRule('monitoring', 17, ['compose']),
  fakeRule('opt-in', 16, ['dockerfile'], false),
];

function finding(ruleId: string, practice: number, line: number, severity: Finding['severity'] = 'warning'): Finding {
  return { ruleId, messageId: 'm', practice, severity, message: `${ruleId} here`, range: { start: { line, character: 0 }, end: { line, character: 4 } }, fixes: [] };
}

const text10 = 'line\n'.repeat(10);
const dockerfile = (findings: Finding[] = [], extra: Partial<ChecklistFile> = {}): ChecklistFile => ({ path: 'app/Dockerfile', kind: 'dockerfile', text: text10, findings, ...extra });
const compose = (findings: Finding[] = [], extra: Partial<ChecklistFile> = {}): ChecklistFile => ({ path: 'compose.yaml', kind: 'compose', text: text10, findings, ...extra });
const build = (files: ChecklistFile[], config: LintConfig = {}) => buildChecklist(files, { config, rules: RULES });

const of = (r: ChecklistReport, n: number) => r.practices.find((c) => c.practice === n)!;
const statuses = (r: ChecklistReport, ns: number[]) => ns.map((n) => `${n} ${of(r, n).status}`);

describe('buildChecklist: statuses', () => {
  it('returns the 20 practices in order, with titles, short labels and groups', () => {
    const r = build([]);
    expect(r.practices.map((c) => c.practice)).toEqual(PRACTICES.map((p) => p.number));
    expect(of(r, 3)).toMatchObject({ title: 'Avoid privileged containers', short: 'Privileged', group: 'host' });
  });

  it('nothing scanned: what no file shows needs a person, everything else is not applicable', () => {
    const r = build([]);
    expect(r.practices.filter((c) => c.status === 'needs-person').map((c) => c.practice)).toEqual([1, 12, 15, 17]);
    expect(statuses(r, [3, 5, 11, 20])).toEqual(['3 not-applicable', '5 not-applicable', '11 not-applicable', '20 not-applicable']);
  });

  it('file scope, a Dockerfile: Compose-only practices are not applicable, Dockerfile ones passed', () => {
    expect(statuses(build([dockerfile()]), [3, 5, 20])).toEqual(['3 passed', '5 not-applicable', '20 passed']);
  });

  it('findings from any file, sorted by file then position, with counts by severity', () => {
    const r = build([compose([finding('both', 3, 4, 'error')]), dockerfile([finding('both', 3, 9), finding('both', 3, 1, 'info')])]);
    const three = of(r, 3);
    expect(three.status).toBe('findings');
    expect(three.findings.map((f) => `${f.file}:${f.range.start.line}`)).toEqual(['app/Dockerfile:1', 'app/Dockerfile:9', 'compose.yaml:4']);
    expect(three.findings[0]).toMatchObject({ ruleId: 'both', severity: 'info', message: 'both here', fixable: false });
    expect(three.counts).toEqual({ error: 1, warning: 1, info: 1, hint: 0 });
    expect(statuses(r, [5, 20])).toEqual(['5 passed', '20 passed']);
  });

  it('findings win over "needs a person", and the review note stays (practices 1 and 17)', () => {
    const r = build([compose([finding('monitoring', 17, 2)])]);
    expect(of(r, 17)).toMatchObject({ status: 'findings', review: PRACTICES[16].review });
    expect(of(r, 1).status).toBe('needs-person');
  });

  it('practices 1, 12 and 17 always need a person, with their review note', () => {
    const r = build([dockerfile(), compose()]);
    for (const n of [1, 12, 17]) expect(of(r, n)).toMatchObject({ status: 'needs-person', review: PRACTICES[n - 1].review });
  });

  it('private registries need a person unless trustedRegistries is configured (for every file)', () => {
    const files = [dockerfile(), compose()];
    expect(of(build(files), 15).status).toBe('needs-person');
    expect(of(build(files, { trustedRegistries: ['registry.corp.example'] }), 15).status).toBe('passed');
    expect(of(build(files, { trustedRegistries: [] }), 15).status).toBe('needs-person');
    const mixed = [dockerfile([], { config: { trustedRegistries: ['r.example'] } }), compose()];
    expect(of(build(mixed), 15).status).toBe('needs-person');
    expect(of(build([mixed[0]]), 15).status).toBe('passed');
    expect(of(build([], { trustedRegistries: ['r.example'] }), 15).status).toBe('not-applicable');
  });

  it('a practice no enabled rule checks needs a person once there are files (with a note)', () => {
    const files = [dockerfile()];
    expect(of(build(files), 11)).toMatchObject({ status: 'needs-person', review: UNCHECKED_REVIEW });
    expect(of(build(files), 16).status).toBe('needs-person'); // opt-in rule not enabled
    expect(of(build(files, { rules: { 'opt-in': 'warning' } }), 16).status).toBe('passed');
    expect(of(build(files, { rules: { 'dockerfile-only': 'off' } }), 20).status).toBe('needs-person');
    expect(of(build(files, { rules: { 'compose-only': 'off' } }), 5).status).toBe('not-applicable');
    expect(of(build([compose()], { rules: { 'compose-only': 'off' } }), 5).status).toBe('needs-person');
  });
});

describe('buildChecklist: suppressed findings', () => {
  it('are listed under their practice with the comment and its reason, and counted in the status', () => {
    const text = [
      'services:',
      '  web:',
      '    image: nginx:1.27',
      '    user: "10001"',
      '    # bulkhead-ignore no-privileged',
      '    privileged: true',
      '  dind:',
      '    image: docker:27-dind',
      '    user: "10001"',
      '    # bulkhead-ignore no-privileged -- Docker-in-Docker for CI runners',
      '    privileged: true',
      '',
    ].join('\n');
    const lint = lintDetailed({ kind: 'compose', text });
    const r = buildChecklist([{ path: 'compose.yaml', kind: 'compose', text, ...lint }]);
    const three = of(r, 3);
    expect(three.findings).toEqual([]);
    expect(three.suppressed.map((s) => `${s.file}:${s.range.start.line + 1} ${s.ruleId} ${s.severity} ${s.ignore.kind}@${s.ignore.line + 1} ${s.ignore.reason}`)).toEqual([
      'compose.yaml:6 no-privileged error line@5 null',
      'compose.yaml:11 no-privileged error line@10 Docker-in-Docker for CI runners',
    ]);
    expect(three.status).toBe('passed');
    expect(statusText(three)).toBe('passed, 2 ignored');
    // The unexplained ignore of an error rule is itself a finding (practice 10).
    expect(of(r, 10).findings.filter((f) => f.ruleId === 'ignore-comment').map((f) => `${f.ruleId}:${f.range.start.line + 1} ${f.severity}`)).toEqual(['ignore-comment:5 warning']);
  });

  it('file-wide ignores are listed in the configuration', () => {
    const text = '# bulkhead-ignore-file no-privileged,read-only-root-filesystem -- a debug stack\nservices:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    const r = buildChecklist([{ path: 'debug/compose.yaml', kind: 'compose', text, ...lintDetailed({ kind: 'compose', text }) }]);
    expect(r.configuration.fileIgnores).toEqual([{ file: 'debug/compose.yaml', line: 0, rules: ['no-privileged', 'read-only-root-filesystem'], reason: 'a debug stack' }]);
    expect(of(r, 3).suppressed.map((s) => s.ignore)).toEqual([{ kind: 'file', line: 0, reason: 'a debug stack' }]);
  });
});

describe('buildChecklist: coverage', () => {
  const settings = (scope: 'user' | 'workspace' | 'folder', rules: LintConfig['rules']): ConfigLayer => ({ source: { kind: 'settings', scope }, rules });
  const yaml = (rules: LintConfig['rules']): ConfigLayer => ({ source: { kind: 'config-file', file: 'deploy/.bulkhead.yaml' }, rules });

  it('a rule turned off in workspace settings leaves its practice partly checked, naming the setting', () => {
    const config = { rules: { ports: 'off' as const } };
    const r = build([compose([], { config, layers: [settings('user', {}), settings('workspace', config.rules)] })]);
    const six = of(r, 6);
    expect(six.status).toBe('partly-checked');
    expect(six.overrides).toEqual([{ ruleId: 'ports', practice: 6, setting: 'off', default: 'warning', effect: 'off', source: { kind: 'settings', scope: 'workspace' } }]);
    expect(overrideText(six.overrides[0])).toBe('ports: off (default warning), in workspace settings (bulkhead.rules)');
    expect(statusText(six)).toBe('partly checked');
    expect(r.configuration.overrides).toEqual(six.overrides);
  });

  it('lowered counts too; the last layer that names the rule is the source; raised and re-enabled do not count', () => {
    const rules = { ports: 'info' as const, 'compose-only': 'error' as const, 'opt-in': 'warning' as const };
    const layers = [yaml({ ports: 'off' }), settings('user', { ports: 'info', 'compose-only': 'error' }), settings('workspace', { 'opt-in': 'warning' })];
    const r = build([compose([], { config: { rules }, layers }), dockerfile([], { config: { rules }, layers })]);
    expect(of(r, 6).status).toBe('partly-checked');
    expect(of(r, 6).overrides.map(overrideText)).toEqual(['ports: info (default warning), in user settings (bulkhead.rules)']);
    expect(of(r, 5)).toMatchObject({ status: 'passed', overrides: [{ effect: 'raised', setting: 'error' }] });
    expect(of(r, 16)).toMatchObject({ status: 'passed', overrides: [{ effect: 'enabled', source: { scope: 'workspace' } }] });
  });

  it('only rules about the files checked count: a Compose rule off in a Dockerfile-only scope changes nothing', () => {
    const config = { rules: { ports: 'off' as const } };
    expect(of(build([dockerfile([], { config, layers: [yaml(config.rules)] })]), 6)).toMatchObject({ status: 'not-applicable', overrides: [] });
  });

  it('every rule of the practice off: a person must look (the overrides say why)', () => {
    const config = { rules: { ports: 'off' as const, 'network-mode': 'off' as const } };
    const six = of(build([compose([], { config, layers: [yaml(config.rules)] })]), 6);
    expect(six.status).toBe('needs-person');
    expect(six.overrides.map((o) => `${o.ruleId} ${o.effect} ${o.source.kind}`)).toEqual(['network-mode off config-file', 'ports off config-file']);
  });

  it('a file the rules did not run on leaves the practices it is about partly checked', () => {
    const r = build([compose([], { notAnalysed: 'syntaxErrors' }), dockerfile()]);
    expect(of(r, 5)).toMatchObject({ status: 'needs-person', unchecked: [{ file: 'compose.yaml', reason: 'syntax errors' }] });
    expect(of(r, 3)).toMatchObject({ status: 'partly-checked', unchecked: [{ file: 'compose.yaml', reason: 'syntax errors' }] });
    expect(of(r, 20)).toMatchObject({ status: 'passed', unchecked: [] });
  });

  it('with the real rules: a turned-off error rule in .bulkhead.yaml, and an unparsable Compose file', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    const config: LintConfig = { rules: { 'no-privileged': 'off' } };
    const r = buildChecklist([{ path: 'compose.yaml', kind: 'compose', text, ...lintDetailed({ kind: 'compose', text }, config), config, layers: [yaml(config.rules)] }]);
    expect(of(r, 3)).toMatchObject({ status: 'partly-checked', overrides: [{ ruleId: 'no-privileged', setting: 'off', default: 'error', source: { file: 'deploy/.bulkhead.yaml' } }] });
    const broken = 'services:\n  web: [\n';
    const b = buildChecklist([{ path: 'compose.yaml', kind: 'compose', text: broken, ...lintDetailed({ kind: 'compose', text: broken }) }]);
    expect(of(b, 3).status).toBe('needs-person');
    expect(of(b, 3).unchecked).toEqual([{ file: 'compose.yaml', reason: 'syntax errors' }]);
  });
});
