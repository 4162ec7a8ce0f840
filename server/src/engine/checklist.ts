import type { ChecklistStatus } from '../shared/protocol';
import { PRACTICES, type Practice } from '../shared/practices';
import { RULES } from '../rules';
import { activate } from './config';
import { compareFindings } from './lint';
import { unfoldFindings } from './fold-advice';
import type { Rule } from '../rule-api/rule';
import type { Finding, LintConfig, Range, Severity, Target } from '../core/types';

/**
 * The practice checklist: one status per practice for a set of analysed files. Pure: the caller
 * (CLI, language server) reads and lints the files; this only sorts the findings into practices,
 * decides what the files cannot show, and fingerprints the files behind each practice so that a
 * reviewer's tick can be dropped when they change.
 */

export type PracticeStatus = ChecklistStatus;

export interface ChecklistFile {
  /** A path or URI; used in findings and in fingerprints. */
  path: string;
  kind: Target;
  text: string;
  findings: readonly Finding[];
  /** The configuration this file was linted with, when it differs from the checklist's. */
  config?: LintConfig;
}

export interface ChecklistFinding {
  path: string;
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fixable: boolean;
}

export interface PracticeCheck {
  practice: number;
  status: PracticeStatus;
  /** Sorted by path, then position. Empty unless the status is `findings`. */
  findings: ChecklistFinding[];
  /** What a person must confirm (the practice's review note, or why nothing checked it). */
  review: string;
  /** Changes when a file behind this practice is added, removed, renamed or edited. */
  fingerprint: string;
}

/** A note for practices no enabled rule checks (none written yet, or all turned off). */
export const UNCHECKED_REVIEW = 'No enabled Bulkhead rule checks this practice; review the files by hand.';

export function computeChecklist(files: readonly ChecklistFile[], config: LintConfig = {}, rules: readonly Rule[] = RULES): PracticeCheck[] {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const hashes = new Map(sorted.map((f) => [f, hashString(`${f.path}\u0000${f.text}`)]));
  const fingerprint = (fs: readonly ChecklistFile[]) => hashString(fs.map((f) => hashes.get(f)).join(','));
  const configOf = (f: ChecklistFile) => f.config ?? config;
  const registriesConfigured = (sorted.length > 0 ? sorted.map(configOf) : [config]).every((c) => (c.trustedRegistries?.length ?? 0) > 0);

  return PRACTICES.map((p): PracticeCheck => {
    const own = rules.filter((r) => r.meta.practice === p.number);
    const enabledTargets = (c: LintConfig): Target[] => own.filter((r) => activate(r, c) !== null).flatMap((r) => [...r.meta.targets]);
    const relevant = sorted.filter((f) => enabledTargets(configOf(f)).includes(f.kind));
    const findings = sorted.flatMap((f) =>
      // A grouped finding (harden-service) counts as each finding it folds, under each one's practice.
      unfoldFindings(f.findings)
        .filter((x) => x.practice === p.number)
        .sort(compareFindings)
        .map((x) => ({ path: f.path, ruleId: x.ruleId, severity: x.severity, message: x.message, range: x.range, fixable: x.fixes.length > 0 })),
    );
    const result = (status: PracticeStatus, behind: readonly ChecklistFile[], review = p.review): PracticeCheck => ({
      practice: p.number,
      status,
      findings: status === 'findings' ? findings : [],
      review,
      fingerprint: fingerprint(behind),
    });

    if (findings.length > 0) return result('findings', sorted.filter((f) => relevant.includes(f) || unfoldFindings(f.findings).some((x) => x.practice === p.number)));
    if (needsPerson(p, registriesConfigured)) return result('needs-person', sorted, p.review || UNCHECKED_REVIEW);
    if (relevant.length > 0) return result('passed', relevant);
    // Files the practice is about, but no enabled rule looked at them (none written, or turned off).
    const kinds: readonly Target[] = own.length > 0 ? own.flatMap((r) => r.meta.targets) : ['dockerfile', 'compose'];
    const unchecked = sorted.filter((f) => kinds.includes(f.kind));
    if (unchecked.length > 0) return result('needs-person', unchecked, p.review && !p.needsPerson ? `${UNCHECKED_REVIEW} ${p.review}` : UNCHECKED_REVIEW);
    return result('not-applicable', relevant);
  });
}

function needsPerson(p: Practice, registriesConfigured: boolean): boolean {
  return p.needsPerson === 'always' || (p.needsPerson === 'unless-registries' && !registriesConfigured);
}

/**
 * A stable, non-cryptographic 64-bit hash (two 32-bit FNV-1a/murmur-mixed lanes) as 16 hex
 * digits. Enough to notice that a file changed; the engine has no crypto module in the browser.
 */
export function hashString(s: string): string {
  let h1 = 0xdeadbeef ^ s.length;
  let h2 = 0x41c6ce57 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
