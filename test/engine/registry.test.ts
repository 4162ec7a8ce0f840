import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with `npm run gen`
import { renderRuleIds, renderRuleIndex } from '../../scripts/gen-rule-index.mjs';
import { SEVERITIES } from '../../server/src/engine/config';
import { PRACTICES } from '../../server/src/shared/practices';
import { RULES } from '../../server/src/rules';
import { TARGETS } from '../../server/src/core/types';

const root = join(__dirname, '../..');
const PEERS = ['hadolint', 'kics', 'trivy', 'checkov', 'compose-lint', 'dclint', 'buildkit', 'semgrep'];

describe('rule registry invariants', () => {
  it('the generated index lists exactly the rule files (run `npm run gen` if not)', () => {
    expect(readFileSync(join(root, 'server/src/rules/index.ts'), 'utf8')).toBe(renderRuleIndex());
    expect(readFileSync(join(root, 'server/src/rules/ids.ts'), 'utf8')).toBe(renderRuleIds());
  });

  it('rule ids are unique, kebab-case and equal to the file name', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    const files = readdirSync(join(root, 'server/src/rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'ids.ts').map((f) => f.slice(0, -3)).sort();
    expect([...ids].sort()).toEqual(files);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  describe.each(RULES.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
    const m = rule.meta;
    it('has a practice, a severity, targets and complete docs', () => {
      expect(PRACTICES.map((p) => p.number)).toContain(m.practice);
      expect(SEVERITIES).toContain(m.severity);
      expect(m.targets.length).toBeGreaterThan(0);
      for (const t of m.targets) expect(TARGETS).toContain(t);
      // Every check is for a kind the rule targets; a rule with checks that targets dev containers has a check for them.
      const checks = TARGETS.filter((t) => typeof rule[t] === 'function');
      for (const t of checks) expect(m.targets).toContain(t);
      if (checks.length > 0 && m.targets.includes('devcontainer')) expect(checks).toContain('devcontainer');
      expect(m.title.length).toBeGreaterThan(5);
      expect(m.title).not.toMatch(/\.$/);
      for (const part of [m.docs.summary, m.docs.rationale, m.docs.howToFix]) expect(part.trim().length).toBeGreaterThan(20);
      expect(Object.keys(m.messages).length).toBeGreaterThan(0);
      for (const msg of Object.values(m.messages)) expect(msg).not.toMatch(/\.$/);
      if (m.fix) expect(['safe', 'suggestion']).toContain(m.fix);
    });

    it('has examples in its own file kinds, and a test file', () => {
      expect(m.examples.bad.length).toBeGreaterThan(0);
      expect(m.examples.good.length).toBeGreaterThan(0);
      for (const ex of [...m.examples.bad, ...m.examples.good]) expect(m.targets).toContain(ex.kind);
      expect(existsSync(join(root, `test/rules/${id}.test.ts`)), `test/rules/${id}.test.ts`).toBe(true);
    });

    it('names only known peers and typed options', () => {
      for (const peer of Object.keys(m.aliases ?? {})) expect(PEERS).toContain(peer);
      for (const spec of Object.values(m.options ?? {})) {
        const d = spec.default;
        const ok = spec.type === 'string[]' ? Array.isArray(d) && d.every((x) => typeof x === 'string') : typeof d === spec.type;
        expect(ok, `default of type ${spec.type}`).toBe(true);
      }
    });
  });

  it('every practice is either checked by a rule or says what a person must review', () => {
    for (const p of PRACTICES) {
      const checked = RULES.some((r) => r.meta.practice === p.number);
      expect(checked || p.review.length > 0, `practice ${p.number}`).toBe(true);
    }
  });
});
