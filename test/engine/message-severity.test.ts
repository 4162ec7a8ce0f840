import { describe, expect, it } from 'vitest';
import { lintDetailed } from '../../server/src/engine/lint';
import { renderRuleMarkdown } from '../../server/src/engine/docs';
import { RULES } from '../../server/src/rules';

/** `meta.messageSeverity`: a message's own default severity, overridden by a severity configured for the rule. */
describe('per-message default severity', () => {
  const code = 'services:\n  app:\n    image: app:1\n    cap_add: [SYS_ADMIN, NET_RAW]\n';
  const severities = (config: Parameters<typeof lintDetailed>[1]) =>
    lintDetailed({ text: code, kind: 'compose', uri: '/p/compose.yaml' }, config).findings.filter((f) => f.ruleId === 'no-dangerous-capabilities').map((f) => `${f.messageId}:${f.severity}`);

  it('each message takes its own default when the rule is not configured', () => {
    expect(severities({})).toEqual(['capability:error', 'boundedCapability:warning']);
  });

  it('a severity configured for the rule applies to every message', () => {
    expect(severities({ rules: { 'no-dangerous-capabilities': 'info' } })).toEqual(['capability:info', 'boundedCapability:info']);
    expect(severities({ rules: { 'no-dangerous-capabilities': { severity: 'error' } } })).toEqual(['capability:error', 'boundedCapability:error']);
  });

  it('options without a severity keep the per-message defaults', () => {
    expect(severities({ rules: { 'no-dangerous-capabilities': { options: { allowed: [] } } } })).toEqual(['capability:error', 'boundedCapability:warning']);
  });

  it('the rule page says which findings default to another severity', () => {
    const meta = RULES.find((r) => r.meta.id === 'no-dangerous-capabilities')!.meta;
    expect(renderRuleMarkdown(meta)).toContain('Some findings default to another severity: warning for "Service "…" adds the "…" capability, which …; remove it unless the service needs it".');
    expect(renderRuleMarkdown(RULES.find((r) => r.meta.id === 'no-privileged')!.meta)).not.toContain('default to another severity');
  });

  it('every message severity names a message of its rule and a known severity', () => {
    for (const r of RULES) {
      for (const [id, s] of Object.entries(r.meta.messageSeverity ?? {})) {
        expect(Object.keys(r.meta.messages), `${r.meta.id}.${id}`).toContain(id);
        expect(['error', 'warning', 'info', 'hint']).toContain(s);
      }
    }
  });
});
