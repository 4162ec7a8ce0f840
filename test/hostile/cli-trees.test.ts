import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCaptured as run } from '../helpers/cli';
import { buildTree, CAN_MKFIFO, HAS_DEV_ZERO, hostileTrees } from './trees';

/**
 * Issue 14, items 1-4 through the CLI: each failure of the adversarial review, rebuilt as a tree in
 * a temporary folder. Every run must finish (a hang fails the test's timeout), print little, and
 * never read or print what lies outside the repository.
 */

const tree = hostileTrees();
const ROOT = 'FROM alpine:3.22\nUSER root\n';
const SECRET = 'FROM alpine:3.22\nENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
const bounded = <T extends { stdout: string; stderr: string }>(r: T): T => {
  expect(r.stdout.length + r.stderr.length).toBeLessThan(20_000);
  return r;
};
const filesOf = (stdout: string) => [...new Set(JSON.parse(stdout).findings.map((f: { file: string }) => f.file))].sort();

describe('1. special files are never read', () => {
  it.skipIf(!HAS_DEV_ZERO)('a Dockerfile, .dockerignore and .bulkhead.yaml linked to /dev/zero, and a Compose build from /dev/zero', () => {
    const dir = tree({
      'a/Dockerfile': { link: '/dev/zero' },
      'b/Dockerfile': ROOT,
      'b/.dockerignore': { link: '/dev/zero' },
      'c/.bulkhead.yaml': { link: '/dev/zero' },
      'c/Dockerfile': ROOT,
      'd/compose.yaml': 'services:\n  web:\n    build: {context: ., dockerfile: /dev/zero}\n',
    });
    const r = bounded(run(['check', '--format', 'json'], dir));
    expect(r.stderr.split('\n').filter(Boolean).sort()).toEqual([
      `bulkhead: a/Dockerfile: not read: a symbolic link to /dev/zero, outside ${dir}`,
      `bulkhead: c/.bulkhead.yaml: not read: a symbolic link to /dev/zero, outside ${dir}; no configuration is used for the files below it`,
    ]);
    expect(filesOf(r.stdout)).toEqual(['b/Dockerfile', 'c/Dockerfile', 'd/compose.yaml']);
    expect(r.code).toBe(2);
  });

  it.skipIf(!HAS_DEV_ZERO)('named on the command line, /dev/zero is refused as a device, not read', () => {
    const dir = tree({});
    const r = bounded(run(['check', '/dev/zero', '--kind', 'dockerfile'], dir));
    expect(r.stderr).toBe('bulkhead: /dev/zero: a character device, not a regular file: not read\n');
    expect(r.code).toBe(2);
  });

  it.skipIf(!CAN_MKFIFO)('a FIFO named Dockerfile (and one named .bulkhead.yaml) is reported, never opened for a blocking read', () => {
    const dir = tree({ Dockerfile: { fifo: true }, 'x/.bulkhead.yaml': { fifo: true }, 'x/Dockerfile': ROOT, 'ok/Dockerfile': ROOT });
    const r = bounded(run(['check', '--format', 'json'], dir));
    expect(r.stderr.split('\n').filter(Boolean).sort()).toEqual([
      'bulkhead: Dockerfile: a FIFO, not a regular file: not read',
      'bulkhead: x/.bulkhead.yaml: a FIFO, not a regular file: not read; no configuration is used for the files below it',
    ]);
    expect(filesOf(r.stdout)).toEqual(['ok/Dockerfile', 'x/Dockerfile']);
  });
});

