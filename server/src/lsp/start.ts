import { TextDocuments, TextDocumentSyncKind, type Connection, type Diagnostic, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAMES, parseConfigFile } from '../engine/config-file';
import { baseName } from '../engine/file-kinds';
import { renderRuleMarkdown, ruleDocsUrl } from '../engine/docs';
import { RULES } from '../rules';
import { CHECKLIST_REQUEST, RULE_DOCS_REQUEST, SHOW_RULE_DOCS_COMMAND, type ChecklistParams, type RuleDocsParams, type RuleDocsResult } from '../shared/protocol';
import { Analysis, configProblemDiagnostics } from './analysis';
import { ChecklistService, type DirectoryEntry } from './checklist';
import { codeActions, FIX_ALL_KIND } from './code-actions';
import { toDiagnostic } from './diagnostics';
import { hover } from './hover';
import type { Finding } from '../engine/types';
import { SettingsCache } from './settings';
import { Validator } from './validator';

/** What differs between the Node and the browser server: URIs, paths and the file system. */
export interface ServerHost {
  uriToPath(uri: string): string;
  pathToUri(path: string): string;
  /** Reads a file from disk; undefined when it does not exist (or there is no disk). */
  readFile(path: string): string | undefined;
  /**
   * Lists a directory for the workspace checklist: files and real directories (symbolic links to
   * directories are left out, so a scan cannot loop). Absent or undefined: no disk to scan.
   */
  readDirectory?(path: string): DirectoryEntry[] | undefined;
}

export const SERVER_VERSION = '0.1.0';
const DEFAULT_DEBOUNCE_MS = 100;

const isConfigFile = (path: string) => CONFIG_FILE_NAMES.includes(baseName(path));

/** Wires every LSP feature onto a connection. The entry points only create the connection. */
export function startServer(connection: Connection, host: ServerHost): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsCache(connection);
  const openByPath = () => new Map(documents.all().map((d) => [host.uriToPath(d.uri), d]));
  const analysis = new Analysis({
    uriToPath: host.uriToPath,
    read: (path) => openByPath().get(path)?.getText() ?? host.readFile(path),
    log: (m) => connection.console.error(m),
  });
  const checklist = new ChecklistService({ host, analysis, settings, documents });
  let folderEvents = false;
  /** The findings behind the last diagnostics of each document, for hover. */
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
    const text = doc.getText();
    if (text.length > s.maxFileSize) {
      const message = `Bulkhead skipped this file: ${text.length} characters is over the ${s.maxFileSize} limit (setting bulkhead.maxFileSize)`;
      return [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(Math.min(1, text.length)) }, severity: 3, source: 'bulkhead', code: 'file-too-large', message }];
    }
    const file = analysis.configFile(path);
    if (file && !openByPath().has(file.path)) publishConfigProblems(file.path, configProblemDiagnostics(file.problems));
    const { config, ignored } = analysis.config(path, s);
    if (ignored) return null;
    const findings = analysis.run(doc, kind, config).findings;
    lastFindings.set(doc.uri, { version: doc.version, findings });
    return findings.map((f) => toDiagnostic(f, doc.version));
  };

  const validator = new Validator(connection, (uri) => documents.get(uri), analyse, DEFAULT_DEBOUNCE_MS);

  const revalidateAll = () => {
    settings.forget();
    analysis.forgetConfigs();
    checklist.forget();
    validator.scheduleAll(documents.keys());
  };

  connection.onInitialize((params): InitializeResult => {
    const opts = (params.initializationOptions ?? {}) as { debounceMs?: unknown };
    if (typeof opts.debounceMs === 'number') validator.setDebounce(opts.debounceMs);
    settings.supported = params.capabilities.workspace?.configuration === true;
    folderEvents = !!params.capabilities.workspace?.workspaceFolders;
    checklist.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [SHOW_RULE_DOCS_COMMAND] },
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
    const { config } = analysis.config(path, await settings.get(doc.uri));
    return codeActions(doc, kind, params, config, path, host.pathToUri);
  });

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const kind = analysis.kindOf(doc);
    if (!kind) return null;
    let cached = lastFindings.get(doc.uri);
    if (!cached || cached.version !== doc.version) {
      const path = host.uriToPath(doc.uri);
      const { config, ignored } = analysis.config(path, await settings.get(doc.uri));
      cached = { version: doc.version, findings: ignored ? [] : analysis.run(doc, kind, config).findings };
    }
    return hover(doc.getText(), kind, params.position, cached.findings);
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== SHOW_RULE_DOCS_COMMAND) return null;
    const id = String(params.arguments?.[0] ?? '');
    // Editors other than VS Code open the docs page in a browser; the VS Code client renders them locally.
    await connection.window.showDocument({ uri: ruleDocsUrl(id), external: true });
    return null;
  });

  connection.onRequest(RULE_DOCS_REQUEST, (params: RuleDocsParams): RuleDocsResult => {
    const rule = RULES.find((r) => r.meta.id === params?.id);
    return rule ? { markdown: renderRuleMarkdown(rule.meta) } : null;
  });

  connection.onRequest(CHECKLIST_REQUEST, (params: ChecklistParams) => checklist.compute(params));

  documents.onDidOpen((e) => validator.schedule(e.document.uri, true));
  documents.onDidChangeContent((e) => {
    validator.schedule(e.document.uri);
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
