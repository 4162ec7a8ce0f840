import type { ComposeModel } from '../parse/compose';
import type { DevcontainerModel } from '../parse/devcontainer';
import type { DockerfileModel } from '../parse/dockerfile';
import type { Fix, FixSafety, LintConfig, Range, RelatedFiles, Severity, Target, TextEdit } from '../core/types';
import { kept } from '../core/kept';

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

/**
 * What a rule's findings are, which decides how the `default` profile shows them:
 * - `risk`: something in the file a reviewer would act on (a secret, a privileged container, a
 *   root user); shown at the rule's severity.
 * - `advice`: a protective setting that is not present (read-only root, cap_drop, a health check,
 *   OCI labels), a leaner image, a deprecated key. Shown as a hint (not in the Problems panel), and
 *   on a Compose service folded into one `harden-service` finding; the `strict` profile and an
 *   explicit severity in the configuration show it at the rule's severity.
 */
export type RuleKind = 'risk' | 'advice';

/** Plain, JSON-serialisable metadata: the single source of docs, hover, schemas, SARIF and the checklist. */
export interface RuleMeta {
  /** kebab-case, stable forever. */
  id: string;
  /** Practice number (1-20) in `practices.ts`. */
  practice: number;
  title: string;
  /** The severity of a finding: of every finding of a `risk` rule, of `advice` under the `strict` profile. */
  severity: Severity;
  kind: RuleKind;
  /** The message ids of a `risk` rule that are advice (a missing CPU limit next to the risk of no memory limit). */
  adviceMessages?: readonly string[];
  /** One sentence: why the rule's default is what it is (the README's severity policy table). */
  severityReason: string;
  /**
   * Short names of what is missing, by message id, with the message's `{placeholders}`: how the
   * `harden-service` finding names this rule's advice about a service ("cap_drop: [ALL]"). Only the
   * messages listed here fold into it.
   */
  gapLabels?: Readonly<Record<string, string>>;
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

/**
 * A finding's fixes: the list, or a function that builds it. In the language server the function
 * runs only when a code action asks for the fixes (at most once per document version), so a rule
 * whose fixes cost more than its check (YAML edits, "harden service") writes `fixes: () => [...]`
 * and pays nothing on a keystroke; the CLI and the rule tester build it right away and get the same
 * `Fix[]`. It may read the model and values fixed at report time, nothing else.
 */
export type FixesSource = Fix[] | (() => Fix[]);

export interface ReportDescriptor<Id extends string> {
  messageId: Id;
  data?: Record<string, string | number>;
  range: Range;
  fixes?: FixesSource;
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

/**
 * A message template with its `{name}` placeholders filled from `data`; a placeholder `data` does
 * not name stays as written. Each template is split once into text and placeholder names
 * (`[text, name, text, name, text]`): every finding formats a message, and a regular expression
 * replace per finding was 2% of a Compose analysis. Templates come from rule metadata, a few
 * hundred in all; the kept splits are bounded all the same (`kept`).
 */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  const parts = kept(compiled, template, MAX_COMPILED, splitTemplate);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    out += data && name in data ? String(data[name]) : `{${name}}`;
    out += parts[i + 1];
  }
  return out;
}

const MAX_COMPILED = 4096;
const compiled = new Map<string, readonly string[]>();

function splitTemplate(template: string): readonly string[] {
  const parts: string[] = [];
  const placeholder = /\{(\w+)\}/g;
  let last = 0;
  for (let m = placeholder.exec(template); m !== null; m = placeholder.exec(template)) {
    parts.push(template.slice(last, m.index), m[1]);
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  return parts;
}