describe('2. scans stay in the tree', () => {
  it('a committed link to a folder outside, and one to /, are not entered; a linked file outside is refused', () => {
    const outer = tree({ 'outside/Dockerfile': SECRET });
    const dir = join(outer, 'repo');
    const more = { 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/Dockerfile': ROOT, 'repo/vendor': { link: '../outside' }, 'repo/root': { link: '/' }, 'repo/Dockerfile.out': { link: '../outside/Dockerfile' } } as const;
    for (const [rel, e] of Object.entries(more)) buildOne(outer, rel, e);
    const r = bounded(run(['check', '.'], dir));
    expect(r.stdout).not.toContain('wJalrXUtnFEMI');
    expect(r.stderr).toBe(`bulkhead: Dockerfile.out: not read: a symbolic link to ${join(outer, 'outside/Dockerfile')}, outside ${dir}\n`);
    expect(r.stdout).toContain('Dockerfile\n');
    expect(r.code).toBe(2);
    // Named on the command line, a link out of the repository is refused too.
    const v = bounded(run(['check', 'vendor'], dir));
    expect(v.stderr).toBe(`bulkhead: vendor: not read: a symbolic link to ${join(outer, 'outside')}, outside ${dir}\n`);
  });

  it('a related file over the size limit is not read past it (the limit of .bulkhead.yaml, as for the file itself)', () => {
    const big = 'FROM alpine:3.22\n' + `RUN echo ${'x'.repeat(100)}\n`.repeat(20_000);
    const dir = tree({ '.bulkhead.yaml': 'maxFileSize: 1000\n', 'compose.yaml': 'services:\n  web:\n    build: .\n', Dockerfile: big });
    const r = bounded(run(['check', '--format', 'json'], dir));
    const findings = JSON.parse(r.stdout).findings as { file: string; rule: string; message: string }[];
    expect(findings.filter((f) => f.file === 'Dockerfile')).toEqual([
      expect.objectContaining({ rule: 'file-too-large', message: `This file was not analysed: it has ${Buffer.byteLength(big)} bytes, and more than the limit of 1000 characters` }),
    ]);
    // The Compose file's rules that read the Dockerfile see it as unreadable: no finding about its USER.
    expect(findings.filter((f) => f.file === 'compose.yaml').map((f) => f.rule)).not.toContain('compose-build-user');
  });
});

describe('3. configuration from outside the repository never applies', () => {
  it('a .bulkhead.yaml above the repository root (a .git folder, or a .git file of a worktree) is not read', () => {
    for (const git of [{ '.git/HEAD': 'ref: refs/heads/main\n' }, { '.git': 'gitdir: /elsewhere/.git/worktrees/x\n' }]) {
      const outer = tree({ '.bulkhead.yaml': 'ignore: ["**"]\nfailOn: never\n' });
      for (const [rel, text] of Object.entries({ ...git, Dockerfile: SECRET })) buildOne(outer, `repo/${rel}`, text);
      const r = bounded(run(['check', '--format', 'json'], join(outer, 'repo')));
      expect(filesOf(r.stdout)).toEqual(['Dockerfile']);
      expect(r.code).toBe(1);
    }
  });

  it('outside a repository, discovery stops at the working directory', () => {
    const outer = tree({ '.bulkhead.yaml': 'failOn: never\n', 'work/Dockerfile': ROOT, 'work/sub/.bulkhead.yaml': 'rules: {non-root-user: error}\n', 'work/sub/Dockerfile': ROOT });
    const r = bounded(run(['check', '--format', 'json'], join(outer, 'work')));
    const rootUser = JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'non-root-user');
    expect(rootUser.map((f: { file: string; severity: string }) => `${f.file} ${f.severity}`)).toEqual(['Dockerfile warning', 'sub/Dockerfile error']);
    expect(r.code).toBe(1);
  });
});

describe('4. --fix never loses data', () => {
  const STALE = 'FROM alpine:3.22\n# bulkhead-ignore made-up-rule\nUSER 10001\n';

  it('a Latin-1 file is refused (every byte kept), by --fix and --fix-dry-run alike, and said in the summary', () => {
    const latin1 = Buffer.from('FROM alpine:3.22\n# bulkhead-ignore made-up-rule\nLABEL author="Jos\xe9 Mu\xf1oz"\nUSER 10001\n', 'latin1');
    const dir = tree({ Dockerfile: latin1 });
    const r = bounded(run(['check', '--fix'], dir));
    const reason = 'not fixed: it is not valid UTF-8, and Bulkhead writes back only files whose every byte it can keep';
    expect(r.stderr).toBe(`bulkhead: Dockerfile: ${reason}\n`);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('Not fixed: Dockerfile (it is not valid UTF-8, and Bulkhead writes back only files whose every byte it can keep).');
    expect(readFileSync(join(dir, 'Dockerfile')).equals(latin1)).toBe(true);
    expect(r.code).toBe(2);
    const d = bounded(run(['check', '--fix-dry-run'], dir));
    expect(d.stdout).toBe('');
    expect(d.stderr).toBe(`bulkhead: Dockerfile: ${reason}\n`);
  });

  it('a byte order mark survives --fix, and --fix-dry-run shows it', () => {
    const dir = tree({ Dockerfile: `\uFEFF${STALE}` });
    const d = bounded(run(['check', '--fix-dry-run'], dir));
    expect(d.stdout).toBe('--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,2 @@\n \uFEFFFROM alpine:3.22\n-# bulkhead-ignore made-up-rule\n USER 10001\n');
    bounded(run(['check', '--fix'], dir));
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('\uFEFFFROM alpine:3.22\nUSER 10001\n');
  });

  it('a read-only (0444) file is not rewritten, even by root; nothing is left behind', () => {
    const dir = tree({ Dockerfile: STALE });
    chmodSync(join(dir, 'Dockerfile'), 0o444);
    const r = bounded(run(['check', '--fix'], dir));
    expect(r.stderr).toBe('bulkhead: Dockerfile: not fixed: it is read-only (mode 0444)\n');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(STALE);
    expect(statSync(join(dir, 'Dockerfile')).mode & 0o777).toBe(0o444);
    expect(readdirSync(dir)).toEqual(['Dockerfile']);
    expect(r.code).toBe(2);
  });

  it('a file that is not valid UTF-8 but needs no fix is analysed as usual', () => {
    const dir = tree({ Dockerfile: Buffer.from('FROM alpine:3.22\nLABEL a="\xe9"\nUSER 10001\n', 'latin1') });
    writeFileSync(join(dir, '.bulkhead.yaml'), 'rules: {oci-labels: off}\n');
    const r = bounded(run(['check', '--fix'], dir));
    expect(r.stderr).toBe('');
  });
});

/** One more entry in a tree already made. */
function buildOne(root: string, rel: string, e: string | { link: string }): void {
  buildTree(root, { [rel]: e });
}
