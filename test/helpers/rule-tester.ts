import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../server/src/edit/apply-edits';
import { runRules } from '../../server/src/engine/run-rules';
import { RULE_IDS } from '../../server/src/rules/ids';
import type { Rule } from '../../server/src/rule-api/rule';
import type { Finding, Fix, LintConfig, Range, RelatedFiles, Target } from '../../server/src/core/types';

/**
 * Table tests for one rule, in the spirit of ESLint's RuleTester:
 * - `valid` cases produce no finding from the rule;
 * - `invalid` cases produce exactly the listed findings (message id and range), and no other;
 * - `output` is the text after applying the fix named by `fix` (default: each finding's first fix);
 * - the rule's own `meta.examples` run too: every bad example is flagged, every good one is clean.
 * Ranges are written `line:col-line:col`, 1-based like an editor's status bar, end exclusive.
 */

export interface ValidCase {
  name?: string;
  kind?: Target;
  code: string;
  config?: LintConfig;
  files?: Record<string, string>;
  /** Other rules to run alongside (their findings are not checked), e.g. for suppression tests. */
  alongside?: Rule[];
  /** The file's path, when not the default for its kind (`/work/project/Dockerfile`...). */
  uri?: string;
}

export interface ExpectedFinding {
  messageId: string;
  at: string;
  /** Checked when given: the exact rendered message. */
  message?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** The text after applying the fixes (see `fix`). Required when the findings carry fixes. */
  output?: string;
  /** The title of the fix to apply (substring match); default: every finding's first fix. */
  fix?: string;
  /** For fixes that edit other files (`Fix.otherFiles`): each such file's text after the fix, by path. */
  outputFiles?: Record<string, string>;
}

const KNOWN_IDS: ReadonlySet<string> = new Set(RULE_IDS);
/** Where a case's file sits in the project (`files` are relative to `/work/project/` too). */
const FILE_NAMES: Record<Target, string> = { dockerfile: 'Dockerfile', compose: 'compose.yaml', devcontainer: '.devcontainer/devcontainer.json' };

