import { describe, expect, it } from 'vitest';
import { runRules } from '../../server/src/engine/run-rules';
import { lintDetailed } from '../../server/src/engine/lint';
import { LazyFinding } from '../../server/src/engine/lazy-fixes';
import { defineRule } from '../../server/src/rule-api/rule';
import type { Fix } from '../../server/src/core/types';

/**
 * A rule may give a finding's fixes as a function: the language server builds them only when a code
 * action reads them (`lazyFixes`), the CLI and the rule tester get them built at report time. Both
 * see the same plain `Fix[]`.
 */

let built = 0;
const rule = defineRule({
  meta: {
    id: 'lazy-test',
    practice: 4,
    title: 'A test rule',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'A test rule.',
    targets: ['dockerfile'],
    fix: 'safe',
    docs: { summary: 'x', rationale: 'x', howToFix: 'x' },
    messages: { user: 'USER {name}', broken: 'broken fix' },
    examples: { bad: [], good: [] },
  },
  dockerfile({ model, report, fix }) {
    for (const i of model.all('USER')) {
      const arg = i.args[0];
      report({
        messageId: 'user',
        data: { name: arg.value },
        range: arg.range,
        fixes: (): Fix[] => {
          built++;
          return [fix('Use 10001', [{ range: arg.range, newText: '10001' }])];
        },
      });
    }
    for (const i of model.all('RUN')) {
      report({
        messageId: 'broken',
        range: i.keywordRange,
        fixes: () => {
          throw new Error('no edit for this');
        },
      });
    }
  },
});

const run = (text: string, lazyFixes: boolean) => runRules({ text, kind: 'dockerfile' }, { rules: { 'lazy-test': 'warning' } }, [rule], new Set(['lazy-test']), { lazyFixes });

describe('fixes given as a function', () => {
  it('are built on first read only, once, and read like a list (JSON included)', () => {
    built = 0;
    const r = run('FROM alpine:3.22\nUSER root\nUSER app\n', true);
    expect(r.findings).toHaveLength(2);
    expect(built).toBe(0);
    const fixes = r.findings[0].fixes;
    expect(fixes).toEqual([{ title: 'Use 10001', safety: 'safe', edits: [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 9 } }, newText: '10001' }] }]);
    expect(r.findings[0].fixes).toBe(fixes);
    expect(built).toBe(1);
    expect(JSON.parse(JSON.stringify(r.findings[1])).fixes[0].title).toBe('Use 10001');
    expect(built).toBe(2);
  });

  it('are built while the rule runs without lazyFixes (CLI, rule tester)', () => {
    built = 0;
    const r = run('FROM alpine:3.22\nUSER root\n', false);
    expect(built).toBe(1);
    expect(Object.getOwnPropertyDescriptor(r.findings[0], 'fixes')!.value).toHaveLength(1);
  });

  it('a function that throws: lazily, the finding stays with no fixes and the error is recorded when read; eagerly, it is the rule\'s internal error', () => {
    const lazy = run('FROM alpine:3.22\nRUN true\n', true);
    expect(lazy.findings.map((f) => f.messageId)).toEqual(['broken']);
    expect(lazy.internalErrors).toEqual([]);
    expect(lazy.findings[0].fixes).toEqual([]);
    expect(lazy.internalErrors.map((e) => [e.ruleId, e.message])).toEqual([['lazy-test', 'its fix failed: no edit for this']]);

    const eager = run('FROM alpine:3.22\nRUN true\n', false);
    expect(eager.findings).toEqual([]);
    expect(eager.internalErrors.map((e) => [e.ruleId, e.message])).toEqual([['lazy-test', 'no edit for this']]);
  });
});

describe('the folded harden-service finding (engine/fold-advice.ts)', () => {
  const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n';

  it('with lazy members is lazy too, its fixes read like the eager run\'s: "Harden service" first and once', () => {
    const lazy = lintDetailed({ text: COMPOSE, kind: 'compose' }, undefined, undefined, { lazyFixes: true });
    const eager = lintDetailed({ text: COMPOSE, kind: 'compose' });
    const group = lazy.findings.find((f) => f.ruleId === 'harden-service')!;
    expect(group).toBeInstanceOf(LazyFinding);
    expect(group.members!.map((m) => m.ruleId)).toEqual(['drop-all-capabilities', 'require-healthcheck', 'require-no-new-privileges']);
    // JSON (the CLI's report, the fix-all passes) holds the same findings, members and fixes included.
    expect(JSON.parse(JSON.stringify(lazy.findings))).toEqual(JSON.parse(JSON.stringify(eager.findings)));
    const titles = group.fixes.map((f) => f.title);
    expect(titles[0]).toBe('Harden service "web" (read_only, tmpfs, cap_drop: ALL, no-new-privileges)');
    expect(titles.filter((t) => t === titles[0])).toHaveLength(1);
    expect(titles).toEqual(eager.findings.find((f) => f.ruleId === 'harden-service')!.fixes.map((f) => f.title));
  });
});
