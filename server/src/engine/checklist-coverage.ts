import { activate, severityRank } from './config';
import type { Rule } from '../rule-api/rule';
import type { ConfigSource, OverrideEffect, RuleOverride } from '../shared/checklist-report';
import type { LintConfig, RuleSetting, Severity } from '../core/types';

/**
 * Which rules a configuration changed from their defaults, and where: the checklist's coverage.
 * A practice is "passed" only when every rule of it ran at its default severity or stricter; a rule
 * turned off or lowered leaves it "partly checked", naming the setting and its source.
 */

/** One source of rule settings, in the order they apply (a later one wins per rule id, as `mergeConfigs` does). */
export interface ConfigLayer {
  source: ConfigSource;
  rules?: Readonly<Record<string, RuleSetting>>;
}

/** Where a setting came from when no layer names it (a client that did not say). */
const UNKNOWN_SOURCE: ConfigSource = { kind: 'settings', scope: 'editor' };

/**
 * The rule's default under a configuration: the same configuration without per-rule settings, so
 * anything else that picks defaults (a profile) still applies. `off` for an opt-in rule.
 */
export function defaultSeverity(rule: Rule, config: LintConfig): Severity | 'off' {
  const { rules: _ignored, ...rest } = config;
  return activate(rule, rest)?.severity ?? 'off';
}

function effectOf(setting: RuleSetting, effective: Severity | 'off', def: Severity | 'off'): OverrideEffect | null {
  if (effective === 'off') return def === 'off' ? null : 'off';
  if (def === 'off') return 'enabled';
  const d = severityRank(effective) - severityRank(def);
  if (d < 0) return 'lowered';
  if (d > 0) return 'raised';
  return typeof setting === 'object' && setting.options && Object.keys(setting.options).length > 0 ? 'options' : null;
}

/** The overrides of these rules under one file's configuration, each with the layer that decided it. */
export function ruleOverrides(rules: readonly Rule[], config: LintConfig, layers: readonly ConfigLayer[] = []): RuleOverride[] {
  const out: RuleOverride[] = [];
  for (const rule of rules) {
    const id = rule.meta.id;
    const setting = config.rules?.[id];
    if (setting === undefined) continue;
    const def = defaultSeverity(rule, config);
    const effective = activate(rule, config)?.severity ?? 'off';
    const effect = effectOf(setting, effective, def);
    if (!effect) continue;
    const layer = [...layers].reverse().find((l) => l.rules?.[id] !== undefined);
    out.push({ ruleId: id, practice: rule.meta.practice, setting: effect === 'options' ? 'options' : effective, default: def, effect, source: layer?.source ?? UNKNOWN_SOURCE });
  }
  return out;
}

const overrideKey = (o: RuleOverride) => JSON.stringify([o.ruleId, o.setting, o.source]);

/** Overrides without repeats (many files share one configuration), sorted by rule id then source. */
export function uniqueOverrides(all: Iterable<RuleOverride>): RuleOverride[] {
  const byKey = new Map<string, RuleOverride>();
  for (const o of all) if (!byKey.has(overrideKey(o))) byKey.set(overrideKey(o), o);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, o]) => o);
}
