import { FileType, Uri, workspace, type Disposable } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  LIST_FILES_REQUEST,
  MAX_RELATED_FILE,
  READ_FILES_REQUEST,
  type ListFilesParams,
  type ListFilesResult,
  type ReadFilesParams,
  type ReadFilesResult,
} from '../../server/src/shared/protocol';
import { listCandidateFilesAsync, MAX_SCAN_ENTRIES, MAX_SCAN_FILES, type DirectoryEntry } from '../../server/src/shared/scan';

/**
 * The client's side of `bulkhead/readFiles` and `bulkhead/listFiles`: the server asks for files it
 * cannot read itself (all of them in the web worker, a virtual workspace's in Node), and the client
 * reads them with `vscode.workspace.fs`, which works on every file system VS Code has (disk,
 * `vscode-vfs://github`, `memfs:`, code-server's remote). Only files inside a workspace folder are
 * read (any file when no folder is open); the saved text, as a disk read would give.
 */

function parse(uri: string): Uri | undefined {
  try {
    return Uri.parse(uri, true);
  } catch {
    return undefined;
  }
}

function inWorkspace(uri: Uri): boolean {
  return (workspace.workspaceFolders ?? []).length === 0 || workspace.getWorkspaceFolder(uri) !== undefined;
}

async function readText(raw: string): Promise<string | null> {
  const uri = parse(raw);
  if (!uri || !inWorkspace(uri)) return null;
  try {
    const stat = await workspace.fs.stat(uri);
    if ((stat.type & FileType.File) === 0 || stat.size > MAX_RELATED_FILE) return null;
    const bytes = await workspace.fs.readFile(uri);
    return new TextDecoder().decode(bytes);
  } catch {
    return null; // missing or unreadable
  }
}

/** A directory's files and real directories; symbolic links to directories are left out (no loops). */
async function readDirectory(uri: Uri): Promise<DirectoryEntry[] | undefined> {
  try {
    const out: DirectoryEntry[] = [];
    for (const [name, type] of await workspace.fs.readDirectory(uri)) {
      if (type & FileType.SymbolicLink && type & FileType.Directory) continue;
      if (type & FileType.Directory) out.push({ name, type: 'directory' });
      else if (type & FileType.File) out.push({ name, type: 'file' });
    }
    return out;
  } catch {
    return undefined;
  }
}

export async function listFiles(params: ListFilesParams): Promise<ListFilesResult> {
  const root = parse(params.uri);
  if (!root || !inWorkspace(root)) return { uris: [], truncated: false };
  const limits = { files: Math.min(params.maxFiles ?? MAX_SCAN_FILES, MAX_SCAN_FILES), entries: Math.min(params.maxEntries ?? MAX_SCAN_ENTRIES, MAX_SCAN_ENTRIES) };
  const r = await listCandidateFilesAsync(root.path.replace(/\/$/, '') || '/', (path) => readDirectory(root.with({ path })), limits);
  return { uris: r.paths.map((path) => root.with({ path }).toString()), truncated: r.truncated };
}

/** Answers the server's file requests on this client. */
export function serveFiles(client: BaseLanguageClient): Disposable[] {
  return [
    client.onRequest(READ_FILES_REQUEST, async (p: ReadFilesParams): Promise<ReadFilesResult> => ({ texts: await Promise.all((p?.uris ?? []).map(readText)) })),
    client.onRequest(LIST_FILES_REQUEST, (p: ListFilesParams) => listFiles(p)),
  ];
}
