import type { Finding } from '../core/types';

/** One analysed file, as the formatters see it. Paths use `/` and are relative to the working directory. */
export interface FileReport {
  path: string;
  text: string;
  findings: Finding[];
}

/** The JSON contract other tools read (version 1). Lines and columns are 1-based; end column is exclusive. */
export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  practice: number;
  severity: Finding['severity'];
  message: string;
  fixable: boolean;
  /** For a grouped finding (`harden-service`): each finding it folds, at the same position. */
  members?: { rule: string; practice: number; severity: Finding['severity']; message: string; fixable: boolean }[];
}

export function toJsonFinding(file: string, f: Finding): JsonFinding {
  const members = f.members?.map((m) => ({ rule: m.ruleId, practice: m.practice, severity: m.severity, message: m.message, fixable: m.fixes.length > 0 }));
  return {
    file,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    rule: f.ruleId,
    practice: f.practice,
    severity: f.severity,
    message: f.message,
    fixable: f.fixes.length > 0,
    ...(members ? { members } : {}),
  };
}

export function formatJson(reports: readonly FileReport[]): string {
  const findings = reports.flatMap((r) => r.findings.map((f) => toJsonFinding(r.path, f)));
  return JSON.stringify({ version: 1, findings }, null, 2) + '\n';
}
