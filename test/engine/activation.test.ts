import { describe, expect, it } from 'vitest';
import { enabledRules } from '../../server/src/engine/run-rules';
import { RULES } from '../../server/src/rules';

describe('rule activation', () => {
  it('is reused by a configuration built again with the same rules and profile (the editor builds one per analysis)', () => {
    const a = enabledRules(RULES, { rules: { 'no-sudo': 'off', 'image-tag-pinned': { severity: 'error' } }, maxFileSize: 10 });
    const b = enabledRules(RULES, { rules: { 'no-sudo': 'off', 'image-tag-pinned': { severity: 'error' } }, trustedRegistries: ['docker.io'] });
    expect(b).toBe(a);
    expect(a.some((x) => x.rule.meta.id === 'no-sudo')).toBe(false);
    expect(a.find((x) => x.rule.meta.id === 'image-tag-pinned')?.severity).toBe('error');
  });

  it('is computed again when a rule setting or the profile differs', () => {
    const base = enabledRules(RULES, { rules: { 'no-sudo': 'off' } });
    const other = enabledRules(RULES, { rules: { 'no-sudo': 'warning' } });
    const strict = enabledRules(RULES, { rules: { 'no-sudo': 'off' }, profile: 'strict' });
    expect(other).not.toBe(base);
    expect(other.find((x) => x.rule.meta.id === 'no-sudo')?.severity).toBe('warning');
    expect(strict).not.toBe(base);
    expect(strict.every((x) => !x.adviceAsHint)).toBe(true);
    expect(base.some((x) => x.adviceAsHint)).toBe(true);
  });
});
