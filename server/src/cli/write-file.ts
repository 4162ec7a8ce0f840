import { accessSync, closeSync, constants, fchmodSync, fchownSync, fstatSync, fsyncSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { FileStamp } from '../node-fs/read-text';

/**
 * How `--fix` writes a file without ever losing data. Refused, with the reason (`FixRefused`):
 * - a file the user may not write: no write permission (`access(W_OK)`), or no write bit at all
 *   (a 0444 file stays read-only even for root, who could write it);
 * - a file whose owner or group the rewrite would change (another user's file, or a group the user
 *   is not in): the rename would hand it to the user running Bulkhead;
 * - a file that changed since it was read (device, inode, size, modification time, then every
 *   byte compared right before the rename): a line appended meanwhile is not lost.
 * The caller refuses files that are not valid UTF-8 before it gets here.
 *
 * The write itself is atomic: the new text goes to a temporary file in the same directory with the
 * same mode and owner, is flushed, then renamed over the original. A crash leaves either the old
 * file or the new one. `path` is the real path (links resolved): a link stays a link.
 */

export class FixRefused extends Error {}

export interface Original {
  /** The text as read, without the byte order mark. */
  text: string;
  bom: boolean;
  stamp: FileStamp;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const bytesOf = (text: string, bom: boolean) => (bom ? Buffer.concat([BOM, Buffer.from(text, 'utf8')]) : Buffer.from(text, 'utf8'));

function mayWrite(path: string, st: FileStamp, uid: number | undefined): void {
  if ((st.mode & 0o222) === 0) throw new FixRefused(`it is read-only (mode ${(st.mode & 0o7777).toString(8).padStart(4, '0')})`);
  try {
    accessSync(path, constants.W_OK);
  } catch {
    throw new FixRefused('you may not write it (permission denied)');
  }
  if (uid !== undefined && uid !== 0 && st.uid !== uid) throw new FixRefused(`it belongs to another user (uid ${st.uid}); rewriting it would make it yours`);
}

/** Throws FixRefused unless the file still is exactly what was read. */
function unchanged(path: string, original: Original, expected: Buffer): void {
  const now = statSync(path);
  const then = original.stamp;
  if (now.dev !== then.dev || now.ino !== then.ino || now.size !== then.size || now.mtimeMs !== then.mtimeMs || now.size !== expected.length) {
    throw new FixRefused('it changed since it was read; run again');
  }
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const buf = Buffer.alloc(expected.length + 1);
    let n = 0;
    for (let r; n < buf.length && (r = readSync(fd, buf, n, buf.length - n, null)) > 0; ) n += r;
    if (n !== expected.length || !buf.subarray(0, n).equals(expected)) throw new FixRefused('it changed since it was read; run again');
  } finally {
    closeSync(fd);
  }
}

/** `uid`: who writes (the process's user; a test may name another to check the owner rule as root). */
export function writeFileAtomic(path: string, text: string, original: Original, uid: number | undefined = process.getuid?.()): void {
  const st = original.stamp;
  mayWrite(path, st, uid);
  const tmp = join(dirname(path), `.${basename(path)}.bulkhead-${process.pid}-${Date.now().toString(36)}.tmp`);
  const data = bytesOf(text, original.bom);
  const fd = openSync(tmp, 'wx', 0o600);
  let ready = false;
  try {
    // Owner and group first: a chown clears set-id bits, so the mode comes after.
    const made = fstatSync(fd);
    if (made.uid !== st.uid || made.gid !== st.gid) {
      try {
        fchownSync(fd, st.uid, st.gid);
      } catch {
        throw new FixRefused(`its owner or group (${st.uid}:${st.gid}) cannot be kept`);
      }
    }
    fchmodSync(fd, st.mode & 0o7777);
    for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
    ready = true;
  } finally {
    closeSync(fd);
    if (!ready) unlinkSync(tmp);
  }
  try {
    unchanged(path, original, bytesOf(original.text, original.bom));
    renameSync(tmp, path);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
}
