import { parseCompose, type ComposeModel } from '../parse/compose';
import { parseDevcontainer, type DevcontainerModel } from '../parse/devcontainer';
import { parseDockerfile, type DockerfileModel } from '../parse/dockerfile';
import { kept } from '../core/kept';
import { compareRanges } from '../core/positions';
import fileTooLarge from '../rules/file-too-large';
import ignoreComment, { MESSAGE_SEVERITY, requireReasonFrom, type RequireReason } from '../rules/ignore-comment';
import syntaxError from '../rules/syntax-error';
import hardenService from '../rules/harden-service';
import { applySuppressions } from './apply-suppressions';
import { activate, findingSeverity, isAdvice, severityRank, type ActiveRule } from './config';
import { foldServiceAdvice, keepServiceKeyLabels } from './fold-advice';
import { removeIgnoredRule } from '../edit/ignore-edits';
import { composeDirectives, dockerfileDirectives, type IgnoreDirective } from '../parse/ignore-directives';
import { devcontainerDirectives } from '../parse/devcontainer-directives';
import { formatMessage, type BaseContext, type Rule } from '../rule-api/rule';
import { LazyFinding } from './lazy-fixes';
import { DEFAULT_MAX_FILE_SIZE, type Finding, type Fix, type FixSafety, type LintConfig, type LintInput, type Range, type TextEdit } from '../core/types';

/** The model of a text of any kind, as the rules read it. */
export type LintModel = DockerfileModel | ComposeModel | DevcontainerModel;
type Model = LintModel;

export interface InternalError {
  ruleId: string;
  message: string;
  stack?: string;
}

export interface LintResult {
  findings: Finding[];
  /**
   * Rules that threw. Their findings are missing; every other rule's are present. A fix function
   * that throws when its fixes are first read adds its error here then (that finding has no fixes).
   */
  internalErrors: InternalError[];
  /** The model the rules read; null when the text was not parsed (too large, unparsable). */
  model: Model | null;
  /** Findings a `bulkhead-ignore` comment hid, with the comment (its kind, line and reason): the checklist lists them. */
  suppressed: SuppressedFinding[];
  /** Every `bulkhead-ignore` comment of the text (empty when it was not parsed). */
  directives: IgnoreDirective[];
  /** Why the rules did not run on this text (null: they did): too large, unparsable, or Compose syntax errors. */
  notAnalysed: 'tooLarge' | 'unparsable' | 'syntaxErrors' | null;
}

export interface SuppressedFinding {
  finding: Finding;
  directive: IgnoreDirective;
}

/**
 * The size bound of every edge (editor, CLI, CI): longer texts are not parsed, and the result is one
 * `file-too-large` finding. Real files are a few kilobytes.
 */
export { DEFAULT_MAX_FILE_SIZE };

/**
 * The rules a configuration enables, computed once per (configuration, rule list): linting many
 * files reuses it. Activation reads only `rules` and `profile`, so a configuration built again with
 * the same ones (the editor merges a document's settings into a new object for each analysis)
 * reuses the activation too, instead of activating every rule on every keystroke.
 */
const activations = new WeakMap<LintConfig, WeakMap<readonly Rule[], ActiveRule[]>>();
const activationsBySettings = new WeakMap<readonly Rule[], Map<string, ActiveRule[]>>();
export function enabledRules(rules: readonly Rule[], config: LintConfig): ActiveRule[] {
  let byRules = activations.get(config);
  if (!byRules) activations.set(config, (byRules = new WeakMap()));
  let enabled = byRules.get(rules);
  if (!enabled) {
    let bySettings = activationsBySettings.get(rules);
    if (!bySettings) activationsBySettings.set(rules, (bySettings = new Map()));
    const key = JSON.stringify([config.rules ?? null, config.profile ?? null]);
    enabled = kept(bySettings, key, 64, () => rules.map((r) => activate(r, config)).filter((a): a is ActiveRule => a !== null));
    byRules.set(rules, enabled);
  }
  return enabled;
}

/**
 * Runs the given rules on one text: parse once, every rule's check, then the suppressions.
 * `knownIds` are the rule ids an ignore comment may name without being reported as unknown (every
 * rule of the registry, also those not run here). This file does not load the registry itself, so
 * a caller that runs one rule (a rule's tests) loads only that rule; `lint.ts` binds the registry.
 */
