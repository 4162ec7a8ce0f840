import { TextDocumentSyncKind, type ClientCapabilities, type CodeAction, type Connection, type Diagnostic, type InitializeResult } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAMES, parseConfigFile } from '../engine/config-file';
import { baseName } from '../shared/file-kinds';
import { VERSION } from '../shared/version';
import { renderRuleMarkdown } from '../engine/docs';
import { RULES } from '../rules';
import {
  APPLY_EDIT_COMMAND,
  CHECKLIST_REQUEST,
  CLIENT_FILES_OPTION,
  RULE_DOCS_REQUEST,
  SHOW_RULE_DOCS_COMMAND,
  type ChecklistParams,
  type RuleDocsParams,
  type RuleDocsResult,
} from '../shared/protocol';
import { asActionRef } from './action-ref';
import { Analysis, configProblemDiagnostics } from './analysis';
import { ChecklistService } from './checklist';
import { ClientFiles, connectionFileAccess } from './client-files';
import { actionEdit, clientEditSupport, codeActionMenu, editForClient, FIX_ALL_KIND } from './code-actions';
import { executeCommand } from './commands';
import { toDiagnostic } from './diagnostics';
import { DocumentAnalyses, type DocumentAnalysis } from './document-analyses';
import { checkedDocuments } from './documents';
import { hover } from './hover';
import { isWatchedName, watchFiles } from './file-watch';
import { ServerLog } from './log';
import { checkedDocumentEvents, isObject, isPosition, isStringArray, readCapabilities } from './params';
import { SettingsCache } from './settings';
import { publishDiagnostics, Validator, type Outcome } from './validator';
import type { ServerHost } from './host';
import { WorkspaceFiles } from './workspace-files';

export type { ServerHost } from './host';


export const SERVER_VERSION = VERSION;
const DEFAULT_DEBOUNCE_MS = 100;
/** How long a syntax error waits after the last change before it replaces the findings on screen. */
const DEFAULT_SYNTAX_ERROR_DELAY_MS = 1500;

/** Milliseconds since the process (or worker) started, where the runtime says. */
const sinceStart = (): number | undefined => (typeof performance !== 'undefined' ? Math.round(performance.now()) : undefined);

const isConfigFile = (path: string) => CONFIG_FILE_NAMES.includes(baseName(path));
/** A delay in milliseconds from initializationOptions: a non-negative number, at most ten minutes. */
const delay = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? Math.min(x, 600_000) : undefined);

