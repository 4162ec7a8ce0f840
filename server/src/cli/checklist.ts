import { resolve } from 'node:path';
import { computeChecklist, type ChecklistFinding, type PracticeCheck } from '../engine/checklist';
import { countStatuses, renderChecklistMarkdown } from '../shared/checklist-markdown';
import { practice } from '../shared/practices';
import { withDevcontainerReferences, type ReferencedFile } from '../engine/devcontainer-references';
import { lintDetailed } from '../engine/lint';
import { analyse, displayPath, readText, type AnalysedFile, type CliIo, type Configs } from './analyse';
import type { ChecklistArgs } from './args';
import type { JsonFinding } from './report';

/**
 * `bulkhead checklist [PATH...] [--format markdown|json]`: the practice checklist for the files
 * `check` would analyse, with the same discovery, configuration and ignore globs. It is a report,
 * not a gate: the exit code is 0 unless a file or the configuration could not be read (2).
 */
export function checklist(args: ChecklistArgs, io: CliIo): number {
  const analysed = analyse(args, io);
  const { problems, internal, configs } = analysed;
  // A dev container's checklist includes the Dockerfile and Compose files behind it.
  const files = withDevcontainerReferences(analysed.files, (f) => f.abs, (ref) => analyseReferenced(ref, io, configs));
  const base = configs.forArgument(resolve(io.cwd, args.paths[0] ?? '.')).config;
  const checks = computeChecklist(
    files.map((f) => ({ path: f.path, kind: f.kind, text: f.text, findings: f.findings, config: f.config })),
    base,
  );
  if (args.format === 'json') io.stdout(formatChecklistJson(checks, files.map((f) => f.path)));
  else io.stdout(renderChecklistMarkdown(checks, { scope: `Checked ${files.length} file${files.length === 1 ? '' : 's'}` }));
  return problems.length > 0 || internal > 0 || configs.problems > 0 ? 2 : 0;
}

/** Reads and lints a file a dev container refers to; undefined when it cannot be read. */
function analyseReferenced(ref: ReferencedFile, io: CliIo, configs: Configs): AnalysedFile | undefined {
  const { text } = readText(ref.path);
  if (text === undefined) return undefined;
  const { config } = configs.for(ref.path);
  const related = { read: (p: string) => readText(p).text };
  const findings = lintDetailed({ text, kind: ref.kind, uri: ref.path, related }, config).findings;
  return { path: displayPath(io.cwd, ref.path), abs: ref.path, kind: ref.kind, text, findings, config };
}

function jsonFinding(f: ChecklistFinding, practiceNumber: number): JsonFinding {
  return {
    file: f.path,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    rule: f.ruleId,
    practice: practiceNumber,
    severity: f.severity,
    message: f.message,
    fixable: f.fixable,
  };
}

/** The checklist JSON contract, version 1 (see the README). */
export function formatChecklistJson(checks: readonly PracticeCheck[], files: readonly string[]): string {
  const out = {
    version: 1,
    files,
    counts: countStatuses(checks),
    practices: checks.map((c) => {
      const p = practice(c.practice)!;
      return {
        practice: c.practice,
        group: p.group,
        title: p.title,
        status: c.status,
        review: c.review,
        fingerprint: c.fingerprint,
        findings: c.findings.map((f) => jsonFinding(f, c.practice)),
      };
    }),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
