// The file-tree fuzzer of `npm run fuzz` (issue 14): random repositories on a real disk, with links
// (inside, dangling, loops, out of the tree, to `/` and `/dev/zero`), FIFOs, and files in every
// encoding that occurs (UTF-8, Latin-1, a BOM, CRLF, NUL bytes, over the size limit). Each tree sits
// in a folder next to an "outside" folder whose files and `.bulkhead.yaml` carry a marker. The CLI
// (`check` in every format, `checklist`, `--fix`) and the Node server's reader and walk run on it,
// in process. A case fails when anything throws, an exit code or JSON output is wrong, output grows
// beyond a bound, the outside marker shows up in any output (something outside was read), a file
// outside changes, a file `--fix` must refuse (not UTF-8) changes, or a temporary file is left.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDecoder } from 'node:util';
import { runCli } from '../../server/src/cli/main';
import { nodeServerFiles } from '../../server/src/node-fs/server-files';
import { listCandidateFiles } from '../../server/src/shared/scan';

const MARKER = 'OUTSIDE-MARKER-7f3a';
const CAN_FIFO = process.platform !== 'win32' && existsSync('/usr/bin/mkfifo');
const OUTPUT_BOUND = 1_000_000;

/** mulberry32: a small seeded generator, so that a failing case can be replayed by its number. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}
type Rng = ReturnType<typeof rng>;

const NAMES = ['Dockerfile', 'Dockerfile.prod', 'app.dockerfile', 'Containerfile', 'compose.yaml', 'docker-compose.yml', 'compose.override.yaml', '.bulkhead.yaml', '.bulkhead.yml', '.dockerignore', 'notes.txt', 'Dockerfile\nforged', 'compose\u001b[2J.yaml', 'docker-compose.\n::error::x.yml'];
const DIRS = ['app', 'svc', 'node_modules', '.git', 'deep', 'a b', 'x#?%'];
const DOCKERFILES = [
  'FROM alpine:3.22\nUSER root\n',
  '# bulkhead-ignore made-up\n# syntax=docker/dockerfile:1\nFROM alpine:3.22\nADD rootfs /\nADD app.py /app/\nUSER 10001\n',
  'FROM python:3.12\nRUN apk add curl && pip install requests\nMAINTAINER me\n',
  'FROM alpine:3.22\nENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nCOPY . /app\n',
];
const COMPOSES = [
  'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
  'version: &v "3.8"\nx-v: *v\nservices:\n  app:\n    build: {context: ., dockerfile: /dev/zero}\n',
  'services:\n  app:\n    build: {context: .., dockerfile: outside/Dockerfile}\n  "web\u001b]52;c;eA==\u0007":\n    image: nginx\n',
  'services:\n  app:\n    build: ../../outside\n',
];
const CONFIGS = ['rules: {non-root-user: error}\n', 'ignore: ["app/**", "*.yml"]\n', 'maxFileSize: 60\n', 'failOn: never\n', `rules: {${'x'.repeat(5)}: off}\n`];

/** File contents in every encoding that occurs; some over the small size limit a config may set. */
function content(r: Rng, name: string): Buffer {
  const base = /compose/.test(name) ? r.pick(COMPOSES) : /bulkhead/.test(name) ? r.pick(CONFIGS) : name === '.dockerignore' ? '.env\n*.pem\n' : r.pick(DOCKERFILES);
  switch (r.int(8)) {
    case 0:
      return Buffer.from(base.replace(/\n/g, '\r\n'));
    case 1:
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(base)]);
    case 2:
      return Buffer.from(`${base}LABEL author="Jos\xe9"\n`, 'latin1');
    case 3:
      return Buffer.from(base.slice(0, r.int(base.length)));
    case 4:
      return Buffer.from(`${base}\0\u0001`);
    case 5:
      return Buffer.from(base + `# ${'x'.repeat(100)}\n`.repeat(r.int(40)));
    case 6:
      return Buffer.from(base.replace(/\n$/, ''));
    default:
      return Buffer.from(base);
  }
}

