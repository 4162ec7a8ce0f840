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

/**
 * Files through the client. A client that can read the workspace itself (the VS Code client, in
 * the browser and for virtual workspaces) says so with `initializationOptions.clientFiles: true`;
 * the server then asks it for the files it cannot read from a disk of its own.
 */
export const CLIENT_FILES_OPTION = 'clientFiles';

/**
 * `bulkhead/readFiles` (server → client): the text of each URI, or null (missing, unreadable, not a
 * regular file, a symbolic link, outside the workspace). The client follows the server's policy
 * (node-fs/read-text.ts): a file with more than `maxChars` characters comes back as its beginning, or
 * null when it has more than 3 × `maxChars` bytes, with its size in bytes in `truncated`.
 */
export const READ_FILES_REQUEST = 'bulkhead/readFiles';
export interface ReadFilesParams {
  uris: string[];
  /** The size limit in characters (absent: the default limit). */
  maxChars?: number;
}
export interface ReadFilesResult {
  texts: (string | null)[];
  /** For each URI: the file's size in bytes when it is over the limit (its text is then only the beginning, or null). */
  truncated?: (number | null)[];
}

/**
 * `bulkhead/listFiles` (server → client): the Dockerfiles and Compose files under a workspace
 * folder, found by name (the walk of `shared/scan.ts`), capped.
 */
export const LIST_FILES_REQUEST = 'bulkhead/listFiles';
export interface ListFilesParams {
  uri: string;
  maxFiles: number;
  maxEntries: number;
}
export interface ListFilesResult {
  uris: string[];
  truncated: boolean;
}

/**
 * Applies a WorkspaceEdit through `workspace/applyEdit`: what code actions become for clients that
 * take commands only (no `codeActionLiteralSupport`). Arguments: `[WorkspaceEdit, title]`.
 */
export const APPLY_EDIT_COMMAND = 'bulkhead.applyEdit';
