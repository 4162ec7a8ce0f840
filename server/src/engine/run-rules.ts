import { parseCompose, type ComposeModel } from '../parse/compose';
import { parseDockerfile, type DockerfileModel } from '../parse/dockerfile';
import { compareRanges } from '../core/positions';
import fileTooLarge from '../rules/file-too-large';
import ignoreComment from '../rules/ignore-comment';
import syntaxError from '../rules/syntax-error';
import hardenService from '../rules/harden-service';
import { applySuppressions } from './apply-suppressions';
import { activate, findingSeverity, isAdvice, type ActiveRule } from './config';
import { foldServiceAdvice, keepServiceKeyLabels } from './fold-advice';
import { removeIgnoredRule } from '../edit/ignore-edits';
import { composeDirectives, dockerfileDirectives } from '../parse/ignore-directives';
import { formatMessage, type BaseContext, type Rule } from '../rule-api/rule';
import type { Finding, Fix, FixSafety, LintConfig, LintInput, Range, TextEdit } from '../core/types';

export interface InternalError {
  ruleId: string;
  message: string;
  stack?: string;
}

export interface LintResult {
  findings: Finding[];
  /** Rules that threw. Their findings are missing; every other rule's are present. */
  internalErrors: InternalError[];
}

/**
 * The size bound of every edge (editor, CLI, CI): longer texts are not parsed, and the result is one
 * `file-too-large` finding. Real files are a few kilobytes.
 */
export const DEFAULT_MAX_FILE_SIZE = 2_000_000;

/** The rules a configuration enables, computed once per (configuration, rule list): linting many files reuses it. */
const activations = new WeakMap<LintConfig, WeakMap<readonly Rule[], ActiveRule[]>>();
function enabledRules(rules: readonly Rule[], config: LintConfig): ActiveRule[] {
  let byRules = activations.get(config);
  if (!byRules) activations.set(config, (byRules = new WeakMap()));
  let enabled = byRules.get(rules);
  if (!enabled) byRules.set(rules, (enabled = rules.map((r) => activate(r, config)).filter((a): a is ActiveRule => a !== null)));
  return enabled;
}

/**
 * Runs the given rules on one text: parse once, every rule's check, then the suppressions.
 * `knownIds` are the rule ids an ignore comment may name without being reported as unknown (every
 * rule of the registry, also those not run here). This file does not load the registry itself, so
 * a caller that runs one rule (a rule's tests) loads only that rule; `lint.ts` binds the registry.
 */
export function runRules(input: LintInput, config: LintConfig, rules: readonly Rule[], knownIds: ReadonlySet<string>): LintResult {
  const findings: Finding[] = [];
  const internalErrors: InternalError[] = [];
  const limit = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (input.text.length > limit) return { findings: wholeFileFinding(fileTooLarge, 'tooLarge', { size: input.text.length, limit }, input.text, config), internalErrors };
  const enabled = enabledRules(rules, config);
  const active = enabled.filter((a) => a.rule.meta.targets.includes(input.kind));

  let model: DockerfileModel | ComposeModel;
  try {
    model = input.kind === 'dockerfile' ? parseDockerfile(input.text) : parseCompose(input.text);
  } catch (e) {
    findings.push(...wholeFileFinding(syntaxError, 'unparsable', { reason: e instanceof Error ? e.message : String(e) }, input.text, config));
    return { findings, internalErrors };
  }

  // A Compose file with YAML errors gets its first syntax error only: findings on a half-parsed
  // document would be guesses.
  const runnable =
    input.kind === 'compose' && (model as ComposeModel).syntaxErrors.length > 0
      ? active.filter((a) => a.rule === syntaxError)
      : active;

  // Findings that name a gap of their Compose service (`meta.gapLabels`), with the gap's name: a
  // `bulkhead-ignore harden-service` suppresses them in any profile. Under the default profile, those
  // shown as hints are folded into one harden-service finding per service (fold-advice.ts).
  const group = input.kind === 'compose' && (config.profile ?? 'default') === 'default' ? activate(hardenService, config) : null;
  const labels = new Map<Finding, string>();
  const hinted = new Set<Finding>();
  for (const a of runnable) {
    const check = input.kind === 'dockerfile' ? a.rule.dockerfile : a.rule.compose;
    if (!check) continue;
    try {
      check(context(a, input, config, findings, model, input.kind === 'compose' ? { labels, hinted } : null) as never);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      internalErrors.push({ ruleId: a.rule.meta.id, message: err.message, stack: err.stack });
    }
  }
  if (input.kind === 'compose') keepServiceKeyLabels(model as ComposeModel, labels);
  let kept = runnable === active ? suppress(input.kind, model, findings, enabled, config, knownIds, labels) : findings;
  if (group) {
    const foldable = new Map([...labels].filter(([f]) => hinted.has(f)));
    kept = foldServiceAdvice(model as ComposeModel, kept, foldable, findingSeverity(group, 'service'));
  }
  kept.sort(compareFindings);
  return { findings: kept, internalErrors };
}

