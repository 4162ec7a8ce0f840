import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { ruleDocsUrl } from '../engine/docs';
import type { Finding, Severity } from '../core/types';

/**
 * What a Bulkhead diagnostic carries in `data`: which finding of which document version it is.
 * The fixes themselves stay on the server, in that version's analysis (document-analyses.ts), and
 * are built only when a code action asks for them; a diagnostic of an older version gets none.
 */
export interface DiagnosticData {
  ruleId: string;
  practice: number;
  /** The document version the finding belongs to. */
  version: number;
  /** The finding's index in that version's analysis. */
  index: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding, version: number, index: number): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, practice: f.practice, version, index };
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
  const d = data as DiagnosticData;
  return typeof d === 'object' && d !== null && typeof d.ruleId === 'string' && typeof d.version === 'number' && typeof d.index === 'number';
}
