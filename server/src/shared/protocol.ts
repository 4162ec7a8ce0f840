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
