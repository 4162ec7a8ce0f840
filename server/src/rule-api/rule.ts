import type { ComposeModel } from '../parse/compose';
import type { DevcontainerModel } from '../parse/devcontainer';
import type { DockerfileModel } from '../parse/dockerfile';
import type { Fix, FixSafety, LintConfig, Range, RelatedFiles, Severity, Target, TextEdit } from '../core/types';

/** Peer tools whose equivalent rule ids a rule lists, so users moving from them find the match. */
export type Peer = 'hadolint' | 'kics' | 'trivy' | 'checkov' | 'compose-lint' | 'dclint' | 'buildkit' | 'semgrep';

export interface RuleExample {
  kind: Target;
  code: string;
  /** Settings the example needs, as plain data: a registry policy, the date (`YYYY-MM-DD`) for time-dependent checks, a size limit. */
  config?: { trustedRegistries?: string[]; now?: string; maxFileSize?: number };
}

export interface RuleOptionSpec {
  type: 'boolean' | 'number' | 'string' | 'string[]';
  default: unknown;
  description: string;
}

/** Plain, JSON-serialisable metadata: the single source of docs, hover, schemas, SARIF and the checklist. */
export interface RuleMeta {
  /** kebab-case, stable forever. */
  id: string;
  /** Practice number (1-20) in `practices.ts`. */
  practice: number;
  title: string;
  severity: Severity;
  targets: readonly Target[];
  /** False for opt-in rules (noisy on real files). */
  enabledByDefault?: boolean;
  /** The safety of the fixes this rule offers; absent when it offers none. */
  fix?: FixSafety;
  docs: {
    /** One sentence: what is flagged. */
    summary: string;
    /** Why it matters (Markdown). */
    rationale: string;
    /** How to fix it (Markdown). */
    howToFix: string;
    references?: readonly string[];
  };
  /** Message templates with `{name}` placeholders, keyed by message id. */
  messages: Readonly<Record<string, string>>;
  /**
   * Default severities of messages that report a lesser (or graver) variant of the rule's risk, by
   * message id; other messages take `severity`. A severity set for the rule in configuration applies
   * to every message.
   */
  messageSeverity?: Readonly<Record<string, Severity>>;
  examples: { bad: readonly RuleExample[]; good: readonly RuleExample[] };
  aliases?: Partial<Record<Peer, readonly string[]>>;
  options?: Readonly<Record<string, RuleOptionSpec>>;
}

export interface ReportDescriptor<Id extends string> {
  messageId: Id;
  data?: Record<string, string | number>;
  range: Range;
  fixes?: Fix[];
}

export interface BaseContext<Id extends string> {
  uri: string | undefined;
  config: LintConfig;
  /** This rule's options, with defaults applied. */
  options: Record<string, unknown>;
  related: RelatedFiles | undefined;
  report(descriptor: ReportDescriptor<Id>): void;
  /** Builds a fix with the rule's declared safety (or an explicit one). */
  fix(title: string, edits: TextEdit[], safety?: FixSafety): Fix;
}

export interface DockerfileContext<Id extends string = string> extends BaseContext<Id> {
  model: DockerfileModel;
}

export interface ComposeContext<Id extends string = string> extends BaseContext<Id> {
  model: ComposeModel;
}

export interface DevcontainerContext<Id extends string = string> extends BaseContext<Id> {
  model: DevcontainerModel;
}

export interface Rule<M extends RuleMeta = RuleMeta> {
  meta: M;
  dockerfile?(ctx: DockerfileContext<Extract<keyof M['messages'], string>>): void;
  compose?(ctx: ComposeContext<Extract<keyof M['messages'], string>>): void;
  devcontainer?(ctx: DevcontainerContext<Extract<keyof M['messages'], string>>): void;
}

/** Declares a rule; message ids are typed from `meta.messages`. Metadata is validated by tests. */
export function defineRule<const M extends RuleMeta>(rule: Rule<M>): Rule<M> {
  return rule;
}

export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (data && name in data ? String(data[name]) : whole));
}