export function kindOf(code: string, rule: Rule): Target {
  if (rule.meta.targets.length === 1) return rule.meta.targets[0];
  // JSON with comments: a Dev Container configuration.
  if (rule.meta.targets.includes('devcontainer') && /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*\{/.test(code)) return 'devcontainer';
  return /^\s*services\s*:/m.test(code) ? 'compose' : 'dockerfile';
}

export function at(range: Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

function related(files: Record<string, string> | undefined): RelatedFiles | undefined {
  if (!files) return undefined;
  return { read: (path: string) => files[path] };
}

export function runRule(rule: Rule, c: ValidCase): Finding[] {
  const config: LintConfig = { ...c.config, rules: { [rule.meta.id]: rule.meta.severity, ...c.config?.rules } };
  const kind = c.kind ?? kindOf(c.code, rule);
  const rules = [rule, ...(c.alongside ?? [])];
  const result = runRules({ text: c.code, kind, uri: c.uri ?? '/work/project/' + FILE_NAMES[kind], related: related(c.files) }, config, rules, KNOWN_IDS);
  if (result.internalErrors.length > 0) throw new Error(`rule threw: ${result.internalErrors[0].message}\n${result.internalErrors[0].stack}`);
  return result.findings.filter((f) => f.ruleId === rule.meta.id);
}

export function testRule(rule: Rule, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
  const id = rule.meta.id;
  describe(id, () => {
    const seen = new Set<string>();
    const all = [...cases.valid.map((v) => (typeof v === 'string' ? { code: v } : v)), ...cases.invalid];
    for (const c of all) {
      const key = JSON.stringify([c.kind, c.code, c.config, c.files, c.uri]);
      if (seen.has(key)) throw new Error(`${id}: duplicate test case:\n${c.code}`);
      seen.add(key);
    }

    cases.valid.forEach((v, n) => {
      const c = typeof v === 'string' ? { code: v } : v;
      it(`valid #${n + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        expect(runRule(rule, c).map((f) => `${at(f.range)} ${f.message}`)).toEqual([]);
      });
    });

    cases.invalid.forEach((c, n) => {
      it(`invalid #${n + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        expect(c.errors.length, 'an invalid case lists at least one finding').toBeGreaterThan(0);
        const findings = runRule(rule, c);
        const got = findings.map((f) => ({ messageId: f.messageId, at: at(f.range) }));
        expect(got).toEqual(c.errors.map((e) => ({ messageId: e.messageId, at: e.at })));
        c.errors.forEach((e, i) => {
          if (e.message !== undefined) expect(findings[i].message).toBe(e.message);
        });
        const fixes = findings.flatMap((f) => f.fixes);
        if (fixes.length > 0 && !rule.meta.fix) throw new Error(`${id} returns fixes but declares no meta.fix`);
        for (const fx of fixes) {
          if (fx.safety === 'safe' && rule.meta.fix !== 'safe') throw new Error(`${id}: a safe fix needs meta.fix "safe"`);
        }
        if (c.output !== undefined) {
          const chosen = c.fix ? findings.map((f) => f.fixes.find((x) => x.title.includes(c.fix!))).filter((x) => x) : findings.map((f) => f.fixes[0]).filter((x) => x);
          expect(chosen.length, 'a case with output has a fix to apply').toBeGreaterThan(0);
          const edits = chosen.flatMap((fx) => fx!.edits);
          const fixed = applyEdits(c.code, dedupe(edits));
          expect(fixed).toBe(c.output);
          const files = applyOtherFiles(c, chosen.flatMap((fx) => fx!.otherFiles ?? []));
          // The fix removes what it fixes, and applying it again changes nothing more.
          const after = runRule(rule, { ...c, code: fixed, files });
          const again = after.flatMap((f) => (c.fix ? f.fixes.filter((x) => x.title.includes(c.fix!)) : f.fixes.slice(0, 1)));
          expect(again.length, 'no fix of the same kind is offered after applying it').toBe(0);
        } else if (fixes.length > 0) {
          throw new Error(`${id}: invalid case #${n + 1} has fixes; give its output`);
        }
      });
    });

    // Examples run as the only file of an otherwise empty project (cross-file rules read nothing else).
    describe('meta.examples', () => {
      rule.meta.examples.bad.forEach((ex, n) => {
        it(`bad example #${n + 1} is flagged`, () => {
          expect(runRule(rule, { kind: ex.kind, code: ex.code, config: exampleConfig(ex.config), files: {} }).length).toBeGreaterThan(0);
        });
      });
      rule.meta.examples.good.forEach((ex, n) => {
        it(`good example #${n + 1} is clean`, () => {
          expect(runRule(rule, { kind: ex.kind, code: ex.code, config: exampleConfig(ex.config), files: {} }).map((f) => f.message)).toEqual([]);
        });
      });
    });
  });
}

/** An example's plain-data settings as a lint configuration. */
export function exampleConfig(c: { trustedRegistries?: string[]; now?: string; maxFileSize?: number } | undefined): LintConfig | undefined {
  if (!c) return undefined;
  return {
    ...(c.trustedRegistries ? { trustedRegistries: c.trustedRegistries } : {}),
    ...(c.now ? { now: new Date(c.now) } : {}),
    ...(c.maxFileSize !== undefined ? { maxFileSize: c.maxFileSize } : {}),
  };
}

/** Applies the fixes' edits to other files (created empty when `create`), checks them against `outputFiles`, returns the new file set. */
function applyOtherFiles(c: InvalidCase, others: NonNullable<Fix['otherFiles']>): Record<string, string> | undefined {
  if (others.length === 0) {
    expect(c.outputFiles, 'outputFiles is only for fixes that edit other files').toBeUndefined();
    return c.files;
  }
  expect(c.outputFiles, 'a fix that edits other files needs outputFiles').toBeDefined();
  const files: Record<string, string> = { ...c.files };
  const paths = [...new Set(others.map((o) => o.path))];
  for (const path of paths) {
    const mine = others.filter((o) => o.path === path);
    const base = files[path] ?? (mine.some((o) => o.create) ? '' : undefined);
    expect(base, `${path} exists or is created`).toBeDefined();
    files[path] = applyEdits(base!, dedupe(mine.flatMap((o) => o.edits)));
  }
  expect(Object.fromEntries(paths.map((p) => [p, files[p]]))).toEqual(c.outputFiles);
  return files;
}

function dedupe<T>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = JSON.stringify(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
