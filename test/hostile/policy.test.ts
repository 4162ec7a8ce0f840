import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FixRefused, writeFileAtomic } from '../../server/src/cli/write-file';
import { parseConfigFile } from '../../server/src/engine/config-file';
import { isIgnored } from '../../server/src/engine/config-resolve';
import { lint } from '../../server/src/engine/lint';
import { hasGitEntry, readDirectory } from '../../server/src/node-fs/directories';
import { readTextFile } from '../../server/src/node-fs/read-text';
import { listCandidateFiles } from '../../server/src/shared/scan';
import { CAN_MKFIFO, HAS_DEV_ZERO, hostileTrees } from './trees';

/** The file-system policy (node-fs/) and the write rules of --fix, at the level of their functions. */

const tree = hostileTrees();

describe('reading: regular files only, inside the boundary, bounded', () => {
  it.skipIf(!HAS_DEV_ZERO)('a device is refused after opening, with or without a boundary', () => {
    expect(readTextFile('/dev/zero', { maxChars: 10 })).toEqual({ problem: 'a character device, not a regular file: not read' });
    const dir = tree({ zero: { link: '/dev/zero' } });
    expect(readTextFile(join(dir, 'zero'), { maxChars: 10, within: dir })).toEqual({ problem: `not read: a symbolic link to /dev/zero, outside ${dir}` });
  });

  it('a path outside the boundary by its own name is refused as outside, not as a link', () => {
    const dir = tree({ 'inner/Dockerfile': 'FROM x\n', 'compose.yaml': 'services: {}\n', 'to-compose.yaml': { link: 'compose.yaml' } });
    const inner = join(dir, 'inner');
    expect(readTextFile(join(inner, '../compose.yaml'), { maxChars: 100, within: inner })).toEqual({ problem: `not read: outside ${inner}` });
    expect(readTextFile(join(dir, 'to-compose.yaml'), { maxChars: 100, within: dir })).toMatchObject({ complete: true, text: 'services: {}\n' });
    expect(readTextFile(join(inner, 'Dockerfile'), { maxChars: 100, within: inner })).toMatchObject({ complete: true, text: 'FROM x\n' });
  });

  it.skipIf(!CAN_MKFIFO)('a FIFO without a writer is opened without blocking and refused', () => {
    const dir = tree({ fifo: { fifo: true } });
    expect(readTextFile(join(dir, 'fifo'), { maxChars: 10, within: dir })).toEqual({ problem: 'a FIFO, not a regular file: not read' });
  });

  it('stops reading after the limit: a 20 MB file costs about the limit, and says how large it is', () => {
    const dir = tree({ big: 'a'.repeat(20_000_000) });
    const r = readTextFile(join(dir, 'big'), { maxChars: 1000, within: dir });
    expect(r).toMatchObject({ complete: false, bytes: 20_000_000 });
    // One read chunk at most past the limit.
    expect('text' in r && r.text.length).toBeLessThanOrEqual(1000 + 64 * 1024);
  });

  it('reports encoding facts: valid UTF-8 or not, a byte order mark taken off', () => {
    const dir = tree({ latin1: Buffer.from('caf\xe9\n', 'latin1'), bom: '\uFEFFFROM x\n', nul: 'FROM x\0\n' });
    expect(readTextFile(join(dir, 'latin1'), { maxChars: 100 })).toMatchObject({ complete: true, utf8: false, bom: false, text: 'caf\uFFFD\n' });
    expect(readTextFile(join(dir, 'bom'), { maxChars: 100 })).toMatchObject({ complete: true, utf8: true, bom: true, text: 'FROM x\n' });
    expect(readTextFile(join(dir, 'nul'), { maxChars: 100 })).toEqual({ problem: 'binary file (contains NUL bytes), not a Dockerfile or Compose file' });
  });

  it('a link inside the boundary is followed; a dangling link is missing', () => {
    const dir = tree({ 'real/Dockerfile': 'FROM x\n', Dockerfile: { link: 'real/Dockerfile' }, gone: { link: 'nowhere' } });
    expect(readTextFile(join(dir, 'Dockerfile'), { maxChars: 100, within: dir })).toMatchObject({ text: 'FROM x\n', real: join(dir, 'real/Dockerfile') });
    expect(readTextFile(join(dir, 'gone'), { maxChars: 100, within: dir })).toEqual({ problem: 'no such file or directory', missing: true });
  });
});

describe('walking: linked directories are never entered; every loop is bounded by size', () => {
  it('lists files and links to files, not what lies behind a linked directory (a loop, /, outside)', () => {
    const dir = tree({ 'a/Dockerfile': 'x', 'a/loop': { link: '..' }, root: { link: '/' }, 'b/compose.yaml': 'x', 'Dockerfile.link': { link: 'a/Dockerfile' } });
    expect(listCandidateFiles(dir, readDirectory).paths.map((p) => p.slice(dir.length + 1))).toEqual(['Dockerfile.link', 'a/Dockerfile', 'b/compose.yaml']);
  });

  it('a repository root is a folder with a .git entry of any kind; a missing or unreachable one is not', () => {
    const dir = tree({ 'repo/.git/HEAD': 'x', 'worktree/.git': 'gitdir: elsewhere', 'linked/.git': { link: 'nowhere' }, 'plain/Dockerfile': 'x', file: 'x' });
    expect(['repo', 'worktree', 'linked', 'plain', 'file', 'missing'].map((d) => hasGitEntry(join(dir, d)))).toEqual([true, true, true, false, false, false]);
  });

  it('stops at the depth limit and says so', () => {
    const deep = `${Array.from({ length: 70 }, (_, i) => `d${i}`).join('/')}/Dockerfile`;
    const dir = tree({ [deep]: 'x', Dockerfile: 'x' });
    const r = listCandidateFiles(dir, readDirectory, { files: 100, entries: 1000, depth: 64 });
    expect(r).toEqual({ paths: [join(dir, 'Dockerfile')], truncated: true });
  });
});

