/**
 * Custom requests between the Bulkhead client and server. Plain method names and shapes, shared
 * by both sides (the client imports this file by relative path; it has no dependencies).
 */

/** `bulkhead/ruleDocs`: the rule's documentation as Markdown, rendered from its metadata. */
export const RULE_DOCS_REQUEST = 'bulkhead/ruleDocs';
export interface RuleDocsParams {
  id: string;
}
export type RuleDocsResult = { markdown: string } | null;

export const SHOW_RULE_DOCS_COMMAND = 'bulkhead.showRuleDocs';

/**
 * `bulkhead/checklist`: the status of each of the 20 practices for one file or for every
 * Dockerfile and Compose file in the workspace folders (open documents' current text first).
 */
export const CHECKLIST_REQUEST = 'bulkhead/checklist';
export type ChecklistParams = { scope: 'file'; uri: string } | { scope: 'workspace' };

export type ChecklistStatus = 'findings' | 'passed' | 'not-applicable' | 'needs-person';

export interface ChecklistFindingItem {
  uri: string;
  /** 0-based, UTF-16 columns (LSP). */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  ruleId: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
}

export interface ChecklistPracticeItem {
  practice: number;
  group: string;
  title: string;
  summary: string;
  /** What a person must confirm; empty when the files tell the whole story. */
  review: string;
  status: ChecklistStatus;
  /** Changes when the files behind this practice change: a tick given under another fingerprint is void. */
  fingerprint: string;
  findings: ChecklistFindingItem[];
}

export interface ChecklistResult {
  scope: 'file' | 'workspace';
  /** The file of a `file` scope (as requested). */
  uri?: string;
  groups: { id: string; title: string }[];
  practices: ChecklistPracticeItem[];
  /** How many files were analysed. */
  files: number;
  /** True when the workspace scan stopped at its limit (some files were not analysed). */
  truncated: boolean;
}
