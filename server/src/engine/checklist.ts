import { LineIndex } from '../core/positions';
import { PRACTICES, type Practice } from '../shared/practices';
import { countSeverities, weakens, type ChecklistReport, type FileIgnore, type Forge, type ReportFinding, type ReportPractice, type ReportSuppression, type UncheckedFile } from '../shared/checklist-report';
import { RULES } from '../rules';
import { activate } from './config';
import { basisOf, capBasis, fingerprintOf, underlined, type BasisFinding } from './checklist-basis';
import { ruleOverrides, uniqueOverrides, type ConfigLayer } from './checklist-coverage';
import { compareFindings, type LintResult, type SuppressedFinding } from './run-rules';
import type { IgnoreDirective } from '../parse/ignore-directives';
import { unfoldFindings } from './fold-advice';
import type { Rule } from '../rule-api/rule';
import { TARGETS, type Finding, type LintConfig, type Target } from '../core/types';
import { pushTo } from '../core/collections';

/**
 * The practice checklist: one status per practice for a set of analysed files, the one projection
 * both the CLI and the language server use. Pure: the caller reads and lints the files (and reads
 * `.git` for links); this sorts the findings and suppressed findings into practices, works out what
 * was not fully checked (rules off or lowered, files not analysed), what no file can show, and the
 * fingerprint a reviewer's tick is tied to (see checklist-basis.ts).
 */

export type { ConfigLayer } from './checklist-coverage';

export interface ChecklistFile {
  /** The display path: `/`-separated, relative to the checked root. Used in the report, fingerprints and links. */
  path: string;
  kind: Target;
  text: string;
  findings: readonly Finding[];
  /** What `bulkhead-ignore` comments hid (LintResult.suppressed). */
  suppressed?: readonly SuppressedFinding[];
  /** The file's `bulkhead-ignore` comments (LintResult.directives): file-wide ones are listed. */
  directives?: readonly IgnoreDirective[];
  /** Why the rules did not run on it (LintResult.notAnalysed), or `notRead`: a file a dev container refers to could not be read. */
  notAnalysed?: NotAnalysed | null;
  /** The configuration this file was linted with, when it differs from the checklist's. */
  config?: LintConfig;
  /** Where its rule settings came from, in the order they apply (for the coverage list). */
  layers?: readonly ConfigLayer[];
}

/** Why a file's rules did not run: the engine's reasons, or the caller could not read the file (`notRead`). */
export type NotAnalysed = NonNullable<LintResult['notAnalysed']> | 'notRead';

export interface ChecklistOptions {
  /** The configuration of files that bring none (and of an empty scan). */
  config?: LintConfig;
  rules?: readonly Rule[];
  forge?: Forge;
}

/** A note for practices no enabled rule checks (none written yet, or all turned off). */
export const UNCHECKED_REVIEW = 'No enabled Bulkhead rule checks this practice; review the files by hand.';

const NOT_ANALYSED: Record<NotAnalysed, UncheckedFile['reason']> = {
  tooLarge: 'too large',
  unparsable: 'unparsable',
  syntaxErrors: 'syntax errors',
  notRead: 'not read',
};

interface Prepared {
  file: ChecklistFile;
  config: LintConfig;
  index: LineIndex;
  /** The file's findings by practice, in report order; a grouped finding (harden-service) counts as each finding it folds, under each one's practice. */
  findings: Map<number, Finding[]>;
  /** What its ignore comments hid, by practice, in report order. */
  suppressed: Map<number, SuppressedFinding[]>;
}

/** Sorted into practices once per file, not once per practice and file. */
function prepare(file: ChecklistFile, config: LintConfig): Prepared {
  const findings = new Map<number, Finding[]>();
  for (const x of unfoldFindings(file.findings)) pushTo(findings, x.practice, x);
  for (const list of findings.values()) list.sort(compareFindings);
  const suppressed = new Map<number, SuppressedFinding[]>();
  for (const x of file.suppressed ?? []) pushTo(suppressed, x.finding.practice, x);
  for (const list of suppressed.values()) list.sort((a, b) => compareFindings(a.finding, b.finding));
  return { file, config, index: new LineIndex(file.text), findings, suppressed };
}