/** Wires every LSP feature onto a connection. The entry points only create the connection. */
export function startServer(connection: Connection, host: ServerHost): void {
  const serverLog = ServerLog.on(connection);
  const log = (m: string) => serverLog.error(m);
  const documents = checkedDocuments(log);
  const settings = new SettingsCache(connection);
  const openByPath = () => new Map(documents.all().map((d) => [host.uriToPath(d.uri), d]));
  let clientFiles: ClientFiles | undefined;
  let capabilities: ClientCapabilities = {};
  const openText = (path: string) => openByPath().get(path)?.getText();
  const files = new WorkspaceFiles(host, openText, () => clientFiles);
  const folderPaths = (uris: readonly string[]) => uris.map((u) => host.uriToPath(u));
  const analysis = new Analysis({
    uriToPath: host.uriToPath,
    openText,
    files,
    onDisk: (path) => !!host.readFile && (host.onDisk?.(path) ?? true),
    clientFiles: () => clientFiles,
    log,
  });
  /**
   * The analysis of each open document's current version, shared by every feature below:
   * `await analyses.current(uri)` gives the model, findings and configuration (null when the URI is
   * not an open Dockerfile or Compose file); `analyses.peek(uri)` the cached one without computing.
   */
  const analyses = new DocumentAnalyses({ analysis, settings, documents, uriToPath: host.uriToPath });
  const checklist = new ChecklistService({ host, analysis, settings, documents, analyses, clientFiles: () => clientFiles });
  let folderEvents = false;
  /** Config files whose problems are currently published, by URI. */
  const configDiagnostics = new Set<string>();

  const publishConfigProblems = (path: string | null, problems: Diagnostic[]) => {
    if (!path) return;
    const uri = host.pathToUri(path);
    if (problems.length === 0 && !configDiagnostics.has(uri)) return;
    if (problems.length > 0) configDiagnostics.add(uri);
    else configDiagnostics.delete(uri);
    void publishDiagnostics(connection, { uri, diagnostics: problems });
  };

  const analyse = async (doc: TextDocument): Promise<Outcome> => {
    const path = host.uriToPath(doc.uri);
    if (isConfigFile(path)) return { diagnostics: configProblemDiagnostics(parseConfigFile(doc.getText()).problems), syntaxError: false };
    const a = await analyses.current(doc.uri);
    if (!a) return { diagnostics: null, syntaxError: false };
    if (a.configFile) serverLog.configFile(a.configFile);
    if (a.configFile && !openByPath().has(a.configFile.path)) publishConfigProblems(a.configFile.path, configProblemDiagnostics(a.configFile.problems));
    if (!a.analysed) return { diagnostics: null, syntaxError: false };
    // A file over bulkhead.maxFileSize gets the engine's one `file-too-large` finding (see Analysis.config).
    return { diagnostics: a.findings.map((f, i) => toDiagnostic(f, a.version, i)), syntaxError: a.findings.some((f) => f.ruleId === 'syntax-error') };
  };

  /** Startup in the log (verbose trace): when the first diagnostics were computed (ms since the process started). */
  const analyseAndLog = async (doc: TextDocument): Promise<Outcome> => {
    const outcome = await analyse(doc);
    if (outcome.diagnostics) serverLog.firstDiagnostics(sinceStart());
    return outcome;
  };

  const validator = new Validator(connection, (uri) => documents.get(uri), serverLog.timed(analyseAndLog), DEFAULT_DEBOUNCE_MS, DEFAULT_SYNTAX_ERROR_DELAY_MS);

  const revalidateAll = () => {
    settings.forget();
    analysis.forgetConfigs();
    analyses.forget();
    clientFiles?.forget();
    checklist.forget();
    validator.scheduleAll(documents.keys());
  };

  connection.onInitialize((raw): InitializeResult => {
    const params: Record<string, unknown> = isObject(raw) ? raw : {};
    const opts = (isObject(params.initializationOptions) ? params.initializationOptions : {}) as {
      debounceMs?: unknown;
      syntaxErrorDelayMs?: unknown;
      [CLIENT_FILES_OPTION]?: unknown;
    };
    const debounce = delay(opts.debounceMs);
    if (debounce !== undefined) validator.setDebounce(debounce);
    const syntaxDelay = delay(opts.syntaxErrorDelayMs);
    if (syntaxDelay !== undefined) validator.setSyntaxErrorDelay(syntaxDelay);
    if (opts[CLIENT_FILES_OPTION] === true) clientFiles = new ClientFiles(connectionFileAccess(connection), host.pathToUri, host.uriToPath, log);
    capabilities = readCapabilities(params.capabilities);
    serverLog.setTrace(params.trace);
    settings.supported = capabilities.workspace?.configuration === true;
    folderEvents = !!capabilities.workspace?.workspaceFolders;
    const folders = Array.isArray(params.workspaceFolders) ? params.workspaceFolders.map((f: unknown) => (isObject(f) ? f.uri : undefined)) : null;
    const folderUris = folders ? folders.filter((u): u is string => typeof u === 'string') : typeof params.rootUri === 'string' ? [params.rootUri] : [];
    checklist.setFolders(folderUris);
    files.setFolders(folderPaths(folderUris));
    return {
      capabilities: {
        // Columns are UTF-16 code units, as in VS Code; clients that offer other encodings (Neovim, Helix) accept this one.
        positionEncoding: 'utf-16',
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: true },
        executeCommandProvider: { commands: [SHOW_RULE_DOCS_COMMAND, APPLY_EDIT_COMMAND] },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'bulkhead', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    serverLog.started();
    serverLog.startupTimes({ loadedMs: host.loadedMs, initializedMs: sinceStart() });
    files.cacheDisk = watchFiles(connection, capabilities, clientFiles !== undefined);
    const uris = (x: unknown) => (Array.isArray(x) ? x.map((f: unknown) => (isObject(f) ? f.uri : undefined)).filter((u): u is string => typeof u === 'string') : []);
    if (folderEvents)
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        checklist.changeFolders(uris(e?.added), uris(e?.removed));
        files.setFolders(folderPaths(checklist.folderUris()));
      });
  });

  connection.onDidChangeConfiguration((params) => {
    serverLog.followSettings(params?.settings);
    revalidateAll();
  });
  connection.onDidChangeWatchedFiles((e) => {
    const changed = Array.isArray(e?.changes) ? e.changes.map((c: unknown) => (isObject(c) ? c.uri : undefined)).filter((u): u is string => typeof u === 'string') : [];
    if (changed.some((uri) => isWatchedName(host.uriToPath(uri)))) revalidateAll();
  });

  connection.onCodeAction(async (params) => {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string' || !isObject(params.context)) return [];
    if (params.context.only !== undefined && !isStringArray(params.context.only)) return [];
    const a = await analyses.current(uri);
    if (!a) return [];
    const support = clientEditSupport(capabilities);
    const menu = codeActionMenu(a, params, { support, resolve: support.resolveEdit || !support.literals, pathToUri: host.pathToUri });
    logLateErrors(a);
    return menu;
  });

  // An action offered with a reference gets its edit when the client picks it.
  connection.onCodeActionResolve(async (action: CodeAction) => {
    const ref = asActionRef(action?.data);
    if (!ref) return action;
    const a = await analyses.current(ref.uri);
    const found = a ? actionEdit(a, ref, host.pathToUri) : null;
    if (a) logLateErrors(a);
    // Stale (the document moved on) or gone: no edit, so the client applies nothing.
    return found ? { ...action, edit: editForClient(found, clientEditSupport(capabilities)) } : action;
  });

  /** Rule errors that surfaced only when a fix was built (lazy fixes), logged once. */
  const logLateErrors = (a: DocumentAnalysis) => {
    for (const e of a.internalErrors.slice(a.errorsLogged)) log(`Rule ${e.ruleId} failed on ${a.uri}: ${e.message}${e.stack ? `\n${e.stack}` : ''}`);
    a.errorsLogged = a.internalErrors.length;
  };

  connection.onHover(async (params) => {
    const uri = params?.textDocument?.uri;
    const position = params?.position;
    if (typeof uri !== 'string' || !isPosition(position)) return null;
    const a = await analyses.current(uri);
    if (!a) return null;
    const result = hover(a, position);
    // A client that cannot render Markdown gets the same text as plain text.
    const formats = capabilities.textDocument?.hover?.contentFormat;
    if (result && formats && !formats.includes('markdown') && typeof result.contents === 'object' && 'kind' in result.contents) {
      return { ...result, contents: { kind: 'plaintext', value: result.contents.value } };
    }
    return result;
  });

  connection.onExecuteCommand((params) => executeCommand({ connection, log: serverLog, analyses, capabilities: () => capabilities, pathToUri: host.pathToUri }, params));

  connection.onRequest(RULE_DOCS_REQUEST, (params: RuleDocsParams): RuleDocsResult => {
    const rule = RULES.find((r) => r.meta.id === params?.id);
    return rule ? { markdown: renderRuleMarkdown(rule.meta) } : null;
  });

  connection.onRequest(CHECKLIST_REQUEST, (params: ChecklistParams) => checklist.compute(params));

  // `TextDocuments` fires a content change right after each open: that one must not analyse the document a second time.
  const opening = new Set<string>();
  documents.onDidOpen((e) => {
    opening.add(e.document.uri);
    validator.schedule(e.document.uri, true);
  });
  documents.onDidChangeContent((e) => {
    // The analysis of the old text serves nothing any more (its diagnostics get no actions): let it go
    // now, so it is not carried through the next analysis's garbage collections.
    analyses.drop(e.document.uri);
    if (!opening.delete(e.document.uri)) validator.schedule(e.document.uri);
    if (isConfigFile(host.uriToPath(e.document.uri))) revalidateAll();
  });
  documents.onDidClose((e) => {
    settings.forget(e.document.uri);
    analyses.forget(e.document.uri);
    validator.close(e.document.uri);
    if (isConfigFile(host.uriToPath(e.document.uri))) revalidateAll();
  });

  documents.listen(checkedDocumentEvents(connection, log));
  connection.listen();
}
