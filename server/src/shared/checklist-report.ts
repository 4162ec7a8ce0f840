import type { PracticeGroup } from './practices';
import type { Range, Severity, SeveritySetting } from '../core/types';

/**
 * The checklist as plain data: what the engine's `buildChecklist` returns, what the CLI writes
 * (JSON, Markdown) and what the language server sends to the VS Code client (which renders the same
 * Markdown from it). Client-safe: types and small pure helpers only.
 *
 * Status vocabulary (the same words in the view, the export and the CLI):
 * - `findings`: a rule of the practice reported something.
 * - `passed`: every rule of the practice ran at its default severity or stricter and found nothing.
 * - `partly-checked`: nothing found, but a rule of it was turned off or lowered (settings,
 *   `.bulkhead.yaml`), or a file it applies to could not be analysed.
 * - `needs-person`: no file can show it (or every rule of it is off): a person confirms.
 * - `not-applicable`: no checked file is of a kind its rules look at.
 * A reviewer's tick is separate: it records that a person looked ("reviewed"), never "passed".
 */

export type ChecklistStatus = 'findings' | 'passed' | 'partly-checked' | 'needs-person' | 'not-applicable';

export interface ReportFinding {
  /** `/`-separated, relative to the checked root (the working directory, the workspace folder). */
  file: string;
  /** 0-based, UTF-16 columns. */
  range: Range;
  ruleId: string;
  severity: Severity;
  message: string;
  fixable: boolean;
}

/** A finding a `bulkhead-ignore` comment hid, with the comment. */
export interface ReportSuppression extends ReportFinding {
  ignore: { kind: 'line' | 'file'; /** 0-based line of the comment. */ line: number; reason: string | null };
}

/** Where a rule setting came from. */
export type ConfigSource =
  /** A `.bulkhead.yaml` (or the CLI's `--config`), by its display path. */
  | { kind: 'config-file'; file: string }
  /** Editor settings (`bulkhead.rules`): user, workspace or folder scope, or `editor` when the client did not say. */
  | { kind: 'settings'; scope: 'user' | 'workspace' | 'folder' | 'editor'; folder?: string };

export type OverrideEffect = 'off' | 'lowered' | 'raised' | 'enabled' | 'options';

/** A rule whose effective setting differs from its default, and where that was decided. */
export interface RuleOverride {
  ruleId: string;
  practice: number;
  /** The setting in force: a severity, `off`, or `options` when only options were changed. */
  setting: SeveritySetting | 'options';
  /** The rule's default severity (in the active profile); `off` for an opt-in rule. */
  default: Severity | 'off';
  /** `off` and `lowered` leave the practice partly checked. */
  effect: OverrideEffect;
  source: ConfigSource;
}

/** A `# bulkhead-ignore-file` comment. */
export interface FileIgnore {
  file: string;
  /** 0-based. */
  line: number;
  rules: string[];
  reason: string | null;
}

/** A file the rules did not run on. */
export interface UncheckedFile {
  file: string;
  reason: 'too large' | 'unparsable' | 'syntax errors' | 'not read';
}

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
  hint: number;
}

/**
 * One thing a practice's status depends on. The fingerprint is a hash of the keys; a tick keeps
 * the items it was given under, so that the view can say what changed when it no longer holds.
 */
export interface BasisItem {
  key: string;
  /** For people: "no-privileged in compose.yaml". */
  label: string;
  kind: 'finding' | 'suppressed' | 'setting' | 'files' | 'unchecked' | 'registries';
}

export interface ReportPractice {
  practice: number;
  group: PracticeGroup;
  title: string;
  short: string;
  status: ChecklistStatus;
  /** Sorted by file, then position. Non-empty exactly when the status is `findings`. */
  findings: ReportFinding[];
  counts: SeverityCounts;
  suppressed: ReportSuppression[];
  /** Every changed setting of this practice's rules (for the files checked); `off`/`lowered` ones make it partly checked. */
  overrides: RuleOverride[];
  /** Files of a kind its rules look at that were not analysed. */
  unchecked: UncheckedFile[];
  /** What a person confirms (may be empty). */
  review: string;
  /** A hash of `basis`: changes exactly when what the status depends on changes. */
  fingerprint: string;
  /** What the status depends on (capped at MAX_BASIS items; the fingerprint covers all). */
  basis: BasisItem[];
}

/** A git checkout whose remote is a known forge: links point at the files there, at this commit. */
export interface Forge {
  host: 'github' | 'gitlab' | 'bitbucket';
  /** `https://github.com/owner/repo`, without a trailing slash and without credentials. */
  web: string;
  /** The full commit SHA of HEAD. */
  commit: string;
  /** The checked root inside the repository, `/`-terminated (`''` at the top). */
  prefix: string;
}

export interface ChecklistReport {
  /** Display paths of the files checked, sorted. */
  files: string[];
  /** The 20 practices, in order. */
  practices: ReportPractice[];
  configuration: { overrides: RuleOverride[]; fileIgnores: FileIgnore[] };
  forge?: Forge;
}

export const MAX_BASIS = 200;

export interface StatusCounts {
  findings: number;
  passed: number;
  partlyChecked: number;
  notApplicable: number;
  needsPerson: number;
}

export function countStatuses(checks: readonly { status: ChecklistStatus }[]): StatusCounts {
  const n = (s: ChecklistStatus) => checks.filter((c) => c.status === s).length;
  return { findings: n('findings'), passed: n('passed'), partlyChecked: n('partly-checked'), notApplicable: n('not-applicable'), needsPerson: n('needs-person') };
}

export function countSeverities(findings: readonly { severity: Severity }[]): SeverityCounts {
  const out: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

export const STATUS_LABELS: Record<ChecklistStatus, string> = {
  findings: 'findings',
  passed: 'passed',
  'partly-checked': 'partly checked',
  'needs-person': 'needs a person',
  'not-applicable': 'not applicable',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The status as one short phrase, the same in the view's description, the export and the CLI:
 * "2 findings", "passed, 1 ignored" (hidden by `bulkhead-ignore` comments), "partly checked".
 */
export function statusText(p: Pick<ReportPractice, 'status' | 'findings' | 'suppressed'>): string {
  const head = p.status === 'findings' ? plural(p.findings.length, 'finding') : STATUS_LABELS[p.status];
  return p.suppressed.length > 0 ? `${head}, ${p.suppressed.length} ignored` : head;
}

/** How a configuration source reads: "workspace settings (bulkhead.rules)", "deploy/.bulkhead.yaml". */
export function sourceText(s: ConfigSource): string {
  if (s.kind === 'config-file') return s.file;
  if (s.scope === 'folder' && s.folder) return `folder settings of ${s.folder} (bulkhead.rules)`;
  return `${s.scope} settings (bulkhead.rules)`;
}

/** "`no-privileged`: off (default error), in workspace settings". */
export function overrideText(o: RuleOverride): string {
  const setting = o.setting === 'options' ? 'options changed' : o.setting;
  return `${o.ruleId}: ${setting} (default ${o.default}), in ${sourceText(o.source)}`;
}

/** Whether an override means the practice was not fully checked. */
export const weakens = (o: Pick<RuleOverride, 'effect'>) => o.effect === 'off' || o.effect === 'lowered';
