import type { DirectoryEntry } from '../shared/scan';
import { hasGitEntry, listNames, readDirectory as readEntries } from './directories';
import { readTextFile } from './read-text';

/**
 * The Node language server's disk, under the same policy as the CLI (read-text.ts, directories.ts):
 * what `server.ts` hands to the server as its host's `readFile`, `readDirectory` and
 * `isRepositoryRoot`. Never throws.
 */
export function nodeServerFiles(): {
  readFile(path: string, options: { maxChars: number; within: string }): string | { text: string; bytes: number } | undefined;
  readDirectory(dir: string): DirectoryEntry[] | undefined;
  listNames(dir: string, within: string): string[] | undefined;
  isRepositoryRoot(dir: string): boolean;
} {
  /** The real paths of the boundary folders (workspace folders), asked once each. */
  const boundaries = new Map<string, string | null>();
  return {
    readFile(path, options) {
      const r = readTextFile(path, options, boundaries);
      if ('problem' in r) return undefined;
      return r.complete ? r.text : { text: r.text, bytes: r.bytes };
    },
    readDirectory(dir) {
      try {
        return readEntries(dir);
      } catch {
        return undefined;
      }
    },
    listNames,
    isRepositoryRoot: hasGitEntry,
  };
}
