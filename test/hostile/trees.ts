import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * Hostile trees for the tests of issue 14: what a cloned repository may hold (any name, symbolic
 * links anywhere, FIFOs), built in a temporary folder and removed after each test.
 */

export type Entry = string | Buffer | { link: string } | { fifo: true } | { dir: true };

/** Whether this platform can make FIFOs (`mkfifo`, test code only). */
export const CAN_MKFIFO = process.platform !== 'win32' && existsSync('/usr/bin/mkfifo');
export const HAS_DEV_ZERO = existsSync('/dev/zero');

export function buildTree(root: string, entries: Record<string, Entry>): void {
  for (const [rel, e] of Object.entries(entries)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    if (typeof e === 'string' || Buffer.isBuffer(e)) writeFileSync(p, e);
    else if ('link' in e) symlinkSync(e.link, p);
    else if ('fifo' in e) execFileSync('mkfifo', [p]);
    else mkdirSync(p, { recursive: true });
  }
}

/** Call once per test file: returns a maker of temporary trees (real paths), removed after each test. */
export function hostileTrees(): (entries: Record<string, Entry>) => string {
  const made: string[] = [];
  afterEach(() => {
    for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return (entries) => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'bulkhead-hostile-')));
    made.push(dir);
    buildTree(dir, entries);
    return dir;
  };
}
