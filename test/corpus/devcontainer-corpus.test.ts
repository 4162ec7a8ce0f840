import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../server/src/edit/apply-edits';
import { LineIndex } from '../../server/src/core/positions';
import { parseDevcontainer } from '../../server/src/parse/devcontainer';
import { devcontainerConfigs, HAS_DEVCONTAINER_CORPUS, lintConfig } from './devcontainer-configs';

describe.skipIf(!HAS_DEVCONTAINER_CORPUS)('Dev Container corpus (../shared/corpus/devcontainer)', () => {
  const configs = HAS_DEVCONTAINER_CORPUS ? devcontainerConfigs() : [];

  it('reads all 381 configurations and the scenarios of the 29 scenarios.json files', () => {
    expect(configs.filter((c) => !c.name.includes('#')).length).toBe(381);
    expect(new Set(configs.filter((c) => c.name.includes('#')).map((c) => c.abs)).size).toBe(29);
  });

  it('parses every one (comments, trailing commas, template placeholders) and no rule throws', () => {
    for (const c of configs) {
      const r = lintConfig(c);
      if (r.internalErrors.length > 0) throw new Error(`rule ${r.internalErrors[0].ruleId} threw on ${c.name}: ${r.internalErrors[0].stack}`);
      expect(r.findings.filter((f) => f.ruleId === 'syntax-error').map((f) => `${c.name}: ${f.message}`)).toEqual([]);
    }
  }, 120_000);

  it('never reports what is only written in a comment, and every range is a non-empty span of the file', () => {
    for (const c of configs) {
      const model = parseDevcontainer(c.text);
      const index = new LineIndex(c.text);
      for (const f of lintConfig(c).findings) {
        const start = index.offsetAt(f.range.start);
        const end = index.offsetAt(f.range.end);
        expect(end, `${c.name} ${f.ruleId}`).toBeGreaterThan(start);
        const inComment = model.comments.some((k) => start >= k.start && start < k.end);
        expect(inComment, `${c.name}:${f.range.start.line + 1} ${f.ruleId} starts inside a comment`).toBe(false);
      }
    }
  }, 120_000);

  it('each quick fix, applied on its own, leaves valid JSONC and removes its finding', () => {
    let applied = 0;
    for (const c of configs) {
      const findings = lintConfig(c).findings;
      for (const f of findings) {
        for (const fix of f.fixes) {
          const text = applyEdits(c.text, fix.edits);
          const after = lintConfig({ ...c, text });
          expect(after.findings.filter((x) => x.ruleId === 'syntax-error'), `${c.name}: "${fix.title}" broke the file`).toEqual([]);
          expect(after.findings.filter((x) => x.ruleId === f.ruleId).length, `${c.name}: "${fix.title}"`).toBeLessThan(findings.filter((x) => x.ruleId === f.ruleId).length);
          applied++;
        }
      }
    }
    expect(applied).toBeGreaterThan(50);
  }, 120_000);
});
