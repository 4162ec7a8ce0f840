/**
 * Custom requests between the Bulkhead client and server. Plain method names and shapes, shared
 * by both sides (the client imports this file by relative path; it imports types only).
 */
import type { ChecklistReport, ReportFinding, ReportPractice, ReportSuppression } from './checklist-report';
import type { RuleSetting } from '../core/types';

/** `bulkhead/ruleDocs`: the rule's documentation as Markdown, rendered from its metadata. */
export const RULE_DOCS_REQUEST = 'bulkhead/ruleDocs';
export interface RuleDocsParams {
  id: string;
}
export type RuleDocsResult = { markdown: string } | null;

export const SHOW_RULE_DOCS_COMMAND = 'bulkhead.showRuleDocs';

/**
 * `bulkhead/checklist`: the status of each of the 20 practices for one file, or for every
 * Dockerfile and Compose file in the workspace folders (or under one folder of them, `under`): the
 * engine's report (shared/checklist-report.ts) with a URI on every finding.
 */
export const CHECKLIST_REQUEST = 'bulkhead/checklist';

export type ChecklistParams = ({ scope: 'file'; uri: string } | { scope: 'workspace'; /** A folder URI: only files under it (the CLI's PATH). */ under?: string }) & {
  /**
   * Unsaved editors' text, from the client: the text of an open document the server was not sent
   * (a file in another language mode, an editor restored with unsaved changes after a reload).
   */
  buffers?: ChecklistBuffer[];
  /** Where `bulkhead.rules` values come from, per workspace folder (or the file), as `inspect` reports them. */
  settingsOrigins?: SettingsOrigin[];
};

export interface ChecklistBuffer {
  uri: string;
  languageId: string;
  text: string;
}

/** One resource's `bulkhead.rules` per settings scope (absent: not set there). */
export interface SettingsOrigin {
  /** A workspace folder's URI, or the file's. */
  uri: string;
  /** The folder's name (multi-root workspaces). */
  name?: string;
  user?: Record<string, RuleSetting>;
  workspace?: Record<string, RuleSetting>;
  folder?: Record<string, RuleSetting>;
}

export type { ChecklistStatus } from './checklist-report';

export interface ChecklistFindingItem extends ReportFinding {
  uri: string;
}

export interface ChecklistSuppressedItem extends ReportSuppression {
  uri: string;
}

export interface ChecklistPracticeItem extends Omit<ReportPractice, 'findings' | 'suppressed'> {
  summary: string;
  findings: ChecklistFindingItem[];
  suppressed: ChecklistSuppressedItem[];
}

export interface ChecklistResult extends Omit<ChecklistReport, 'files' | 'practices'> {
  scope: 'file' | 'workspace';
  /** The file of a `file` scope, or the folder of a workspace scope `under` one (as requested). */
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
