import type { DirectoryEntry } from '../shared/scan';

/** What differs between the Node and the browser server: URIs, paths and the file system. */
export interface ServerHost {
  uriToPath(uri: string): string;
  pathToUri(path: string): string;
  /**
   * Reads a file from the server's disk; undefined when it does not exist. Absent: no disk (the
   * web worker), so files that are not open are read through the client, if it serves them.
   */
  readFile?(path: string): string | undefined;
  /**
   * Lists a directory for the workspace checklist: files and real directories (symbolic links to
   * directories are left out, so a scan cannot loop). Absent or undefined: no disk to scan.
   */
  readDirectory?(path: string): DirectoryEntry[] | undefined;
  /** Whether a path is on that disk (default: all of them). A virtual workspace's are not: the client reads those. */
  onDisk?(path: string): boolean;
  /** Milliseconds from the process (or worker) start to the end of loading the server's code, for the startup log. */
  loadedMs?: number;
}
