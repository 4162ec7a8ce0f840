import { FileType, Uri, workspace, type Disposable } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { DEFAULT_MAX_FILE_SIZE } from '../../server/src/core/types';
import {
  LIST_FILES_REQUEST,
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
 * `vscode-vfs://github`, `memfs:`, code-server's remote). The server's file-system policy holds here
 * too (node-fs/read-text.ts): only files inside a workspace folder (any file when no folder is
 * open); only regular files (`FileType.File`), and never a symbolic link, since this API cannot say
 * where one points; at most the size limit: a file over 3 × `maxChars` bytes is not read at all
 * (it cannot have `maxChars` characters or fewer), a longer text comes back as its beginning. The
 * saved text, as a disk read would give. A directory walk never enters a linked directory.
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

async function readText(raw: string, maxChars: number): Promise<{ text: string | null; truncated: number | null }> {
  const none = { text: null, truncated: null };
  const uri = parse(raw);
  if (!uri || !inWorkspace(uri)) return none;
  try {
    const stat = await workspace.fs.stat(uri);
    if ((stat.type & FileType.File) === 0 || (stat.type & FileType.SymbolicLink) !== 0) return none;
    if (stat.size > 3 * (maxChars + 1)) return { text: null, truncated: stat.size };
    const text = new TextDecoder().decode(await workspace.fs.readFile(uri));
    return text.length > maxChars ? { text: text.slice(0, maxChars + 1), truncated: stat.size } : { text, truncated: null };
  } catch {
    return none; // missing or unreadable
  }
}

async function readTexts(p: ReadFilesParams): Promise<ReadFilesResult> {
  const maxChars = typeof p?.maxChars === 'number' && p.maxChars > 0 ? p.maxChars : DEFAULT_MAX_FILE_SIZE;
  const got = await Promise.all((p?.uris ?? []).map((u) => readText(u, maxChars)));
  return { texts: got.map((g) => g.text), truncated: got.map((g) => g.truncated) };
}

/** A directory's files and real directories; links to directories are `link` entries, never entered (shared/scan.ts). */
async function readDirectory(uri: Uri): Promise<DirectoryEntry[] | undefined> {
  try {
    const out: DirectoryEntry[] = [];
    for (const [name, type] of await workspace.fs.readDirectory(uri)) {
      if (type & FileType.SymbolicLink && type & FileType.Directory) out.push({ name, type: 'link' });
      else if (type & FileType.Directory) out.push({ name, type: 'directory' });
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
    client.onRequest(READ_FILES_REQUEST, (p: ReadFilesParams): Promise<ReadFilesResult> => readTexts(p)),
    client.onRequest(LIST_FILES_REQUEST, (p: ListFilesParams) => listFiles(p)),
  ];
}