export function buildChecklist(files: readonly ChecklistFile[], options: ChecklistOptions = {}): ChecklistReport {
  const rules = options.rules ?? RULES;
  const base = options.config ?? {};
  const sorted: Prepared[] = [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => prepare(file, file.config ?? base));
  const registriesConfigured = (sorted.length > 0 ? sorted.map((f) => f.config) : [base]).every((c) => (c.trustedRegistries?.length ?? 0) > 0);

  const practices = PRACTICES.map((p) => practiceCheck(p, rules.filter((r) => r.meta.practice === p.number), sorted, registriesConfigured));
  const fileIgnores: FileIgnore[] = sorted.flatMap(({ file }) =>
    (file.directives ?? []).filter((d) => d.kind === 'file').map((d) => ({ file: file.path, line: d.line, rules: d.rules.map((r) => r.id), reason: d.reason })),
  );
  const overrides = uniqueOverrides(sorted.flatMap((f) => ruleOverrides(rules.filter((r) => r.meta.targets.includes(f.file.kind)), f.config, f.file.layers)));
  return {
    files: sorted.map((f) => f.file.path),
    practices,
    configuration: { overrides, fileIgnores },
    ...(options.forge ? { forge: options.forge } : {}),
  };
}

function practiceCheck(p: Practice, own: readonly Rule[], files: readonly Prepared[], registriesConfigured: boolean): ReportPractice {
  const kinds: readonly Target[] = own.length > 0 ? own.flatMap((r) => r.meta.targets) : TARGETS;
  const always = needsPerson(p, registriesConfigured);
  // The files the practice is about: of a kind its rules look at (every file when only a person can tell).
  const considered = files.filter((f) => always || kinds.includes(f.file.kind));
  const rulesFor = (f: Prepared) => own.filter((r) => r.meta.targets.includes(f.file.kind));
  const ran = considered.some((f) => !f.file.notAnalysed && rulesFor(f).some((r) => activate(r, f.config) !== null));

  const findings: ReportFinding[] = [];
  const suppressed: ReportSuppression[] = [];
  const basisFindings: BasisFinding[] = [];
  const basisSuppressed: BasisFinding[] = [];
  for (const f of files) {
    for (const x of f.findings.get(p.number) ?? []) {
      findings.push(reportFinding(f.file.path, x));
      basisFindings.push(basisFinding(f, x));
    }
    for (const s of f.suppressed.get(p.number) ?? []) {
      suppressed.push({ ...reportFinding(f.file.path, s.finding), ignore: { kind: s.directive.kind, line: s.directive.line, reason: s.directive.reason } });
      basisSuppressed.push({ ...basisFinding(f, s.finding), reason: s.directive.reason });
    }
  }
  const overrides = uniqueOverrides(considered.flatMap((f) => ruleOverrides(rulesFor(f), f.config, f.file.layers)));
  const unchecked: UncheckedFile[] = considered.filter((f) => f.file.notAnalysed).map((f) => ({ file: f.file.path, reason: NOT_ANALYSED[f.file.notAnalysed!] }));

  let status: ReportPractice['status'];
  let review = p.review;
  if (findings.length > 0) status = 'findings';
  else if (always) {
    status = 'needs-person';
    review = p.review || UNCHECKED_REVIEW;
  } else if (considered.length === 0) status = 'not-applicable';
  else if (!ran) {
    // Files the practice is about, but no enabled rule looked at them (none written, all turned off, none parsed).
    status = 'needs-person';
    review = p.review && !p.needsPerson ? `${UNCHECKED_REVIEW} ${p.review}` : UNCHECKED_REVIEW;
  } else if (overrides.some(weakens) || unchecked.length > 0) status = 'partly-checked';
  else status = 'passed';

  const basis = basisOf({
    findings: basisFindings,
    suppressed: basisSuppressed,
    overrides,
    files: considered.map((f) => f.file.path),
    unchecked,
    ...(p.needsPerson === 'unless-registries' ? { registries: files.map((f) => f.config.trustedRegistries) } : {}),
  });
  return {
    practice: p.number,
    group: p.group,
    title: p.title,
    short: p.short,
    status,
    findings,
    counts: countSeverities(findings),
    suppressed,
    overrides,
    unchecked,
    review,
    fingerprint: fingerprintOf([{ key: `T\t${status}`, label: status, kind: 'files' }, ...basis]),
    basis: capBasis(basis),
  };
}

function reportFinding(path: string, x: Finding): ReportFinding {
  return { file: path, range: x.range, ruleId: x.ruleId, severity: x.severity, message: x.message, fixable: x.fixes.length > 0 };
}

function basisFinding(f: Prepared, x: Finding): BasisFinding {
  return { file: f.file.path, ruleId: x.ruleId, messageId: x.messageId, message: x.message, text: underlined(f.index, x.range) };
}

function needsPerson(p: Practice, registriesConfigured: boolean): boolean {
  return p.needsPerson === 'always' || (p.needsPerson === 'unless-registries' && !registriesConfigured);
}