const LINK_TARGETS = ['/', '/dev/zero', '..', '../..', '../outside', '../outside/Dockerfile', '../outside/.bulkhead.yaml', 'nowhere', '.', 'app', 'Dockerfile'];

interface Case {
  base: string;
  root: string;
  outside: Map<string, string>;
  /** Files `--fix` must leave byte for byte (not valid UTF-8), by path, with their hash. */
  keep: Map<string, string>;
  recipe: string[];
}

const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function makeCase(seed: number): Case {
  const r = rng(seed);
  // In memory where the machine has it (/dev/shm): --fix flushes every file it writes.
  const base = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'bulkhead-tree-'));
  const root = join(base, 'repo');
  const outside = new Map<string, string>();
  const keep = new Map<string, string>();
  const recipe: string[] = [];
  // Outside the tree: files with the marker, and a configuration that would be reported if read.
  for (const [rel, text] of [
    ['outside/Dockerfile', `FROM alpine:3.22\nLABEL secret="${MARKER}"\n`],
    ['outside/.bulkhead.yaml', `rules: {${MARKER}: off}\n`],
    ['.bulkhead.yaml', `ignore: ["**"]\nrules: {${MARKER}: off}\n`],
  ]) {
    const p = join(base, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, text);
    outside.set(p, hash(Buffer.from(text)));
  }
  mkdirSync(root);
  if (r.int(3) === 0) {
    mkdirSync(join(root, '.git'));
    recipe.push('.git/');
  }
  const dirs = [''];
  for (let i = 0, n = 2 + r.int(10); i < n; i++) {
    const dir = r.pick(dirs);
    const kind = r.int(10);
    const name = kind < 2 ? r.pick(DIRS) : r.pick(NAMES);
    const rel = dir ? `${dir}/${name}` : name;
    const p = join(root, rel);
    if (existsSync(p) || isLink(p)) continue;
    try {
      if (kind < 2) {
        mkdirSync(p);
        dirs.push(rel);
        recipe.push(`${rel}/`);
      } else if (kind < 5) {
        symlinkSync(r.pick(LINK_TARGETS), p);
        recipe.push(`${rel} -> link`);
      } else if (kind === 5 && CAN_FIFO) {
        execFileSync('mkfifo', [p]);
        recipe.push(`${rel} (fifo)`);
      } else {
        const b = content(r, name);
        writeFileSync(p, b);
        if (!isUtf8(b)) keep.set(p, hash(b));
        recipe.push(`${rel} (${b.length} bytes)`);
      }
    } catch {
      // a name the file system refuses: left out
    }
  }
  return { base, root, outside, keep, recipe };
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function isUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

function cli(argv: string[], cwd: string): { code: number; out: string; stdout: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, isTTY: false, env: {} });
  return { code, out: stdout + stderr, stdout };
}

