import { parseCompose, type ComposeModel } from '../parse/compose';
import { parseDockerfile, type DockerfileModel } from '../parse/dockerfile';
import { compareRanges } from '../parse/positions';
import { RULES } from '../rules';
import syntaxError from '../rules/syntax-error';
import { activate, type ActiveRule } from './config';
import { formatMessage, type BaseContext, type Rule } from './rule';
import type { Finding, Fix, FixSafety, LintConfig, LintInput, Range, TextEdit } from './types';

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

export function lint(input: LintInput, config: LintConfig = {}): Finding[] {
  return lintDetailed(input, config).findings;
}

export function lintDetailed(input: LintInput, config: LintConfig = {}, rules: readonly Rule[] = RULES): LintResult {
  const findings: Finding[] = [];
  const internalErrors: InternalError[] = [];
  const active = rules
    .filter((r) => r.meta.targets.includes(input.kind))
    .map((r) => activate(r, config))
    .filter((a): a is ActiveRule => a !== null);

  let model: DockerfileModel | ComposeModel;
  try {
    model = input.kind === 'dockerfile' ? parseDockerfile(input.text) : parseCompose(input.text);
  } catch (e) {
    findings.push(parseFailure(e));
    return { findings, internalErrors };
  }

  // A Compose file with YAML errors gets its first syntax error only: findings on a half-parsed
  // document would be guesses.
  const runnable =
    input.kind === 'compose' && (model as ComposeModel).syntaxErrors.length > 0
      ? active.filter((a) => a.rule === syntaxError)
      : active;

  for (const a of runnable) {
    const ctx = context(a, input, config, findings);
    try {
      if (input.kind === 'dockerfile') a.rule.dockerfile?.({ ...ctx, model: model as DockerfileModel });
      else a.rule.compose?.({ ...ctx, model: model as ComposeModel });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      internalErrors.push({ ruleId: a.rule.meta.id, message: err.message, stack: err.stack });
    }
  }
  findings.sort(compareFindings);
  return { findings, internalErrors };
}

function context(a: ActiveRule, input: LintInput, config: LintConfig, sink: Finding[]): BaseContext<string> {
  const meta = a.rule.meta;
  return {
    uri: input.uri,
    config,
    options: a.options,
    related: input.related,
    report({ messageId, data, range, fixes }) {
      const template = meta.messages[messageId];
      if (template === undefined) throw new Error(`unknown message id "${messageId}"`);
      sink.push({
        ruleId: meta.id,
        messageId,
        practice: meta.practice,
        severity: a.severity,
        message: formatMessage(template, data),
        range,
        fixes: fixes ?? [],
      });
    },
    fix(title: string, edits: TextEdit[], safety?: FixSafety): Fix {
      return { title, safety: safety ?? meta.fix ?? 'suggestion', edits };
    },
  };
}

function parseFailure(e: unknown): Finding {
  const range: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  return {
    ruleId: syntaxError.meta.id,
    messageId: 'unparsable',
    practice: syntaxError.meta.practice,
    severity: 'error',
    message: formatMessage(syntaxError.meta.messages.unparsable, { reason: e instanceof Error ? e.message : String(e) }),
    range,
    fixes: [],
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return compareRanges(a.range, b.range) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}
