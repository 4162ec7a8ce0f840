import type { DirectoryEntry } from '../shared/scan';

/**
 * A file read from a host's disk: the whole text, or (an object) the beginning of a file over the
 * size limit with the file's size in bytes; undefined when it is absent or refused.
 */
export type HostRead = string | { text: string; bytes: number } | undefined;

/** A file as the server got it: the whole text, or the beginning of a file over the size limit (with its size in bytes). */
export type FileText = { text: string; truncated?: { bytes: number } };

export interface HostReadOptions {
  /** The size limit in characters: a reader stops after one more. */
  maxChars: number;
  /** The folder the file's real path must stay in (links are not followed out of it). */
  within: string;
}

/** What differs between the Node and the browser server: URIs, paths and the file system. */
export interface ServerHost {
  uriToPath(uri: string): string;
  pathToUri(path: string): string;
  /**
   * Reads a file from the server's disk under the file-system policy (node-fs/read-text.ts: regular
   * files only, inside `within`, bounded). Absent: no disk (the web worker), so files that are not
   * open are read through the client, if it serves them.
   */
  readFile?(path: string, options: HostReadOptions): HostRead;
  /**
   * Lists a directory for the workspace checklist's walk (shared/scan.ts): files, real directories,
   * and links to directories as `link` (never entered). Absent or undefined: no disk to scan.
   */
  readDirectory?(path: string): DirectoryEntry[] | undefined;
  /**
   * The names in one directory for a rule (`RelatedFiles.list`, node-fs/directories.ts `listNames`):
   * bounded, no links, undefined outside `within`. Absent: no disk.
   */
  listNames?(dir: string, within: string): readonly string[] | undefined;
  /** Whether a folder holds a `.git` entry (a repository root, where configuration discovery stops). */
  isRepositoryRoot?(dir: string): boolean;
  /** Whether a path is on that disk (default: all of them). A virtual workspace's are not: the client reads those. */
  onDisk?(path: string): boolean;
  /** Milliseconds from the process (or worker) start to the end of loading the server's code, for the startup log. */
  loadedMs?: number;
}
