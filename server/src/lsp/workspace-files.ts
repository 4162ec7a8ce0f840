import { dirnameOf, resolveConfig, withoutTrailingSlash, type ParsedConfigFile, type ResolvedConfig } from '../engine/config-resolve';
import type { FileConfig } from '../engine/config-file';
import { kept } from '../core/kept';
import { DEFAULT_MAX_FILE_SIZE } from '../core/types';
import type { ClientFiles } from './client-files';
import type { FileText, HostRead, ServerHost } from './host';

/**
 * The files the language server reads besides the open documents (`.bulkhead.yaml`, `.dockerignore`,
 * the Dockerfile a Compose service builds, the checklist's candidates), under the same policy as
 * the CLI:
 *
 * - an open document's text first, then the server's disk (the Node host reads only regular files,
 *   never through a link out of the file's workspace folder, at most the size limit; see
 *   node-fs/read-text.ts), then the client (virtual workspaces, the web worker; it applies the same
 *   policy with `vscode.workspace.fs`);
 * - only files inside a workspace folder (any file when no folder is open: then inside the
 *   repository above it, or its own folder);
 * - configuration discovery stops at the workspace folder or a repository root (`.git`).
 *
 * Disk reads are cached until a watched file changes (`forget()`), when the client is known to
 * report changes (`workspace/didChangeWatchedFiles`): so a keystroke re-reads nothing.
 */

/** The most a git metadata file may hold to be read (`HEAD`, `config`, a ref, `packed-refs`). */
const GIT_METADATA_CHARS = 65_536;

export class WorkspaceFiles {
  private folders: string[] = [];
  private readonly disk = new Map<string, FileText | undefined>();
  private readonly gitRoots = new Map<string, boolean>();
  private readonly parsed = new Map<string, ParsedConfigFile>();
  /** Disk reads are kept until `forget()` only when changes are reported to the server. */
  cacheDisk = false;

  constructor(
    private readonly host: Pick<ServerHost, 'readFile' | 'listNames' | 'isRepositoryRoot' | 'onDisk'>,
    private readonly openText: (path: string) => string | undefined,
    private readonly clientFiles: () => ClientFiles | undefined,
  ) {}

  /** Workspace folders as paths (`/`-separated, no trailing slash). */
  setFolders(paths: readonly string[]): void {
    this.folders = paths.map(withoutTrailingSlash);
    this.forget();
  }

  forget(): void {
    this.disk.clear();
    this.gitRoots.clear();
  }

  private onDisk(path: string): boolean {
    return !!this.host.readFile && (this.host.onDisk?.(path) ?? true);
  }

  private isGitRoot(dir: string): boolean {
    if (!this.host.isRepositoryRoot || !this.onDisk(dir)) return false;
    return kept(this.gitRoots, dir, 10_000, (d) => this.host.isRepositoryRoot!(d));
  }

  private folderOf(path: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders) if ((path === f || path.startsWith(f === '/' ? '/' : `${f}/`)) && (!best || f.length > best.length)) best = f;
    return best;
  }

  /** The folder no read of `path` may leave through a link, or null when the path may not be read at all. */
  boundaryOf(path: string): string | null {
    const folder = this.folderOf(path);
    if (folder) return folder;
    if (this.folders.length > 0) return null;
    for (let dir = dirnameOf(path), i = 0; i < 256; i++) {
      if (this.isGitRoot(dir)) return dir;
      const up = dirnameOf(dir);
      if (up === dir) break;
      dir = up;
    }
    return dirnameOf(path);
  }

  /** Whether configuration discovery stops at this folder. */
  isConfigBoundary = (dir: string): boolean => this.folders.includes(dir) || this.isGitRoot(dir);

  /** A file's text under the policy, or undefined (absent, refused, or not fetched from the client yet). */
  read(path: string, maxChars: number): FileText | undefined {
    const open = this.openText(path);
    if (open !== undefined) return { text: open };
    const within = this.boundaryOf(path);
    if (within === null) return undefined;
    if (this.onDisk(path)) {
      const fromDisk = () => toFileText(this.host.readFile!(path, { maxChars, within }));
      return this.cacheDisk ? kept(this.disk, `${maxChars}\0${path}`, 5000, fromDisk) : fromDisk();
    }
    const client = this.clientFiles();
    if (!client?.available) return undefined;
    return client.read(path, maxChars);
  }

  /**
   * A small text file of a git checkout's metadata (`<dir>/.git`, or a file under a `.git`
   * folder), for the checklist's forge links. The checkout may sit above the workspace folder, so
   * these few files are readable wherever they are, but only there: the read may not leave the
   * `.git` folder (or, for a worktree's `.git` file, its folder) through a link, and stays under 64 KiB.
   * Without a disk (the web worker, a virtual workspace) they come through the client, whose policy
   * reads only regular files inside a workspace folder, never a link (client/src/client-files.ts).
   */
  readGitMetadata(path: string): string | undefined {
    const inside = path.lastIndexOf('/.git/');
    const within = inside >= 0 ? path.slice(0, inside + 5) : path.endsWith('/.git') ? dirnameOf(path) : null;
    if (within === null) return undefined;
    const got = this.onDisk(path) ? toFileText(this.host.readFile!(path, { maxChars: GIT_METADATA_CHARS, within })) : this.clientGitMetadata(path);
    return got && !got.truncated ? got.text : undefined;
  }

  private clientGitMetadata(path: string): FileText | undefined {
    const client = this.clientFiles();
    return client?.available ? client.read(path, GIT_METADATA_CHARS) : undefined;
  }

  /** The names in a directory on the disk, inside its boundary (for `RelatedFiles.list`); undefined where there is no disk. */
  list(dir: string): readonly string[] | undefined {
    const within = this.boundaryOf(`${withoutTrailingSlash(dir)}/.`);
    if (within === null || !this.host.listNames || !this.onDisk(dir)) return undefined;
    return this.host.listNames(dir, within);
  }

  /** A whole text within the limit, for rules that read a related file: too large counts as unreadable. */
  readText(path: string, maxChars: number): string | undefined {
    const r = this.read(path, maxChars);
    return r && !r.truncated && r.text.length <= maxChars ? r.text : undefined;
  }

  /** The configuration of a path (or, with `directory`, inside a folder), the user's settings applied. */
  config(path: string, overrides: FileConfig, directory = false): ResolvedConfig {
    return resolveConfig(path, { read: (p) => this.readText(p, DEFAULT_MAX_FILE_SIZE), isBoundary: this.isConfigBoundary }, { overrides, directory, cache: this.parsed });
  }
}

function toFileText(r: HostRead): FileText | undefined {
  if (r === undefined) return undefined;
  return typeof r === 'string' ? { text: r } : { text: r.text, truncated: { bytes: r.bytes } };
}
