import { resolve } from 'node:path';
import { buildChecklist, type ChecklistFile } from '../engine/checklist';
import { findForge } from '../engine/checklist-forge';
import { renderChecklistMarkdown } from '../shared/checklist-markdown';
import { countStatuses, type ChecklistReport, type ReportFinding, type RuleOverride } from '../shared/checklist-report';
import { analyse, displayPath, type CliIo } from './analyse';
import { withDevcontainerReferences, type ReferencedFile } from '../engine/devcontainer-references';
import { lintDetailed } from '../engine/lint';
import { DEFAULT_MAX_FILE_SIZE } from '../core/types';
import { readTextFile } from '../node-fs/read-text';
import { safeText } from './terminal-text';
import type { Analysed, AnalysedFile } from './analyse';
import type { ChecklistArgs } from './args';
import type { JsonFinding } from './report';

/**
 * `bulkhead checklist [PATH...] [--format markdown|json]`: the practice checklist for the files
 * `check` would analyse, with the same discovery, configuration and ignore globs. It is a report,
 * not a gate: the exit code is 0 unless a file or the configuration could not be read (2).
 * Links point at the forge when the working directory is in a git checkout with a known remote.
 */
export function checklist(args: ChecklistArgs, io: CliIo): number {
  const analysed = analyse(args, io);
  const { problems, internal, configs } = analysed;
  // A dev container's checklist includes the Dockerfile and Compose files behind it.
  const files = withDevcontainerReferences(analysed.files, (f) => f.abs, (ref, from) => analyseReferenced(ref, from, io, analysed));
  const base = configs.forArgument(resolve(io.cwd, args.paths[0] ?? '.')).config;
  const report = buildChecklist(
    files.map(
      (f): ChecklistFile => ({
        path: f.path,
        kind: f.kind,
        text: f.text,
        findings: f.findings,
        ...f.lint,
        config: f.config,
        layers: f.configPath ? [{ source: { kind: 'config-file', file: displayPath(io.cwd, f.configPath) }, rules: f.config.rules }] : [],
      }),
    ),
    { config: base, ...forgeOf(io.cwd) },
  );
  if (args.format === 'json') io.stdout(formatChecklistJson(report));
  else io.stdout(renderChecklistMarkdown(report, { files: report.files.length }));
  return problems.length > 0 || internal > 0 || configs.problems > 0 ? 2 : 0;
}

/**
 * Small text files of a checkout's `.git` (HEAD, refs, config, packed-refs), read under the
 * file-system policy: regular files only, at most 64 KiB, never through a link out of that `.git`
 * folder (or, for a worktree's `.git` file, its folder); anything else reads as missing.
 */
function readGitFile(path: string): string | undefined {
  const inside = path.lastIndexOf('/.git/');
  const within = inside >= 0 ? path.slice(0, inside + 5) : path.endsWith('/.git') ? path.slice(0, -5) || '/' : null;
  if (within === null) return undefined;
  const r = readTextFile(path, { maxChars: 65_536, within });
  return 'text' in r && r.complete ? r.text : undefined;
}

function forgeOf(cwd: string): { forge?: NonNullable<ChecklistReport['forge']> } {
  const found = findForge(resolve(cwd).replace(/\\/g, '/'), readGitFile);
  return found ? { forge: found.forge } : {};
}

/**
 * Reads and lints a file a dev container refers to, inside the dev container's boundary (a
 * reference cannot reach out of the repository); undefined when the configuration's `ignore`
 * excludes it. One that cannot be read is reported, and listed as not analysed (`notRead`) so that
 * no practice reads "passed" for a file nobody saw; one over the size limit gets `file-too-large`,
 * as a file found directly does.
 */
function analyseReferenced(ref: ReferencedFile, from: AnalysedFile, io: CliIo, analysed: Analysed): AnalysedFile | undefined {
  const within = analysed.boundaries.rootOf(from.abs, false);
  const { config, ignored, file } = analysed.configs.for(ref.path, within);
  if (ignored) return undefined;
  const maxChars = config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const readText = (p: string) => {
    const r = readTextFile(p, { maxChars, within });
    return 'text' in r && r.complete ? r.text : undefined;
  };
  const path = displayPath(io.cwd, ref.path);
  const base = { path, abs: ref.path, kind: ref.kind, config, configPath: file?.path ?? null };
  const read = readTextFile(ref.path, { maxChars, within });
  if ('problem' in read) {
    analysed.problems.push({ path: ref.path, reason: read.problem });
    io.stderr(`bulkhead: ${safeText(`${path}: ${read.problem}; ${from.path} refers to it, so the checklist does not cover it`)}\n`);
    return { ...base, text: '', findings: [], lint: { suppressed: [], directives: [], notAnalysed: 'notRead' } };
  }
  const result = lintDetailed({ text: read.text, kind: ref.kind, uri: ref.path, related: { read: readText }, ...(read.complete ? {} : { truncated: { bytes: read.bytes } }) }, config);
  const lint = { suppressed: result.suppressed, directives: result.directives, notAnalysed: result.notAnalysed };
  return { ...base, text: read.text, findings: result.findings, lint };
}

function jsonFinding(f: ReportFinding, practice: number): JsonFinding {
  return {
    file: f.file,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    rule: f.ruleId,
    practice,
    severity: f.severity,
    message: f.message,
    fixable: f.fixable,
  };
}

function jsonOverride(o: RuleOverride) {
  return { rule: o.ruleId, practice: o.practice, setting: o.setting, default: o.default, effect: o.effect, source: o.source };
}

/** The checklist JSON contract, version 2 (see docs/checklist.md). */
export function formatChecklistJson(report: ChecklistReport): string {
  const out = {
    version: 2,
    files: report.files,
    ...(report.forge ? { commit: report.forge.commit } : {}),
    counts: countStatuses(report.practices),
    practices: report.practices.map((c) => ({
      practice: c.practice,
      group: c.group,
      title: c.title,
      short: c.short,
      status: c.status,
      review: c.review,
      fingerprint: c.fingerprint,
      severities: c.counts,
      findings: c.findings.map((f) => jsonFinding(f, c.practice)),
      suppressed: c.suppressed.map((s) => ({ ...jsonFinding(s, c.practice), ignore: { kind: s.ignore.kind, line: s.ignore.line + 1, reason: s.ignore.reason } })),
      overrides: c.overrides.map(jsonOverride),
      unchecked: c.unchecked,
    })),
    configuration: {
      overrides: report.configuration.overrides.map(jsonOverride),
      fileIgnores: report.configuration.fileIgnores.map((i) => ({ ...i, line: i.line + 1 })),
    },
  };
  return JSON.stringify(out, null, 2) + '\n';
}