/**
 * Applies `# bulkhead-ignore` comments and adds the `ignore-comment` findings about them. A finding
 * that names a gap of its service (it has a label, and folds into `harden-service` when shown as a
 * hint) is suppressed by its own rule id or by `harden-service`: it is checked under each id.
 */
function suppress(
  kind: LintInput['kind'],
  model: DockerfileModel | ComposeModel,
  findings: Finding[],
  enabled: readonly ActiveRule[],
  config: LintConfig,
  knownIds: ReadonlySet<string>,
  labels: ReadonlyMap<Finding, string>,
): Finding[] {
  const directives = kind === 'dockerfile' ? dockerfileDirectives(model as DockerfileModel) : composeDirectives(model as ComposeModel);
  if (directives.length === 0) return findings;
  const known = new Set([...knownIds, ...enabled.map((a) => a.rule.meta.id)]);
  const enabledIds = new Set(enabled.map((a) => a.rule.meta.id));
  const twins = new Map<Finding, Finding>();
  for (const f of findings) if (labels.has(f)) twins.set(f, { ...f, ruleId: hardenService.meta.id });
  if (twins.size > 0) enabledIds.add(hardenService.meta.id);
  const outcome = applySuppressions([...findings, ...twins.values()], directives, known, enabledIds);
  const survivors = new Set(outcome.kept);
  const kept = findings.filter((f) => survivors.has(f) && (!twins.has(f) || survivors.has(twins.get(f)!)));
  const { problems } = outcome;
  const meta = activate(ignoreComment, config);
  if (!meta) return kept;
  const fileIgnores = directives.filter((d) => d.kind === 'file').some((d) => d.rules.some((r) => r.id === ignoreComment.meta.id));
  if (fileIgnores) return kept;
  for (const p of problems) {
    kept.push({
      ruleId: ignoreComment.meta.id,
      messageId: p.messageId,
      practice: ignoreComment.meta.practice,
      severity: meta.severity,
      message: formatMessage(ignoreComment.meta.messages[p.messageId], { id: p.id }),
      range: p.range,
      fixes: [{ title: p.ruleIndex < 0 ? 'Remove this comment' : `Remove "${p.id}" from this comment`, safety: 'safe', edits: [removeIgnoredRule(model.index, p.directive, p.ruleIndex)] }],
    });
  }
  return kept;
}

function context(
  a: ActiveRule,
  input: LintInput,
  config: LintConfig,
  sink: Finding[],
  model: DockerfileModel | ComposeModel,
  gaps: { labels: Map<Finding, string>; hinted: Set<Finding> } | null,
): BaseContext<string> & { model: DockerfileModel | ComposeModel } {
  const meta = a.rule.meta;
  return {
    model,
    uri: input.uri,
    config,
    options: a.options,
    related: input.related,
    report({ messageId, data, range, fixes }) {
      const template = meta.messages[messageId];
      if (template === undefined) throw new Error(`unknown message id "${messageId}"`);
      const severity = findingSeverity(a, messageId);
      const finding: Finding = { ruleId: meta.id, messageId, practice: meta.practice, severity, message: formatMessage(template, data), range, fixes: fixes ?? [] };
      sink.push(finding);
      // A finding that names a gap of its service (`meta.gapLabels`); shown as a hint, it folds into harden-service.
      const gap = meta.gapLabels?.[messageId];
      if (gaps && gap !== undefined) {
        gaps.labels.set(finding, formatMessage(gap, data));
        if (severity === 'hint' && a.adviceAsHint && isAdvice(a.rule, messageId)) gaps.hinted.add(finding);
      }
    },
    fix(title: string, edits: TextEdit[], safety?: FixSafety): Fix {
      return { title, safety: safety ?? meta.fix ?? 'suggestion', edits };
    },
  };
}

/** The first character of a text (a line break or a surrogate pair counts as one), where whole-file findings go. */
function firstCharacter(text: string): Range {
  const c = text.charCodeAt(0);
  const pair = c >= 0xd800 && c < 0xdc00 && (text.charCodeAt(1) & 0xfc00) === 0xdc00;
  const end = c === 10 || c === 13 ? { line: 1, character: 0 } : { line: 0, character: text.length === 0 ? 0 : pair ? 2 : 1 };
  return { start: { line: 0, character: 0 }, end };
}

/**
 * The one finding about a whole text that was not analysed (too large, or unparsable), on its first
 * character; none when the rule is off.
 */
function wholeFileFinding(rule: Rule, messageId: string, data: Record<string, string | number>, text: string, config: LintConfig): Finding[] {
  const a = activate(rule, config);
  if (!a) return [];
  const { id, practice, messages } = rule.meta;
  return [{ ruleId: id, messageId, practice, severity: a.severity, message: formatMessage(messages[messageId], data), range: firstCharacter(text), fixes: [] }];
}

export function compareFindings(a: Finding, b: Finding): number {
  return compareRanges(a.range, b.range) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}
