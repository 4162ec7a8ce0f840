import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RULES } from '../../server/src/rules';
import { built } from '../helpers/bundle';
import { WAIT_MS } from '../helpers/hang-guard';
import { runCaptured as run, testWorkspaces } from '../helpers/cli';

/**
 * The CLI never loses data: every path it cannot analyse is reported with the reason and exit 2,
 * while every other file is still analysed; --fix writes atomically and never writes a file whose
 * fixed text would not parse.
 */

const workspace = testWorkspaces();
afterEach(() => {
  vi.restoreAllMocks();
});

const IS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

type Run = { code: number | null; stdout: string; stderr: string };

/**
 * Root reads any file, so as root the CLI runs as the unprivileged user `nobody` (uid 65534): the
 * permission checks are then the real ones, not a simulation. `nobody` may not be able to enter the
 * clone (one inside a `mktemp -d` folder is mode 700), so it runs a copy of dist/cli.js (one
 * self-contained file that requires only Node built-ins) from a fresh folder under the system
 * temporary directory. Returns the run, or why `nobody` cannot run it on this machine (the test
 * then reports itself skipped with that reason, never passed).
 */
function runAsNobody(argv: string[], cwd: string): Run | { cannot: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bulkhead-cli-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const cli = join(dir, 'cli.js');
  copyFileSync(built('cli.js'), cli);
  chmodSync(cli, 0o644);
  chmodSync(dir, 0o755);
  const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(cli)}, require('fs').constants.R_OK)`], { cwd, uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    const why = probe.error?.message ?? probe.stderr.split('\n').find((l) => /Error|EACCES|ENOENT|EPERM/.test(l)) ?? probe.stderr.trim();
    return { cannot: `nobody (uid ${NOBODY}) cannot run ${process.execPath} on ${cli} from ${cwd}: ${why}` };
  }
  const p = spawnSync(process.execPath, [cli, ...argv], { cwd, uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
  return { code: p.status, stdout: p.stdout, stderr: p.stderr };
}

const ROOT_DOCKERFILE = 'FROM alpine:3.20\nUSER root\n';
const files = (stdout: string) => [...new Set(JSON.parse(stdout).findings.map((f: { file: string }) => f.file))].sort();

describe('paths the CLI cannot analyse', () => {
  /** A missing path, a directory link loop, a file without read permission and a binary file in one run (as root: run as nobody). */
  it('each is reported with its path and reason, exit 2, and every other file is analysed', (ctx) => {
    const dir = workspace({ 'good/Dockerfile': ROOT_DOCKERFILE, 'app/Dockerfile': ROOT_DOCKERFILE, 'bin/Dockerfile': 'FROM x\0\0\u0001binary', 'locked/Dockerfile': ROOT_DOCKERFILE });
    mkdirSync(join(dir, 'app/nested'));
    symlinkSync(join(dir, 'app'), join(dir, 'app/nested/loop'));
    chmodSync(join(dir, 'locked/Dockerfile'), 0o000);
    const argv = ['check', '.', 'missing/compose.yaml', '--format', 'json'];
    let r: Run | { cannot: string };
    if (IS_ROOT) {
      for (const d of ['', 'good', 'app', 'app/nested', 'bin', 'locked']) chmodSync(join(dir, d), 0o755);
      r = runAsNobody(argv, dir);
    } else {
      r = run(argv, dir);
    }
    chmodSync(join(dir, 'locked/Dockerfile'), 0o644);
    if ('cannot' in r) return ctx.skip(r.cannot);
    expect(r.code).toBe(2);
    // The link loop is a linked directory, which no walk enters (see test/cli/hostile-tree.test.ts).
    expect(r.stderr.split('\n').filter(Boolean).sort()).toEqual([
      'bulkhead: bin/Dockerfile: binary file (contains NUL bytes), not a Dockerfile or Compose file',
      'bulkhead: locked/Dockerfile: permission denied',
      'bulkhead: missing/compose.yaml: no such file or directory',
    ]);
    expect(files(r.stdout)).toEqual(['app/Dockerfile', 'good/Dockerfile']);
  });

  it('a directory without search permission is reported, not silently skipped (as root: run as nobody)', (ctx) => {
    const dir = workspace({ 'good/Dockerfile': ROOT_DOCKERFILE, 'closed/Dockerfile': ROOT_DOCKERFILE });
    chmodSync(join(dir, 'closed'), 0o000);
    let r: Run | { cannot: string };
    if (IS_ROOT) {
      chmodSync(dir, 0o755);
      chmodSync(join(dir, 'good'), 0o755);
      r = runAsNobody(['check', '--format', 'json'], dir);
    } else {
      r = run(['check', '--format', 'json'], dir);
    }
    chmodSync(join(dir, 'closed'), 0o755);
    if ('cannot' in r) return ctx.skip(r.cannot);
    expect(r.stderr).toBe('bulkhead: closed: permission denied\n');
    expect(r.code).toBe(2);
    expect(files(r.stdout)).toEqual(['good/Dockerfile']);
  });
});

describe('--fix', () => {
  const STALE = 'FROM alpine:3.22\r\n# bulkhead-ignore made-up-rule\r\nUSER 10001\r\n';
  const FIXED = 'FROM alpine:3.22\r\nUSER 10001\r\n';

  it('replaces the file by a rename in the same directory: a hard link to the old file keeps the old text', () => {
    const dir = workspace({ Dockerfile: STALE });
    linkSync(join(dir, 'Dockerfile'), join(dir, 'old-link'));
    chmodSync(join(dir, 'Dockerfile'), 0o640);
    const inode = statSync(join(dir, 'Dockerfile')).ino;
    const r = run(['check', '--fix', 'Dockerfile'], dir);
    expect(r.stderr).toBe('bulkhead: Dockerfile: applied 1 fix\n');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(FIXED);
    expect(statSync(join(dir, 'Dockerfile')).ino).not.toBe(inode);
    expect(readFileSync(join(dir, 'old-link'), 'utf8')).toBe(STALE);
    expect(statSync(join(dir, 'Dockerfile')).mode & 0o7777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(['Dockerfile', 'old-link']);
  });

  it('writes the new text to a temporary file in the same directory first (watched with inotify)', async () => {
    const dir = workspace({ Dockerfile: STALE });
    const seen: string[] = [];
    const watcher = watch(dir, (_event, name) => name && seen.push(String(name)));
    try {
      run(['check', '--fix', 'Dockerfile'], dir);
      // A hang guard: inotify reports the rename within milliseconds.
      await vi.waitFor(() => expect(seen).toContain('Dockerfile'), { timeout: WAIT_MS });
    } finally {
      watcher.close();
    }
    expect(seen.some((n) => /^\.Dockerfile\.bulkhead-\d+-[a-z0-9]+\.tmp$/.test(n))).toBe(true);
    expect(readdirSync(dir)).toEqual(['Dockerfile']);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(FIXED);
  });

  it('follows a symbolic link: the file it points to is fixed and the link stays a link', () => {
    const dir = workspace({ 'base/Dockerfile.shared': STALE });
    symlinkSync(join(dir, 'base/Dockerfile.shared'), join(dir, 'Dockerfile'));
    run(['check', '--fix', 'Dockerfile'], dir);
    expect(lstatSync(join(dir, 'Dockerfile')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'base/Dockerfile.shared'), 'utf8')).toBe(FIXED);
    expect(readdirSync(join(dir, 'base'))).toEqual(['Dockerfile.shared']);
  });

  it('never writes a file whose fixed text would not parse', () => {
    // A rule whose "safe" fix breaks the YAML, injected for the test.
    const rule = RULES.find((r) => r.meta.id === 'no-privileged')!;
    vi.spyOn(rule, 'compose').mockImplementation((ctx) => {
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      ctx.report({ messageId: Object.keys(rule.meta.messages)[0] as never, range: { start: range.start, end: { line: 0, character: 8 } }, fixes: [ctx.fix('break it', [{ range, newText: '[' }], 'safe')] });
    });
    const text = 'services:\n  web:\n    image: nginx:1.27\n';
    const dir = workspace({ 'compose.yaml': text });
    const r = run(['check', '--fix', 'compose.yaml'], dir);
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(text);
    expect(r.stderr).toBe('bulkhead: compose.yaml: not fixed: its fixes would leave it unparsable\n');
    expect(readdirSync(dir)).toEqual(['compose.yaml']);
  });

  it('refuses a file over the size limit, which is reported as too large', () => {
    const big = 'FROM alpine:3.22\n# bulkhead-ignore made-up-rule\nUSER 10001\n' + '#\n'.repeat(1_000_000);
    const dir = workspace({ Dockerfile: big });
    const r = run(['check', '--fix', '--format', 'json', 'Dockerfile'], dir);
    expect(r.stderr).toBe('bulkhead: Dockerfile: not fixed: the file is too large to analyse\n');
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule)).toEqual(['file-too-large']);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(big);
  });

  it('analyses and fixes that file when .bulkhead.yaml raises the limit', () => {
    // Over the default limit in one long comment line (cheap to parse once allowed).
    const big = 'FROM alpine:3.22\n# bulkhead-ignore made-up-rule\nUSER 10001\n# ' + 'x'.repeat(2_000_000) + '\n';
    const dir = workspace({ Dockerfile: big, '.bulkhead.yaml': 'maxFileSize: 3000000\n' });
    const r = run(['check', '--fix', '--format', 'json', 'Dockerfile'], dir);
    expect(r.stderr).toBe('bulkhead: Dockerfile: applied 1 fix\n');
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule)).not.toContain('file-too-large');
    // The stale ignore comment (a safe fix) is gone; nothing else changed.
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(big.replace('# bulkhead-ignore made-up-rule\n', ''));
  });
});

describe('a reader that stops early', () => {
  it('`bulkhead rules | head -1`: the CLI exits with its own code and prints no stack trace', () => {
    // `head -1` closes the pipe after the first line while the CLI still has pages of text to write;
    // with pipefail the pipeline's status is the CLI's.
    const r = spawnSync('bash', ['-c', 'set -o pipefail; "$0" "$1" rules | head -1', process.execPath, built('cli.js')], { encoding: 'utf8' });
    expect(r.stdout).toBe('## `base-image-end-of-life`: Do not build on end-of-life releases\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('the environment the CLI runs in', () => {
  it('LOG_TOKENS and LOG_STREAM (which make the CommonJS build of yaml print its tokens) do not reach the output', () => {
    const dir = workspace({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n' });
    const r = spawnSync(process.execPath, [built('cli.js'), 'check', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LOG_TOKENS: '1', LOG_STREAM: '1' } });
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as { findings: { rule: string; line: number }[] };
    expect(report.findings.map((f) => `${f.rule}:${f.line}`)).toContain('no-privileged:4');
    expect(r.status).toBe(1);
  });
});