export interface RunOptions {
  /**
   * Keep fixes given as functions unbuilt until `finding.fixes` is read (see lazy-fixes.ts): the
   * language server, which keeps each document's model anyway and needs fixes only for a code
   * action. Otherwise (the CLI, tests) every fix is built while its rule runs, and a fix that
   * throws is that rule's internal error like any other.
   */
  lazyFixes?: boolean;
}

export function runRules(input: LintInput, config: LintConfig, rules: readonly Rule[], knownIds: ReadonlySet<string>, options: RunOptions = {}): LintResult {
  const findings: Finding[] = [];
  const internalErrors: InternalError[] = [];
  const limit = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (input.truncated) return { findings: wholeFileFinding(fileTooLarge, 'tooLargeBytes', { bytes: input.truncated.bytes, limit }, input.text, config), internalErrors, model: null, suppressed: [], directives: [], notAnalysed: 'tooLarge' };
  if (input.text.length > limit) return { findings: wholeFileFinding(fileTooLarge, 'tooLarge', { size: input.text.length, limit }, input.text, config), internalErrors, model: null, suppressed: [], directives: [], notAnalysed: 'tooLarge' };
  const enabled = enabledRules(rules, config);
  const active = enabled.filter((a) => a.rule.meta.targets.includes(input.kind));

  let model: Model;
  try {
    model = input.kind === 'dockerfile' ? parseDockerfile(input.text) : input.kind === 'devcontainer' ? parseDevcontainer(input.text) : parseCompose(input.text);
  } catch (e) {
    findings.push(...wholeFileFinding(syntaxError, 'unparsable', { reason: e instanceof Error ? e.message : String(e) }, input.text, config));
    return { findings, internalErrors, model: null, suppressed: [], directives: [], notAnalysed: 'unparsable' };
  }

  // A Compose or Dev Container file with syntax errors gets its first syntax error only: findings on
  // a half-parsed document would be guesses.
  const runnable =
    input.kind !== 'dockerfile' && (model as ComposeModel | DevcontainerModel).syntaxErrors.length > 0
      ? active.filter((a) => a.rule === syntaxError)
      : active;

  // Findings that name a gap of their Compose service (`meta.gapLabels`), with the gap's name: a
  // `bulkhead-ignore harden-service` suppresses them in any profile. Under the default profile, those
  // shown as hints are folded into one harden-service finding per service (fold-advice.ts).
  const group = input.kind === 'compose' && (config.profile ?? 'default') === 'default' ? activate(hardenService, config) : null;
  const labels = new Map<Finding, string>();
  const hinted = new Set<Finding>();
  for (const a of runnable) {
    const check = input.kind === 'dockerfile' ? a.rule.dockerfile : input.kind === 'devcontainer' ? a.rule.devcontainer : a.rule.compose;
    if (!check) continue;
    try {
      check(context(a, input, config, findings, model, input.kind === 'compose' ? { labels, hinted } : null, options.lazyFixes ? internalErrors : null) as never);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      internalErrors.push({ ruleId: a.rule.meta.id, message: err.message, stack: err.stack });
    }
  }
  if (input.kind === 'compose') keepServiceKeyLabels(model as ComposeModel, labels);
  const outcome = runnable === active ? suppress(input.kind, model, findings, enabled, config, knownIds, labels) : { kept: findings, suppressed: [], directives: [] };
  let kept = outcome.kept;
  if (group) {
    const foldable = new Map([...labels].filter(([f]) => hinted.has(f)));
    kept = foldServiceAdvice(model as ComposeModel, kept, foldable, findingSeverity(group, 'service'));
  }
  kept.sort(compareFindings);
  return { findings: kept, internalErrors, model, suppressed: outcome.suppressed, directives: outcome.directives, notAnalysed: runnable === active ? null : 'syntaxErrors' };
}

/**
 * Applies `# bulkhead-ignore` comments and adds the `ignore-comment` findings about them; returns
 * the findings kept, those the comments hid (with the comment) and the comments. A finding that
 * names a gap of its service (it has a label, and folds into `harden-service` when shown as a hint)
 * is suppressed by its own rule id or by `harden-service`: it is checked under each id, and listed
 * once among the suppressed.
 */
