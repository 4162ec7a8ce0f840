import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { TextDecoder } from 'node:util';
import { kept } from '../core/kept';

/**
 * How Bulkhead reads a file from a disk: the one policy of the CLI, the Node language server and
 * the checklist's workspace scan. A repository is untrusted input, and git stores symbolic links
 * and any name, so:
 *
 * - **Only regular files**, checked on the open file (`fstat` after `open`): a device (`/dev/zero`),
 *   a FIFO or a socket is never read. The open itself cannot block: FIFOs are opened non-blocking.
 * - **Never out of the boundary**: the file's real path (every link resolved) must lie inside the
 *   real path of `within` (the repository, the folder named on the command line, the workspace
 *   folder). A link out of it, or to `/`, is refused with the place it points to.
 * - **Bounded**: reading stops once the text has more than `maxChars` characters (UTF-16 code
 *   units, the engine's size limit), so at most about 3 × `maxChars` bytes are ever read, whatever
 *   the file's size. The caller gets the beginning and the file's size instead of the whole text.
 * - **Text only**: a NUL byte in the first 8,000 bytes marks a binary file. Bytes that are not valid
 *   UTF-8 are decoded as U+FFFD for analysis, and the result says so (`--fix` refuses such files).
 *   A byte order mark is taken off the text and reported, so that positions match editors (which
 *   do not show it) and a writer can put it back.
 *
 * Time is bounded by size, never by a clock.
 */

export interface FileStamp {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  mode: number;
  uid: number;
  gid: number;
}

export type TextRead =
  | {
      /** The whole text, without a leading byte order mark. */
      text: string;
      complete: true;
      /** Every byte was valid UTF-8. */
      utf8: boolean;
      /** The file started with a UTF-8 byte order mark (taken off `text`). */
      bom: boolean;
      /** The real path that was read (links resolved). */
      real: string;
      stamp: FileStamp;
    }
  | {
      /** The beginning of the text: more than `maxChars` characters. */
      text: string;
      complete: false;
      /** The file's size in bytes. */
      bytes: number;
      real: string;
    }
  | { problem: string; missing?: boolean };

export interface ReadOptions {
  /** The engine's size limit in characters: reading stops after `maxChars + 1`. */
  maxChars: number;
  /** The boundary folder; absent: none (a file the user named, such as `--config FILE`). */
  within?: string;
}

const CHUNK = 64 * 1024;
const BINARY_PROBE = 8000;
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0) | (constants.O_NOCTTY ?? 0);

const NO_SUCH_FILE = 'no such file or directory';

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return NO_SUCH_FILE;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'ENOTDIR') return 'not a directory';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENXIO') return 'not a regular file (a socket or a device without a reader): not read';
  return e instanceof Error ? e.message : String(e);
}

/** True when `path` is `dir` or inside it (both absolute, real). */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** What kind of file a `Stats` describes, for a message. */
export function fileTypeName(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/** The real path of a boundary folder, or the problem; `realpath` of the same folder is asked once per `memo`. */
export function realBoundary(within: string, memo?: Map<string, string | null>): string | null {
  return memo ? kept(memo, within, 1000, realOrNull) : realOrNull(within);
}

function realOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/**
 * The real path of `path` when it lies inside the boundary, else a problem. `boundaries` caches
 * the real paths of boundary folders across calls.
 */
export function resolveWithin(path: string, within: string | undefined, boundaries?: Map<string, string | null>): { real: string } | { problem: string; missing?: boolean } {
  let real: string;
  try {
    // Most paths asked for and missing are configuration files and related files looked up beside
    // each analysed file: one lstat says so, where realpath would lstat every folder on the way.
    if (lstatSync(path, { throwIfNoEntry: false }) === undefined) return { problem: NO_SUCH_FILE, missing: true };
    real = realpathSync(path);
  } catch (e) {
    return { problem: describeFsError(e), missing: (e as NodeJS.ErrnoException).code === 'ENOENT' };
  }
  if (within !== undefined) {
    const boundary = realBoundary(within, boundaries);
    if (boundary === null) return { problem: `its folder ${within} cannot be read`, missing: true };
    if (!isInside(real, boundary)) {
      // A path that is outside by its own name (`../`, a dev container's reference) is not a link's doing.
      const named = resolve(path);
      if (!isInside(named, resolve(within)) && !isInside(named, boundary)) return { problem: `not read: outside ${boundary}` };
      return { problem: `not read: a symbolic link to ${real}, outside ${boundary}` };
    }
  }
  return { real };
}

function stampOf(st: Stats): FileStamp {
  return { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, mode: st.mode, uid: st.uid, gid: st.gid };
}

/** Reads a text file under the policy above. Never throws. */
export function readTextFile(path: string, options: ReadOptions, boundaries?: Map<string, string | null>): TextRead {
  const where = resolveWithin(resolve(path), options.within, boundaries);
  if ('problem' in where) return where;
  let fd: number;
  try {
    fd = openSync(where.real, OPEN_FLAGS);
  } catch (e) {
    return { problem: describeFsError(e), missing: (e as NodeJS.ErrnoException).code === 'ENOENT' };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { problem: `${fileTypeName(st)}, not a regular file: not read` };
    return readOpen(fd, st, where.real, Math.max(0, options.maxChars));
  } catch (e) {
    return { problem: describeFsError(e) };
  } finally {
    closeSync(fd);
  }
}

function readOpen(fd: number, st: Stats, real: string, maxChars: number): TextRead {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let strict: TextDecoder | null = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const buf = Buffer.allocUnsafe(CHUNK);
  const parts: string[] = [];
  let length = 0;
  let first = true;
  for (;;) {
    const n = readSync(fd, buf, 0, CHUNK, null);
    if (n === 0) break;
    const bytes = buf.subarray(0, n);
    if (first && bytes.subarray(0, BINARY_PROBE).includes(0)) return { problem: 'binary file (contains NUL bytes), not a Dockerfile or Compose file' };
    first = false;
    const part = decoder.decode(bytes, { stream: true });
    if (strict) {
      try {
        strict.decode(bytes, { stream: true });
      } catch {
        strict = null;
      }
    }
    parts.push(part);
    length += part.length;
    // One character more than the limit (the BOM does not count) is enough to know the text is too large.
    if (length - (parts[0].startsWith('\uFEFF') ? 1 : 0) > maxChars) {
      const text = parts.join('');
      return { text: text.startsWith('\uFEFF') ? text.slice(1) : text, complete: false, bytes: Math.max(st.size, n), real };
    }
  }
  parts.push(decoder.decode());
  if (strict) {
    try {
      strict.decode();
    } catch {
      strict = null;
    }
  }
  const text = parts.join('');
  const bom = text.startsWith('\uFEFF');
  return { text: bom ? text.slice(1) : text, complete: true, utf8: strict !== null, bom, real, stamp: stampOf(st) };
}
