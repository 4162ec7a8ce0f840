import { closeSync, fchmodSync, fchownSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file's content atomically: the new text goes to a temporary file in the same
 * directory with the same mode (and owner, where allowed), is flushed, then renamed over the
 * original. A crash leaves either the old file or the new one, never a half-written one. A
 * symbolic link is followed: the file it points to is replaced, the link stays a link.
 */
export function writeFileAtomic(path: string, text: string): void {
  const target = realpathSync(path);
  const st = statSync(target);
  const tmp = join(dirname(target), `.${basename(target)}.bulkhead-${process.pid}-${Date.now().toString(36)}.tmp`);
  const data = Buffer.from(text, 'utf8');
  const fd = openSync(tmp, 'wx', 0o600);
  let written = false;
  try {
    try {
      // Keeps the owner when the file is someone else's (only possible as root). Before the mode: a chown clears set-id bits.
      if (process.getuid?.() === 0) fchownSync(fd, st.uid, st.gid);
    } catch {
      // a file system without ownership (some mounts): the mode is what matters
    }
    fchmodSync(fd, st.mode & 0o7777);
    for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
    written = true;
  } finally {
    closeSync(fd);
    if (!written) unlinkSync(tmp);
  }
  try {
    renameSync(tmp, target);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
}