/** Runs one case; the problems found (empty: passed). */
function checkCase(c: Case, seed: number): string[] {
  const problems: string[] = [];
  const runs: [string[], number[]][] = [
    [['check', '--format', 'json'], [0, 1, 2]],
    [['check', '--format', 'github'], [0, 1, 2]],
    [['check', '--format', 'sarif'], [0, 1, 2]],
    [['check'], [0, 1, 2]],
    [['checklist', '--format', 'json'], [0, 2]],
    [['check', '--fix-dry-run'], [0, 2]],
    [['check', '--fix', '--format', 'json'], [0, 1, 2]],
  ];
  for (const [argv, codes] of runs) {
    let r: { code: number; out: string; stdout: string };
    try {
      r = cli(argv, c.root);
    } catch (e) {
      problems.push(`${argv.join(' ')} threw: ${e instanceof Error ? e.stack : String(e)}`);
      continue;
    }
    if (!codes.includes(r.code)) problems.push(`${argv.join(' ')}: exit ${r.code}`);
    if (r.out.length > OUTPUT_BOUND) problems.push(`${argv.join(' ')}: ${r.out.length} characters of output`);
    if (r.out.includes(MARKER)) problems.push(`${argv.join(' ')}: printed the outside marker (read outside the tree)`);
    if (argv[0] === 'check' && argv.includes('github') && /(^|\n)::(?!error |warning |notice )/.test(r.out)) problems.push('--format github: a forged workflow command');
    if (argv.includes('json') || argv.includes('sarif')) {
      try {
        JSON.parse(r.stdout);
      } catch {
        problems.push(`${argv.join(' ')}: the output does not parse as JSON`);
      }
    } else if (!argv.includes('--fix-dry-run') && r.out.includes('\u001b')) problems.push(`${argv.join(' ')}: a terminal escape from a file reached the output`);
    else if (argv.includes('--fix-dry-run') && r.out.slice(r.out.length - (r.out.length - r.stdout.length)).includes('\u001b')) problems.push('--fix-dry-run: a terminal escape on stderr');
  }
  // The server's walk and reader on the same tree.
  try {
    const disk = nodeServerFiles();
    for (const p of listCandidateFiles(c.root, disk.readDirectory, { files: 100, entries: 10_000 }).paths) {
      const t = disk.readFile(p, { maxChars: 2_000_000, within: c.root });
      const text = typeof t === 'string' ? t : t?.text;
      if (text?.includes(MARKER)) problems.push(`server read ${p}: the outside marker`);
    }
  } catch (e) {
    problems.push(`server walk threw: ${e instanceof Error ? e.stack : String(e)}`);
  }
  for (const [p, h] of [...c.outside, ...c.keep]) {
    if (hash(readFileSync(p)) !== h) problems.push(`${p} changed`);
  }
  const leftovers = walkNames(c.base).filter((n) => /\.bulkhead-\d+-[a-z0-9]+\.tmp$/.test(n));
  if (leftovers.length > 0) problems.push(`temporary files left: ${leftovers.join(', ')}`);
  return problems.map((p) => `case ${seed}: ${p}`);
}

function walkNames(dir: string, depth = 0): string[] {
  if (depth > 8) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    out.push(e.name);
    if (e.isDirectory()) out.push(...walkNames(join(dir, e.name), depth + 1));
  }
  return out;
}

export interface TreeFuzzResult {
  cases: number;
  failures: number;
  seconds: number;
  peakRssMiB: number;
}

/** Runs `cases` trees from `seed`; prints progress and each failure (first 20, with the recipe). */
export function runFileTreeFuzz(cases: number, seed: number, log: (line: string) => void = console.log): TreeFuzzResult {
  const started = performance.now();
  let failures = 0;
  let peak = 0;
  log(`\nFile-tree fuzzer: ${cases} random trees (links, FIFOs, encodings, sizes), seed ${seed}${CAN_FIFO ? '' : ' (no mkfifo here: FIFOs SKIPPED)'}`);
  for (let i = 0; i < cases; i++) {
    const caseSeed = seed * 100_003 + i;
    const c = makeCase(caseSeed);
    let problems: string[];
    try {
      problems = checkCase(c, caseSeed);
    } finally {
      rmSync(c.base, { recursive: true, force: true });
    }
    if (problems.length > 0) {
      failures++;
      if (failures <= 20) log(`FAILURE (tree: ${c.recipe.map((x) => JSON.stringify(x)).join(', ')}):\n  - ${problems.join('\n  - ').slice(0, 3000)}`);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    if ((i + 1) % 1000 === 0) log(`  ${i + 1} trees, ${failures} failures, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`);
  }
  const seconds = (performance.now() - started) / 1000;
  log(`File-tree cases: ${cases}\nFile-tree failures: ${failures}\nFile-tree time: ${seconds.toFixed(0)} s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`);
  return { cases, failures, seconds, peakRssMiB: peak / 2 ** 20 };
}