describe('writing (--fix): never lose data', () => {
  const STALE = 'FROM alpine:3.22\n# bulkhead-ignore made-up-rule\nUSER 10001\n';
  const FIXED = 'FROM alpine:3.22\nUSER 10001\n';

  function readForFix(path: string) {
    const r = readTextFile(path, { maxChars: 1000 });
    if (!('complete' in r) || !r.complete) throw new Error('not read');
    return r;
  }

  it('a line appended between the read and the write is kept: the write is refused', () => {
    const dir = tree({ Dockerfile: STALE });
    const path = join(dir, 'Dockerfile');
    const read = readForFix(path);
    appendFileSync(path, 'LABEL added=meanwhile\n');
    expect(() => writeFileAtomic(read.real, FIXED, read)).toThrow(new FixRefused('it changed since it was read; run again'));
    expect(readFileSync(path, 'utf8')).toBe(`${STALE}LABEL added=meanwhile\n`);
    expect(readdirSync(dir)).toEqual(['Dockerfile']);
  });

  it('a same-size change (same length, other bytes) is caught by the byte comparison', () => {
    const dir = tree({ Dockerfile: STALE });
    const path = join(dir, 'Dockerfile');
    const read = readForFix(path);
    writeFileSync(path, STALE.replace('10001', '10002'));
    // The modification time may be the same tick: the bytes decide.
    expect(() => writeFileAtomic(read.real, FIXED, { ...read, stamp: { ...read.stamp, mtimeMs: readForFix(path).stamp.mtimeMs } })).toThrow('it changed since it was read');
  });

  it("another user's file is refused for an unprivileged user (the rename would make it theirs)", () => {
    const dir = tree({ Dockerfile: STALE });
    const read = readForFix(join(dir, 'Dockerfile'));
    const owner = read.stamp.uid;
    expect(() => writeFileAtomic(read.real, FIXED, read, owner + 1)).toThrow(`it belongs to another user (uid ${owner}); rewriting it would make it yours`);
    writeFileAtomic(read.real, FIXED, read, owner);
    expect(readFileSync(read.real, 'utf8')).toBe(FIXED);
  });
});

describe('9. a long ignore list costs its compilation once, and is bounded', () => {
  it('more than 10,000 globs: a clear problem, the first 10,000 used', () => {
    // (The list had 200,000; 20,000 shows the bound while keeping the YAML parse short.)
    const globs = Array.from({ length: 20_000 }, (_, i) => `"gen/${i}/**"`);
    const { config, problems } = parseConfigFile(`ignore: [${globs.join(', ')}]\n`);
    expect(problems.map((p) => p.message)).toEqual(['"ignore" has 20000 globs; only the first 10000 are used']);
    expect(config.ignore).toHaveLength(10_000);
    expect(isIgnored('/r/gen/9999/Dockerfile', '/r/.bulkhead.yaml', config.ignore!)).toBe(true);
    expect(isIgnored('/r/gen/10000/Dockerfile', '/r/.bulkhead.yaml', config.ignore!)).toBe(false);
  });

  it('plain names and paths are looked up, globs matched as compiled: the same answers as before', () => {
    const cfg = '/repo/.bulkhead.yaml';
    const globs = ['vendor/', 'testdata', '*.dev.yaml', 'deploy/old', 'a/*/c'];
    expect(['/repo/vendor/x/Dockerfile', '/repo/src/testdata/Dockerfile', '/repo/x/compose.dev.yaml', '/repo/deploy/old/Dockerfile', '/repo/a/b/c/Dockerfile'].map((p) => isIgnored(p, cfg, globs))).toEqual([true, true, true, true, true]);
    expect(['/repo/src/vendor/Dockerfile', '/repo/deploy/older/Dockerfile', '/repo/a/b/d/Dockerfile', '/other/vendor/Dockerfile'].map((p) => isIgnored(p, cfg, globs))).toEqual([false, false, false, false]);
  });
});

describe('the one size policy', () => {
  it('a text the reader stopped at the limit gets file-too-large with its size in bytes', () => {
    const f = lint({ text: 'FROM x\n'.repeat(10), kind: 'dockerfile', truncated: { bytes: 123_456 } }, { maxFileSize: 20 });
    expect(f.map((x) => [x.ruleId, x.message])).toEqual([['file-too-large', 'This file was not analysed: it has 123456 bytes, and more than the limit of 20 characters']]);
  });
});
