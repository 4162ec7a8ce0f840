import type { Rule } from '../rule-api/rule';
import type { LintConfig, RuleSetting, Severity, SeveritySetting } from '../core/types';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export interface ActiveRule {
  rule: Rule;
  severity: Severity;
  /** The configuration names a severity for this rule, which then overrides `meta.messageSeverity`. */
  configured: boolean;
  options: Record<string, unknown>;
}

function settingOf(setting: RuleSetting | undefined): { severity?: SeveritySetting; options?: Record<string, unknown> } {
  if (setting === undefined) return {};
  if (typeof setting === 'string') return { severity: setting };
  return setting;
}

/**
 * The rule's effective severity and options under a config, or null when it is off.
 * Opt-in rules (`enabledByDefault: false`) run once the config mentions them with anything but `off`.
 */
export function activate(rule: Rule, config: LintConfig): ActiveRule | null {
  const raw = config.rules?.[rule.meta.id];
  const { severity, options } = settingOf(raw);
  if (severity === 'off') return null;
  if (raw === undefined && rule.meta.enabledByDefault === false) return null;
  const defaults: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(rule.meta.options ?? {})) defaults[name] = spec.default;
  return { rule, severity: severity ?? rule.meta.severity, configured: severity !== undefined, options: { ...defaults, ...(options ?? {}) } };
}

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}
