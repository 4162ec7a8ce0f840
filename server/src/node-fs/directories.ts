import { lstatSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DirectoryEntry } from '../shared/scan';
import { describeFsError, resolveWithin } from './read-text';

/**
 * Directories on a disk, for the one walk of `shared/scan.ts` (the CLI's discovery and the
 * checklist's workspace scan) and for configuration discovery.
 *
 * The policy on links: a walk never enters a linked directory (so it cannot loop, leave the tree or
 * reach `/`, and finds each file once, under its own path); a link that is not to a directory is
 * listed like a file, and reading it applies the reading policy (`read-text.ts`: only a regular
 * file inside the boundary).
 */

/** One directory's entries: real directories, files and links to non-directories (`file`), links to directories (`link`). */
export function readDirectory(dir: string): DirectoryEntry[] {
  const out: DirectoryEntry[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push({ name: e.name, type: 'directory' });
    else if (e.isSymbolicLink()) {
      let toDirectory = false;
      try {
        toDirectory = statSync(join(dir, e.name)).isDirectory();
      } catch {
        // dangling, a loop, or unreadable: listed like a file, and reading it says why
      }
      out.push({ name: e.name, type: toDirectory ? 'link' : 'file' });
    } else out.push({ name: e.name, type: 'file' });
  }
  return out;
}

/** The most names one listing hands to a rule (a build context may be huge). */
export const MAX_LISTED_NAMES = 5000;

/**
 * The names in one directory for a rule (`RelatedFiles.list`): a `/` after a real subdirectory's
 * name, plain files, nothing else (links are left out, so nothing is reached through them); at most
 * `MAX_LISTED_NAMES`; undefined when the directory is missing, unreadable or outside `within`.
 */
export function listNames(dir: string, within: string): string[] | undefined {
  if ('problem' in resolveWithin(dir, within)) return undefined;
  try {
    const out: string[] = [];
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (out.length >= MAX_LISTED_NAMES) break;
      if (e.isDirectory()) out.push(`${e.name}/`);
      else if (e.isFile()) out.push(e.name);
    }
    return out;
  } catch {
    return undefined;
  }
}

/** `readDirectory` that records the problem of a directory it cannot list, and answers undefined. */
export function directoryReader(problems: { path: string; reason: string }[]): (dir: string) => DirectoryEntry[] | undefined {
  return (dir) => {
    try {
      return readDirectory(dir);
    } catch (e) {
      problems.push({ path: dir, reason: describeFsError(e) });
      return undefined;
    }
  };
}

/** Whether a folder holds a `.git` entry (a directory, or the file of a worktree or submodule): a repository root. */
export function hasGitEntry(dir: string): boolean {
  try {
    // Nearly every folder asked about has no `.git`: answering "missing" without an exception
    // costs a quarter of a throwing lstat (the CLI asks once per folder it reaches).
    return lstatSync(join(dir, '.git'), { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/** A memoised `hasGitEntry`: configuration discovery asks about the same folders for every file. */
export function gitEntryProbe(): (dir: string) => boolean {
  const known = new Map<string, boolean>();
  return (dir) => {
    let v = known.get(dir);
    if (v === undefined) known.set(dir, (v = hasGitEntry(dir)));
    return v;
  };
}

/** The nearest folder at or above `dir` that holds a `.git` entry, or null. At most 256 levels. */
export function repositoryRoot(dir: string, probe: (dir: string) => boolean = hasGitEntry): string | null {
  let d = dir;
  for (let i = 0; i < 256; i++) {
    if (probe(d)) return d;
    const up = dirname(d);
    if (up === d) return null;
    d = up;
  }
  return null;
}
