import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file's content atomically: the new text goes to a temporary file in the same
 * directory with the same mode, is flushed, then renamed over the original. A crash leaves either
 * the old file or the new one, never a half-written one.
 */
export function writeFileAtomic(path: string, text: string): void {
  const mode = statSync(path).mode & 0o7777;
  const tmp = join(dirname(path), `.${basename(path)}.bulkhead-${process.pid}-${Date.now().toString(36)}.tmp`);
  const data = Buffer.from(text, 'utf8');
  const fd = openSync(tmp, 'wx', 0o600);
  let written = false;
  try {
    fchmodSync(fd, mode);
    for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
    written = true;
  } finally {
    closeSync(fd);
    if (!written) unlinkSync(tmp);
  }
  try {
    renameSync(tmp, path);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
}
