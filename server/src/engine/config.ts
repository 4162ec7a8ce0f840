import type { Rule } from '../rule-api/rule';
import type { LintConfig, RuleSetting, Severity, SeveritySetting } from '../core/types';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export interface ActiveRule {
  rule: Rule;
  /** The severity the configuration gives the rule, else its own (`meta.severity`). */
  severity: Severity;
  /** The configuration names a severity for this rule, which then overrides `meta.messageSeverity`. */
  configured: boolean;
  options: Record<string, unknown>;
  /**
   * True when the rule's advice is shown as a hint (and may be folded into `harden-service`): the
   * `default` profile, and no severity for the rule in the configuration.
   */
  adviceAsHint: boolean;
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
  const adviceAsHint = severity === undefined && (config.profile ?? 'default') === 'default';
  return { rule, severity: severity ?? rule.meta.severity, configured: severity !== undefined, options: { ...defaults, ...(options ?? {}) }, adviceAsHint };
}

/** Whether a finding with this message id is advice (`meta.kind`, or one of `meta.adviceMessages`). */
export function isAdvice(rule: Rule, messageId: string): boolean {
  return rule.meta.kind === 'advice' || (rule.meta.adviceMessages?.includes(messageId) ?? false);
}

/**
 * The severity a finding gets: a hint for advice shown as such; else the message's own severity
 * (`meta.messageSeverity`) unless the configuration names one for the rule; else the rule's.
 */
export function findingSeverity(a: ActiveRule, messageId: string): Severity {
  if (a.adviceAsHint && isAdvice(a.rule, messageId)) return 'hint';
  return (!a.configured && a.rule.meta.messageSeverity?.[messageId]) || a.severity;
}

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}
