import { MessageType, ShowMessageNotification, TextDocuments, TextDocumentSyncKind, type ClientCapabilities, type Connection, type Diagnostic, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAMES, parseConfigFile } from '../engine/config-file';
import { baseName } from '../shared/file-kinds';
import { renderRuleMarkdown, ruleDocsUrl } from '../engine/docs';
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
import { Analysis, configProblemDiagnostics } from './analysis';
import { ChecklistService } from './checklist';
import { ClientFiles, connectionFileAccess } from './client-files';
import { adaptCodeActions, clientEditSupport, codeActions, FIX_ALL_KIND } from './code-actions';
import { isBulkheadData, toDiagnostic } from './diagnostics';
import { hover } from './hover';
import type { Finding, Range } from '../core/types';
import type { WorkspaceEdit } from 'vscode-languageserver';
import { SettingsCache } from './settings';
import { Validator } from './validator';
import type { ServerHost } from './host';

export type { ServerHost } from './host';


export const SERVER_VERSION = '0.1.0';
const DEFAULT_DEBOUNCE_MS = 100;

const isConfigFile = (path: string) => CONFIG_FILE_NAMES.includes(baseName(path));
const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** Wires every LSP feature onto a connection. The entry points only create the connection. */
export function startServer(connection: Connection, host: ServerHost): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsCache(connection);
  const openByPath = () => new Map(documents.all().map((d) => [host.uriToPath(d.uri), d]));
  let clientFiles: ClientFiles | undefined;
  let capabilities: ClientCapabilities = {};
  const log = (m: string) => connection.console.error(m);
  const analysis = new Analysis({
    uriToPath: host.uriToPath,
    openText: (path) => openByPath().get(path)?.getText(),
    ...(host.readFile ? { readDisk: (path: string) => host.readFile!(path) } : {}),
    ...(host.readDirectory ? { listDisk: (dir: string) => host.readDirectory!(dir)?.slice(0, 5000).map((e) => (e.type === 'directory' ? `${e.name}/` : e.name)) } : {}),
    onDisk: (path) => host.onDisk?.(path) ?? true,
    clientFiles: () => clientFiles,
    log,
  });
  const checklist = new ChecklistService({ host, analysis, settings, documents, clientFiles: () => clientFiles });
  let folderEvents = false;
  /** The findings behind the last diagnostics of each document, for hover and for clients that drop `Diagnostic.data`. */
  const lastFindings = new Map<string, { version: number; findings: Finding[] }>();
  /** Config files whose problems are currently published, by URI. */
  const configDiagnostics = new Set<string>();

  const publishConfigProblems = (path: string | null, problems: Diagnostic[]) => {
    if (!path) return;
    const uri = host.pathToUri(path);
    if (problems.length === 0 && !configDiagnostics.has(uri)) return;
    if (problems.length > 0) configDiagnostics.add(uri);
    else configDiagnostics.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: problems });
  };

  const analyse = async (doc: TextDocument): Promise<Diagnostic[] | null> => {
    const path = host.uriToPath(doc.uri);
    if (isConfigFile(path)) return configProblemDiagnostics(parseConfigFile(doc.getText()).problems);
    const kind = analysis.kindOf(doc);
    if (!kind) return null;
    const s = await settings.get(doc.uri);
    if (!s.enable) return null;
    // A file over bulkhead.maxFileSize gets the engine's one `file-too-large` finding (see Analysis.config).
    const outcome = await analysis.settle(() => {
      const file = analysis.configFile(path);
      const { config, ignored } = analysis.config(path, s);
      const version = doc.version;
      return { file, version, findings: ignored ? null : analysis.run(doc, kind, config).findings };
    });
    if (outcome.file && !openByPath().has(outcome.file.path)) publishConfigProblems(outcome.file.path, configProblemDiagnostics(outcome.file.problems));
    if (!outcome.findings) return null;
    lastFindings.set(doc.uri, { version: outcome.version, findings: outcome.findings });
    return outcome.findings.map((f) => toDiagnostic(f, outcome.version));
  };

  /** The findings of a document at its current version: the published ones, else a fresh run. */
  const currentFindings = async (doc: TextDocument, kind: NonNullable<ReturnType<Analysis['kindOf']>>): Promise<Finding[]> => {
    const cached = lastFindings.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.findings;
    const path = host.uriToPath(doc.uri);
    const s = await settings.get(doc.uri);
    return analysis.settle(() => {
      const { config, ignored } = analysis.config(path, s);
      return ignored ? [] : analysis.run(doc, kind, config).findings;
    });
  };

  const validator = new Validator(connection, (uri) => documents.get(uri), analyse, DEFAULT_DEBOUNCE_MS);

  const revalidateAll = () => {
    settings.forget();
    analysis.forgetConfigs();
    clientFiles?.forget();
    checklist.forget();
    validator.scheduleAll(documents.keys());
  };

  connection.onInitialize((params): InitializeResult => {
    const opts = (params.initializationOptions ?? {}) as { debounceMs?: unknown; [CLIENT_FILES_OPTION]?: unknown };
    if (typeof opts.debounceMs === 'number') validator.setDebounce(opts.debounceMs);
    if (opts[CLIENT_FILES_OPTION] === true) clientFiles = new ClientFiles(connectionFileAccess(connection), host.pathToUri, host.uriToPath, log);
    capabilities = params.capabilities ?? {};
    settings.supported = capabilities.workspace?.configuration === true;
    folderEvents = !!capabilities.workspace?.workspaceFolders;
    checklist.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    return {
      capabilities: {
        // Columns are UTF-16 code units, as in VS Code; clients that offer other encodings (Neovim, Helix) accept this one.
        positionEncoding: 'utf-16',
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [SHOW_RULE_DOCS_COMMAND, APPLY_EDIT_COMMAND] },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'bulkhead', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (folderEvents) connection.workspace.onDidChangeWorkspaceFolders((e) => checklist.changeFolders(e.added.map((f) => f.uri), e.removed.map((f) => f.uri)));
  });

  connection.onDidChangeConfiguration(revalidateAll);
  connection.onDidChangeWatchedFiles((e) => {
    if (e.changes.some((c) => isConfigFile(host.uriToPath(c.uri)) || baseName(c.uri) === '.dockerignore' || /Dockerfile|Containerfile|\.dockerfile$/i.test(baseName(c.uri)))) revalidateAll();
  });

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const kind = analysis.kindOf(doc);
    if (!kind) return [];
    const path = host.uriToPath(doc.uri);
    const s = await settings.get(doc.uri);
    const { config } = await analysis.settle(() => analysis.config(path, s));
    // Clients that do not send `Diagnostic.data` back (it is optional) get it filled in from the findings.
    if (params.context.diagnostics.some((d) => d.source === 'bulkhead' && !isBulkheadData(d.data))) {
      const findings = await currentFindings(doc, kind);
      const diagnostics = params.context.diagnostics.map((d) => {
        if (d.source !== 'bulkhead' || isBulkheadData(d.data)) return d;
        const f = findings.find((x) => x.ruleId === String(d.code) && sameRange(x.range, d.range));
        return f ? { ...d, data: toDiagnostic(f, doc.version).data } : d;
      });
      params = { ...params, context: { ...params.context, diagnostics } };
    }
    return adaptCodeActions(codeActions(doc, kind, params, config, path, host.pathToUri), clientEditSupport(capabilities));
  });

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const kind = analysis.kindOf(doc);
    if (!kind) return null;
    const result = hover(doc.getText(), kind, params.position, await currentFindings(doc, kind));
    // A client that cannot render Markdown gets the same text as plain text.
    const formats = capabilities.textDocument?.hover?.contentFormat;
    if (result && formats && !formats.includes('markdown') && typeof result.contents === 'object' && 'kind' in result.contents) {
      return { ...result, contents: { kind: 'plaintext', value: result.contents.value } };
    }
    return result;
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command === APPLY_EDIT_COMMAND) {
      const edit = params.arguments?.[0] as WorkspaceEdit | undefined;
      if (!edit) return null;
      const title = typeof params.arguments?.[1] === 'string' ? params.arguments[1] : undefined;
      const r = await connection.workspace.applyEdit(title ? { label: title, edit } : edit);
      if (!r.applied) connection.console.warn(`The client did not apply "${title ?? 'the fix'}"${r.failureReason ? `: ${r.failureReason}` : ''}.`);
      return null;
    }
    if (params.command !== SHOW_RULE_DOCS_COMMAND) return null;
    const id = String(params.arguments?.[0] ?? '');
    const url = ruleDocsUrl(id);
    // Editors other than VS Code open the docs page in a browser; the VS Code client renders them locally.
    if (capabilities.window?.showDocument?.support) await connection.window.showDocument({ uri: url, external: true });
    else void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `Bulkhead ${id}: ${url}` });
    return null;
  });

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
    if (!opening.delete(e.document.uri)) validator.schedule(e.document.uri);
    if (isConfigFile(host.uriToPath(e.document.uri))) revalidateAll();
  });
  documents.onDidClose((e) => {
    settings.forget(e.document.uri);
    lastFindings.delete(e.document.uri);
    validator.close(e.document.uri);
    if (isConfigFile(host.uriToPath(e.document.uri))) revalidateAll();
  });

  documents.listen(connection);
  connection.listen();
}
