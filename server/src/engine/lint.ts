import type { Finding, LintConfig, LintInput } from '../core/types';
import type { Rule } from '../rule-api/rule';
import { RULES } from '../rules';
import { RULE_IDS } from '../rules/ids';
import { severityRank } from './config';
import { enabledRules, reasonThreshold, runRules, type LintResult, type RunOptions } from './run-rules';

export { compareFindings, DEFAULT_MAX_FILE_SIZE, type InternalError, type LintModel, type LintResult, type RunOptions } from './run-rules';

const DEFAULT_CONFIG: LintConfig = Object.freeze({});
const KNOWN_IDS: ReadonlySet<string> = new Set(RULE_IDS);

/** Every rule of the registry (or the given ones) on one text. */
export function lintDetailed(input: LintInput, config: LintConfig = DEFAULT_CONFIG, rules: readonly Rule[] = RULES, options: RunOptions = {}): LintResult {
  return runRules(input, config, rules, KNOWN_IDS, options);
}

export function lint(input: LintInput, config: LintConfig = DEFAULT_CONFIG): Finding[] {
  return lintDetailed(input, config).findings;
}

/**
 * Whether a `bulkhead-ignore` of this rule must say why under this configuration: ignore-comment
 * reports one without a reason when the rule's severity is at or above its `requireReason`.
 */
export function ignoreNeedsReason(ruleId: string, config: LintConfig = DEFAULT_CONFIG): boolean {
  const threshold = reasonThreshold(config);
  if (threshold === 'never') return false;
  const active = enabledRules(RULES, config).find((r) => r.rule.meta.id === ruleId);
  return active !== undefined && severityRank(active.severity) >= severityRank(threshold);
}
