import { MessageType, ShowMessageNotification, type ClientCapabilities, type Connection, type ExecuteCommandParams } from 'vscode-languageserver';
import { ruleDocsUrl } from '../engine/docs';
import { RULE_IDS } from '../rules/ids';
import { APPLY_EDIT_COMMAND, SHOW_RULE_DOCS_COMMAND } from '../shared/protocol';
import { asActionRef } from './action-ref';
import { actionEdit, editForClient } from './code-actions';
import type { DocumentAnalyses } from './document-analyses';
import type { ServerLog } from './log';
import { clientEditSupport } from './workspace-edits';

/**
 * `workspace/executeCommand` for the two commands the server declares. Both accept only what the
 * server itself hands out:
 *
 * - `bulkhead.applyEdit` takes an action reference (action-ref.ts) from a code action the server
 *   offered; the server computes that action's edit from its analysis of the same document version
 *   and sends it with `workspace/applyEdit`. Anything else (an edit, a reference to an older
 *   version) is refused, so the command cannot be used to make the editor apply arbitrary edits.
 * - `bulkhead.showRuleDocs` takes a known rule id; the docs URL is built only from those.
 */
export interface CommandDeps {
  connection: Connection;
  /** Where warnings go (the server's log, lsp/log.ts). */
  log: Pick<ServerLog, 'warn'>;
  analyses: DocumentAnalyses;
  capabilities(): ClientCapabilities;
  pathToUri(path: string): string;
}

const KNOWN_RULES: ReadonlySet<string> = new Set(RULE_IDS);

export function isKnownRuleId(id: unknown): id is string {
  return typeof id === 'string' && KNOWN_RULES.has(id);
}

export async function executeCommand(deps: CommandDeps, params: ExecuteCommandParams): Promise<null> {
  const { connection } = deps;
  const args = Array.isArray(params?.arguments) ? params.arguments : [];
  if (params?.command === APPLY_EDIT_COMMAND) {
    const ref = asActionRef(args[0]);
    if (!ref) {
      deps.log.warn('bulkhead.applyEdit was called with something other than an action the server offered; nothing was applied.');
      return null;
    }
    const a = await deps.analyses.current(ref.uri);
    if (!a || a.version !== ref.version) {
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: 'Bulkhead: the document changed since this fix was offered; ask for the fix again.' });
      return null;
    }
    const found = actionEdit(a, ref, deps.pathToUri);
    if (!found) {
      deps.log.warn(`bulkhead.applyEdit: ${ref.kind} ${ref.finding ?? ''} is not an action of ${ref.uri} version ${ref.version}; nothing was applied.`);
      return null;
    }
    const edit = editForClient(found, clientEditSupport(deps.capabilities()));
    const r = await connection.workspace.applyEdit({ label: found.title, edit });
    if (!r.applied) deps.log.warn(`The client did not apply "${found.title}"${r.failureReason ? `: ${r.failureReason}` : ''}.`);
    return null;
  }
  if (params?.command === SHOW_RULE_DOCS_COMMAND) {
    const id = args[0];
    if (!isKnownRuleId(id)) {
      deps.log.warn(`bulkhead.showRuleDocs: ${JSON.stringify(id)?.slice(0, 80) ?? 'nothing'} is not a Bulkhead rule id.`);
      return null;
    }
    const url = ruleDocsUrl(id);
    // Editors other than VS Code open the docs page in a browser; the VS Code client renders them locally.
    if (deps.capabilities().window?.showDocument?.support) await connection.window.showDocument({ uri: url, external: true });
    else void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `Bulkhead ${id}: ${url}` });
  }
  return null;
}
