import { describe, expect, it } from 'vitest';
import { ignoreNeedsReason, lint, lintDetailed } from '../../server/src/engine/lint';
import { parseDirectiveLine } from '../../server/src/parse/ignore-directives';
import { LineIndex } from '../../server/src/core/positions';
import type { Target } from '../../server/src/core/types';

const only = (kind: Target, text: string, ids: string[]) =>
  lint({ kind, text }, { rules: { 'ignore-comment': 'info' } })
    .filter((f) => ids.includes(f.ruleId))
    .map((f) => `${f.ruleId}@${f.range.start.line + 1}`);

describe('bulkhead-ignore comments', () => {
  it('parse rule ids (comma or space separated) and the reason after --', () => {
    const text = '  # bulkhead-ignore a-rule, b-rule -- we need it: see #123\n';
    const d = parseDirectiveLine(text.trimEnd(), 0, new LineIndex(text))!;
    expect(d.kind).toBe('line');
    expect(d.rules.map((r) => r.id)).toEqual(['a-rule', 'b-rule']);
    expect(d.rules[0].range).toEqual({ start: { line: 0, character: 20 }, end: { line: 0, character: 26 } });
    expect(d.reason).toBe('we need it: see #123');
    expect(parseDirectiveLine('# bulkhead-ignored x', 0, new LineIndex('# bulkhead-ignored x'))).toBeNull();
  });

  it('Dockerfile: covers every line of the next instruction, continuations included', () => {
    const text = 'FROM alpine:3.22\n# bulkhead-ignore non-root-user -- needs root for the agent\nUSER \\\n  root\n';
    expect(only('dockerfile', text, ['non-root-user', 'ignore-comment'])).toEqual([]);
  });

  it('Dockerfile: skips blank and comment lines to the next instruction, and stops there', () => {
    const text = 'FROM alpine:3.22\n# bulkhead-ignore non-root-user\n\n# a note\nRUN true\nUSER root\n';
    // The ignore covers RUN (the next instruction), not the USER after it: it is unused, and the finding stays.
    expect(only('dockerfile', text, ['non-root-user', 'ignore-comment'])).toEqual(['ignore-comment@2', 'non-root-user@6']);
  });

  it('file-level ignore works from anywhere in the file', () => {
    const text = 'FROM alpine:3.22\nUSER root\n# bulkhead-ignore-file non-root-user -- a debug image\n';
    expect(only('dockerfile', text, ['non-root-user', 'ignore-comment'])).toEqual([]);
  });

  it('Compose: above a service key, covers the whole service block', () => {
    const text = 'services:\n  # bulkhead-ignore no-privileged -- Docker-in-Docker\n  dind:\n    image: docker:27-dind\n    privileged: true\n  web:\n    privileged: true\n';
    expect(only('compose', text, ['no-privileged', 'ignore-comment'])).toEqual(['no-privileged@7']);
  });

  it('Compose: above an entry, covers only that entry', () => {
    const text = 'services:\n  web:\n    # bulkhead-ignore no-privileged -- Docker-in-Docker\n    privileged: true\n    user: root\n';
    expect(only('compose', text, ['no-privileged', 'non-root-user', 'ignore-comment'])).toEqual(['non-root-user@5']);
  });

  it('Compose: a directive-looking line inside a block scalar is ignored', () => {
    const text = 'services:\n  web:\n    command: |\n      # bulkhead-ignore no-privileged\n    privileged: true\n';
    expect(only('compose', text, ['no-privileged', 'ignore-comment'])).toEqual(['no-privileged@5']);
  });

  it('an ignore-file for ignore-comment silences reports about the comments themselves', () => {
    const text = '# bulkhead-ignore-file ignore-comment\nFROM alpine:3.22\n# bulkhead-ignore made-up\nUSER 10001\n';
    expect(only('dockerfile', text, ['ignore-comment'])).toEqual([]);
  });

  it('the result lists what each comment hid, with the comment, and every comment', () => {
    const text = '# bulkhead-ignore-file no-privileged -- Docker-in-Docker\nservices:\n  web:\n    image: nginx:1.27\n    # bulkhead-ignore read-only-root-filesystem\n    user: "10001"\n    privileged: true\n';
    const r = lintDetailed({ kind: 'compose', text });
    expect(r.findings.map((f) => f.ruleId)).not.toContain('no-privileged');
    expect(r.suppressed.map((s) => `${s.finding.ruleId}@${s.finding.range.start.line + 1} by ${s.directive.kind}@${s.directive.line + 1} (${s.directive.reason})`)).toEqual([
      'no-privileged@7 by file@1 (Docker-in-Docker)',
    ]);
    expect(r.directives.map((d) => `${d.kind}@${d.line + 1} ${d.rules.map((x) => x.id).join(',')}`)).toEqual(['file@1 no-privileged', 'line@5 read-only-root-filesystem']);
    // Nothing parsed, nothing suppressed: an unparsable Compose file.
    expect(lintDetailed({ kind: 'compose', text: 'services: [\n' })).toMatchObject({ suppressed: [], directives: [] });
  });

  it('an unexplained ignore of an error rule is a warning by default, and takes the configured severity otherwise', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    # bulkhead-ignore no-privileged\n    privileged: true\n';
    const reasons = (config = {}) => lint({ kind: 'compose', text }, config).filter((f) => f.messageId === 'missingReason').map((f) => `${f.severity}@${f.range.start.line + 1}`);
    expect(reasons()).toEqual(['warning@4']);
    expect(reasons({ rules: { 'ignore-comment': 'hint' } })).toEqual(['hint@4']);
    expect(reasons({ rules: { 'ignore-comment': 'off' } })).toEqual([]);
    expect(reasons({ rules: { 'ignore-comment': { options: { requireReason: 'never' } } } })).toEqual([]);
    // A rule lowered below the threshold needs no reason.
    expect(reasons({ rules: { 'no-privileged': 'warning' } })).toEqual([]);
  });

  it('tells whether an ignore of a rule must say why, as the check above decides it (the editor\'s ignore fix asks)', () => {
    expect(ignoreNeedsReason('no-privileged')).toBe(true);
    expect(ignoreNeedsReason('non-root-user')).toBe(false);
    expect(ignoreNeedsReason('no-privileged', { rules: { 'ignore-comment': 'off' } })).toBe(false);
    expect(ignoreNeedsReason('no-privileged', { rules: { 'ignore-comment': { options: { requireReason: 'never' } } } })).toBe(false);
    expect(ignoreNeedsReason('no-privileged', { rules: { 'no-privileged': 'warning' } })).toBe(false);
    expect(ignoreNeedsReason('non-root-user', { rules: { 'ignore-comment': { options: { requireReason: 'warning' } } } })).toBe(true);
    expect(ignoreNeedsReason('no-privileged', { rules: { 'no-privileged': 'off' } })).toBe(false);
    expect(ignoreNeedsReason('no-such-rule')).toBe(false);
  });
});