function suppress(
  kind: LintInput['kind'],
  model: Model,
  findings: Finding[],
  enabled: readonly ActiveRule[],
  config: LintConfig,
  knownIds: ReadonlySet<string>,
  labels: ReadonlyMap<Finding, string>,
): { kept: Finding[]; suppressed: SuppressedFinding[]; directives: IgnoreDirective[] } {
  const directives =
    kind === 'dockerfile' ? dockerfileDirectives(model as DockerfileModel) : kind === 'devcontainer' ? devcontainerDirectives(model as DevcontainerModel) : composeDirectives(model as ComposeModel);
  if (directives.length === 0) return { kept: findings, suppressed: [], directives };
  const known = new Set([...knownIds, ...enabled.map((a) => a.rule.meta.id)]);
  const enabledIds = new Set(enabled.map((a) => a.rule.meta.id));
  const meta = activate(ignoreComment, config);
  // Ignores of rules at or above `requireReason` must say why (only while ignore-comment is on).
  const threshold = reasonThreshold(config);
  const needsReason = new Set(threshold === 'never' ? [] : enabled.filter((a) => severityRank(a.severity) >= severityRank(threshold)).map((a) => a.rule.meta.id));
  const twins = new Map<Finding, Finding>();
  for (const f of findings) if (labels.has(f)) twins.set(f, { ...f, ruleId: hardenService.meta.id });
  if (twins.size > 0) enabledIds.add(hardenService.meta.id);
  const originals = new Map([...twins].map(([f, twin]) => [twin, f]));
  const outcome = applySuppressions([...findings, ...twins.values()], directives, known, enabledIds, needsReason);
  const survivors = new Set(outcome.kept);
  const kept = findings.filter((f) => survivors.has(f) && (!twins.has(f) || survivors.has(twins.get(f)!)));
  // A finding hidden under its own id and under harden-service is listed once, as itself.
  const seen = new Set<Finding>();
  const suppressed: SuppressedFinding[] = [];
  for (const s of outcome.suppressed) {
    const finding = originals.get(s.finding) ?? s.finding;
    if (seen.has(finding)) continue;
    seen.add(finding);
    suppressed.push({ ...s, finding });
  }
  const { problems } = outcome;
  const done = { kept, suppressed, directives };
  if (!meta) return done;
  const fileIgnores = directives.filter((d) => d.kind === 'file').some((d) => d.rules.some((r) => r.id === ignoreComment.meta.id));
  if (fileIgnores) return done;
  // A severity set in the configuration applies to every message; otherwise each message has its own default.
  const configured = config.rules?.[ignoreComment.meta.id];
  const explicit = typeof configured === 'string' || configured?.severity !== undefined;
  for (const p of problems) {
    kept.push({
      ruleId: ignoreComment.meta.id,
      messageId: p.messageId,
      practice: ignoreComment.meta.practice,
      severity: explicit ? meta.severity : (MESSAGE_SEVERITY[p.messageId] ?? meta.severity),
      message: formatMessage(ignoreComment.meta.messages[p.messageId], { id: p.id }),
      range: p.range,
      // Nothing can write the reason for the author: a missing one has no fix.
      fixes:
        p.messageId === 'missingReason'
          ? []
          : [{ title: p.ruleIndex < 0 ? 'Remove this comment' : `Remove "${p.id}" from this comment`, safety: 'safe', edits: [removeIgnoredRule(model.index, p.directive, p.ruleIndex)] }],
    });
  }
  return done;
}

/** The lowest severity of a rule whose ignores must say why (ignore-comment's `requireReason`), or `never` when ignore-comment is off. */
export function reasonThreshold(config: LintConfig): RequireReason {
  const meta = activate(ignoreComment, config);
  return meta ? requireReasonFrom(meta.options) : 'never';
}

function context(
  a: ActiveRule,
  input: LintInput,
  config: LintConfig,
  sink: Finding[],
  model: Model,
  gaps: { labels: Map<Finding, string>; hinted: Set<Finding> } | null,
  lazyErrors: InternalError[] | null,
): BaseContext<string> & { model: Model } {
  const meta = a.rule.meta;
  const onLazyError = lazyErrors
    ? (e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        lazyErrors.push({ ruleId: meta.id, message: `its fix failed: ${err.message}`, stack: err.stack });
      }
    : null;
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
      const message = formatMessage(template, data);
      const finding: Finding =
        typeof fixes === 'function' && onLazyError
          ? new LazyFinding(meta.id, messageId, meta.practice, severity, message, range, fixes, onLazyError)
          : { ruleId: meta.id, messageId, practice: meta.practice, severity, message, range, fixes: typeof fixes === 'function' ? fixes() : (fixes ?? []) };
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
