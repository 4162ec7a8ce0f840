import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph, sourceFiles } from './import-graph';

/**
 * A rule's test loads only that rule: test/helpers/rule-tester.ts runs the rules it is given
 * (engine/run-rules.ts) and knows the other ids from rules/ids.ts, so a rule test never imports
 * the registry (rules/index.ts) and with it all the rules. That keeps `npm test` fast (a rule test
 * imports a few dozen modules, not every rule) and is checked here on the import graph.
 */

const root = join(__dirname, '../..');
const files = sourceFiles(root, ['server/src', 'test']);
const edges = importGraph(root, files);
const next = new Map<string, string[]>();
for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);

/** Every file a file loads, directly or not. */
function reached(from: string): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string): void => {
    for (const t of next.get(f) ?? []) {
      if (!seen.has(t)) {
        seen.add(t);
        visit(t);
      }
    }
  };
  visit(from);
  return seen;
}

/**
 * The rules engine/run-rules.ts itself runs on every file (size limit, unparsable file, stale ignore
 * comments) or builds from other rules' findings (harden-service folds a Compose service's advice).
 */
const CORE_RULES = ['file-too-large', 'harden-service', 'ignore-comment', 'syntax-error'];

/** Rule tests that test lint() itself, through the registry, on purpose. */
const THROUGH_LINT: Record<string, string> = {
  'test/rules/file-too-large.test.ts': 'the size limit is applied by lint() before any rule runs',
  'test/rules/syntax-error.test.ts': 'an unparsable file gets one finding from lint(), whatever rules are enabled',
  'test/rules/harden-service.test.ts': 'the engine builds harden-service from the advice of the other rules, so it is tested through lint()',
};

const ruleTests = files.filter((f) => /^test\/rules\/[^/]+\.test\.ts$/.test(f));

describe('rule tests load only their rule', () => {
  it('finds the rule tests (one per rule)', () => {
    expect(ruleTests.length).toBeGreaterThan(50);
  });

  it('rule-tester.ts and run-rules.ts do not load the registry', () => {
    expect([...reached('test/helpers/rule-tester.ts')].filter((f) => f === 'server/src/rules/index.ts')).toEqual([]);
    expect([...reached('server/src/engine/run-rules.ts')].filter((f) => /^server\/src\/rules\/(?!ids\.ts$)/.test(f)).sort()).toEqual(CORE_RULES.map((r) => `server/src/rules/${r}.ts`));
  });

  it('each test/rules/<id>.test.ts reaches rule files only for its rule, the core rules and the rules it names', () => {
    const wrong: string[] = [];
    for (const test of ruleTests) {
      if (THROUGH_LINT[test]) continue;
      const id = basename(test, '.test.ts');
      const named = (next.get(test) ?? []).filter((f) => f.startsWith('server/src/rules/'));
      const allowed = new Set([`server/src/rules/${id}.ts`, 'server/src/rules/ids.ts', ...CORE_RULES.map((r) => `server/src/rules/${r}.ts`), ...named]);
      for (const f of reached(test)) if (f.startsWith('server/src/rules/') && !allowed.has(f)) wrong.push(`${test} loads ${f}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the registry is named in the direct imports of a rule test only where it tests lint() on purpose', () => {
    const registry = ruleTests.filter((t) => reached(t).has('server/src/rules/index.ts'));
    expect(registry.sort()).toEqual(Object.keys(THROUGH_LINT).sort());
  });
});
