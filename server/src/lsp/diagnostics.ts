import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { ruleDocsUrl } from '../engine/docs';
import type { Finding, Fix, Severity } from '../core/types';

/** What a Bulkhead diagnostic carries in `data`, so code actions and hover need no server state. */
export interface DiagnosticData {
  ruleId: string;
  practice: number;
  fixes: Fix[];
  /** The document version the finding (and its fix ranges) belong to. */
  version: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding, version: number): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, practice: f.practice, fixes: f.fixes, version };
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    source: 'bulkhead',
    message: f.message,
    data,
  };
}

export function isBulkheadData(data: unknown): data is DiagnosticData {
  return typeof data === 'object' && data !== null && typeof (data as DiagnosticData).ruleId === 'string' && Array.isArray((data as DiagnosticData).fixes);
}
