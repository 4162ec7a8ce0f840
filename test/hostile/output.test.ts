import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { patchPath, unifiedDiff } from '../../server/src/cli/diff';
import { artifactLocation } from '../../server/src/cli/format-sarif';
import { safeText } from '../../server/src/cli/terminal-text';
import { VERSION } from '../../server/src/shared/version';
import { runCaptured as run } from '../helpers/cli';
import { hostileTrees } from './trees';

/** Issue 14, items 7 and 8: output that a repository cannot inject into, and diffs that apply. */

const tree = hostileTrees();
const ESC = '\u001b';

describe('7. escaped output in every format and stream', () => {
  it('--format github: a file name with line breaks cannot start a workflow command, on stdout or stderr', () => {
    const evil = 'docker-compose.\n::stop-commands::pwned\n::error::forged.yml';
    const dir = tree({ [evil]: { link: 'missing' }, 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n' });
    const r = run(['check', '--format', 'github'], dir);
    for (const line of [...r.stdout.split('\n'), ...r.stderr.split('\n')]) expect(line.startsWith('::stop-commands') || line.startsWith('::error::forged')).toBe(false);
    expect(r.stderr).toBe('bulkhead: docker-compose.\\x0A::stop-commands::pwned\\x0A::error::forged.yml: no such file or directory\n');
    expect(r.stdout).toContain('::error file=compose.yaml,line=4,');
  });

  it('text output shows terminal escape sequences from a file (service names, source lines, paths) as visible text, with or without --no-color', () => {
    const name = `web${ESC}]52;c;ZWNobyBwd25lZA==\u0007${ESC}[2J\u202e`;
    const dir = tree({ [`dir${ESC}[31m/compose.yaml`]: `services:\n  "${name}":\n    image: nginx:1.27\n    privileged: true\n` });
    for (const argv of [['check'], ['check', '--no-color'], ['check', '--color']]) {
      const r = run(argv, dir);
      const fromFile = r.stdout.replace(/\u001b\[(?:\d+)m/g, (m) => (argv.includes('--color') ? '' : m));
      expect(fromFile).not.toContain(ESC);
      expect(fromFile).not.toContain('\u0007');
      expect(fromFile).not.toContain('\u202e');
      expect(r.stdout).toContain('web\\x1B]52;c;ZWNobyBwd25lZA==\\x07\\x1B[2J\\u202E');
      expect(r.stdout).toContain('dir\\x1B[31m/compose.yaml');
    }
  });

  it('the caret under a source line follows the escapes', () => {
    const dir = tree({ 'compose.yaml': `services:\n  web:\n    image: nginx:1.27\n    privileged: true # ${ESC}[8m\n` });
    const r = run(['check', '--no-color'], dir);
    const lines = r.stdout.split('\n');
    const i = lines.findIndex((l) => l.includes('| ') && l.includes('privileged: true'));
    expect(lines[i]).toBe('          |     privileged: true # \\x1B[8m');
    expect(lines[i + 1]).toBe('          |     ^^^^^^^^^^^^^^^^');
  });

  it('safeText replaces C0, DEL, C1, line separators and bidi controls; keeps the rest', () => {
    expect(safeText('a\tb\r\n\u007f\u009b\u2028\u2066é😀')).toBe('a b\\x0D\\x0A\\x7F\\x9B\\u2028\\u2066é😀');
  });

  it('SARIF artifact URIs are URI references: #, ?, %, spaces and : percent-encoded; absolute paths as file: URIs', () => {
    expect(artifactLocation('a#b?c%d e/compose.yaml')).toEqual({ uri: 'a%23b%3Fc%25d%20e/compose.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('c:x/Dockerfile')).toEqual({ uri: 'c%3Ax/Dockerfile', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/abs/dir #1/Dockerfile')).toEqual({ uri: 'file:///abs/dir%20%231/Dockerfile' });
    const dir = tree({ 'x #1?/Dockerfile': 'FROM alpine:3.22\nUSER root\n' });
    const sarif = JSON.parse(run(['check', '--format', 'sarif'], dir).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'x%20%231%3F/Dockerfile', uriBaseId: '%SRCROOT%' });
  });
});

/** A unified-diff applier of our own (exact: line endings, "\ No newline at end of file"), to check diffs without a tool. */
function applyUnifiedDiff(original: string, patch: string): string {
  const lines = original.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const out: string[] = [];
  const body = patch.split(/(?<=\n)/);
  let k = 0;
  while (k < body.length && !body[k].startsWith('@@')) k++;
  let at = 0;
  while (k < body.length) {
    const m = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@\n$/.exec(body[k++]);
    if (!m) throw new Error(`bad hunk header: ${JSON.stringify(body[k - 1])}`);
    const start = Number(m[1]) - (m[2] === '0' ? 0 : 1);
    while (at < start) out.push(lines[at++]);
    let last: string[] | null = null;
    while (k < body.length && !body[k].startsWith('@@')) {
      const l = body[k++];
      if (l.startsWith('\\')) {
        // The previous line had no line break.
        if (last) last[last.length - 1] = last[last.length - 1].replace(/\n$/, '');
        continue;
      }
      const text = l.slice(1);
      if (l[0] === ' ' || l[0] === '-') {
        const got = lines[at++];
        const want = text;
        if (got !== want && !(got === want.replace(/\n$/, '') && at === lines.length)) throw new Error(`context mismatch at line ${at}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
      }
      if (l[0] === ' ' || l[0] === '+') {
        out.push(text);
        last = out;
      } else last = null;
    }
  }
  while (at < lines.length) out.push(lines[at++]);
  return out.join('');
}

describe('8. --fix-dry-run diffs apply to CRLF files and files without a final line break', () => {
  const CASES: Record<string, string> = {
    crlf: 'FROM alpine:3.22\r\n# bulkhead-ignore made-up-rule\r\nUSER 10001\r\n',
    'no final newline': 'FROM alpine:3.22\n# bulkhead-ignore made-up-rule\nUSER 10001',
    'last line removed, no final newline': 'FROM alpine:3.22\nUSER 10001\n# bulkhead-ignore made-up-rule',
    'crlf without final newline': 'FROM alpine:3.22\r\n# bulkhead-ignore made-up-rule\r\nUSER 10001',
  };

  it('the diff applied (by our own applier) gives exactly what --fix writes', () => {
    for (const [name, text] of Object.entries(CASES)) {
      const dir = tree({ Dockerfile: text });
      const patch = run(['check', '--fix-dry-run'], dir).stdout;
      expect(patch, name).toMatch(/^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@ /);
      run(['check', '--fix'], dir);
      expect(applyUnifiedDiff(text, patch), name).toBe(readFileSync(join(dir, 'Dockerfile'), 'utf8'));
    }
  });

  it.skipIf(!existsSync('/usr/bin/git'))('git apply --check accepts every one of them', () => {
    for (const [name, text] of Object.entries(CASES)) {
      const dir = tree({ Dockerfile: text });
      const patch = run(['check', '--fix-dry-run'], dir).stdout;
      writeFileSync(join(dir, 'fix.patch'), patch);
      expect(() => execFileSync('git', ['apply', '--check', 'fix.patch'], { cwd: dir, stdio: 'pipe' }), name).not.toThrow();
    }
  });

  it('a diff of up to 4,000 lines added or removed is shown; a larger one gets a note, since its search would cost about the square', () => {
    const before = (n: number) => Array.from({ length: n }, (_, i) => `ADD f${i} /d/\nRUN true\n`).join('');
    const after = (n: number) => before(n).replace(/^ADD /gm, 'COPY ');
    const shown = unifiedDiff('Dockerfile', before(2000), after(2000));
    expect(applyUnifiedDiff(before(2000), shown)).toBe(after(2000));
    expect(unifiedDiff('Dockerfile', before(2001), after(2001))).toBe(
      '--- a/Dockerfile\n+++ b/Dockerfile\n(diff too large to show: more than 4,000 lines added or removed; --fix writes it)\n',
    );
  });

  it('file names a terminal or git would misread are quoted as git quotes them', () => {
    expect(patchPath('a/', 'plain dir/Dockerfile')).toBe('a/plain dir/Dockerfile');
    expect(patchPath('a/', 'x\n\u001b[31m"y\\/Dockerfile')).toBe('"a/x\\n\\033[31m\\"y\\\\/Dockerfile"');
    expect(unifiedDiff('x', 'a\n', 'a\n')).toBe('');
  });
});

describe('the CLI on the platform (node:util parseArgs) and one version', () => {
  it('parses what it did before: --flag value, --flag=value, short flags, -- and paths', () => {
    expect(parseArgs(['check', '-f', 'json', '--fail-on=error', 'a', '--', '-b'])).toMatchObject({ command: 'check', format: 'json', failOn: 'error', failOnGiven: true, paths: ['a', '-b'] });
    expect(parseArgs(['checklist', '--format', 'json', '-c', 'x.yaml'])).toEqual({ command: 'checklist', paths: ['.'], format: 'json', kind: null, config: 'x.yaml' });
    expect(parseArgs(['check', '--no-color'])).toMatchObject({ color: false, paths: ['.'] });
  });

  it('turns parseArgs errors into short usage messages', () => {
    const message = (argv: string[]) => {
      try {
        parseArgs(argv);
        return null;
      } catch (e) {
        return e instanceof UsageError ? e.message : `not a usage error: ${String(e)}`;
      }
    };
    expect(message(['check', '--bogus'])).toBe('unknown option: --bogus');
    expect(message(['rules', '--bogus'])).toBe('unknown option for "rules": --bogus');
    expect(message(['check', '--fail-on'])).toBe('--fail-on needs a value: error, warning, info, never');
    expect(message(['check', '-f'])).toBe('--format needs a value: text, json, sarif, github');
    expect(message(['check', '--format', 'xml'])).toBe('--format must be one of text, json, sarif, github (got "xml")');
    expect(message(['check', '--fix=yes'])).toBe('--fix takes no value');
    expect(message(['check', '--fix', '--fix-dry-run'])).toBe('use either --fix or --fix-dry-run, not both');
  });

  it('the version is written once, as in package.json', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).version);
    expect(run(['--version'], process.cwd()).stdout).toBe(`bulkhead ${VERSION}\n`);
  });
});
