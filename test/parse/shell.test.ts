import { describe, expect, it } from 'vitest';
import { commandName, effectiveArgv, parseShell, shortOptionsWith } from '../../server/src/parse/shell';

const argvs = (text: string, opts = {}) => parseShell(text, 0, text.length, opts).map((c) => c.argv.map((w) => w.value));

describe('shell lexer', () => {
  it('splits commands on && || ; | & and records the operators around each', () => {
    const cmds = parseShell('a 1 && b || c; d | e & f');
    expect(cmds.map((c) => [c.argv.map((w) => w.value).join(' '), c.before, c.after])).toEqual([
      ['a 1', null, '&&'],
      ['b', '&&', '||'],
      ['c', '||', ';'],
      ['d', ';', '|'],
      ['e', '|', '&'],
      ['f', '&', null],
    ]);
  });

  it('unquotes words and keeps each word\'s offsets in the original text', () => {
    const text = `echo 'a b' "c \\"d\\" $HOME" e\\ f`;
    const [cmd] = parseShell(text);
    expect(cmd.words.map((w) => [w.value, text.slice(w.start, w.end), w.quoted, w.expands])).toEqual([
      ['echo', 'echo', false, false],
      ['a b', "'a b'", true, false],
      ['c "d" $HOME', '"c \\"d\\" $HOME"', true, true],
      ['e f', 'e\\ f', false, false],
    ]);
  });

  it('skips Dockerfile continuations and the comment lines inside them (with the escape character)', () => {
    const text = 'apt-get update && \\\n  # a comment line\n  apt-get install -y \\\n\n  curl';
    expect(argvs(text, { continuation: '\\' })).toEqual([['apt-get', 'update'], ['apt-get', 'install', '-y', 'curl']]);
    const tick = 'apk add `\n  curl';
    expect(argvs(tick, { continuation: '`' })).toEqual([['apk', 'add', 'curl']]);
  });

  it('keeps $(...), ${...} and backquotes inside one word', () => {
    expect(argvs('sh -c "$(curl -fsSL https://x/i.sh)" ${A:-b c} `date`')).toEqual([['sh', '-c', '$(curl -fsSL https://x/i.sh)', '${A:-b c}', '`date`']]);
  });

  it('separates redirections from arguments', () => {
    const [cmd] = parseShell('echo hi > /etc/x 2>&1');
    expect(cmd.argv.map((w) => w.value)).toEqual(['echo', 'hi']);
    expect(cmd.redirects.map((r) => [r.op, r.target?.value ?? null])).toEqual([['>', '/etc/x'], ['2>&', '1']]);
  });

  it('drops leading assignments and keywords from argv, but not from words', () => {
    const [a, b] = parseShell('DEBIAN_FRONTEND=noninteractive apt-get install x; if true; then sudo ls; fi');
    expect(a.words[0].value).toBe('DEBIAN_FRONTEND=noninteractive');
    expect(a.argv.map((w) => w.value)).toEqual(['apt-get', 'install', 'x']);
    expect(b.argv.map((w) => w.value)).toEqual(['true']);
    expect(argvs('if true; then sudo ls; fi')[1]).toEqual(['sudo', 'ls']);
  });

  it('in a script (multiline), newlines separate commands and heredoc bodies are skipped', () => {
    const text = 'set -e\ncat > /x <<EOF\nrm -rf /\nEOF\necho done\n';
    expect(argvs(text, { multiline: true })).toEqual([['set', '-e'], ['cat'], ['echo', 'done']]);
  });

  it('treats # at the start of a word as a comment up to the end of the line', () => {
    expect(argvs('echo a#b # the rest && rm x', {})).toEqual([['echo', 'a#b']]);
  });

  it('unwraps sudo, env, exec and gosu to the command they run', () => {
    const [cmd] = parseShell('sudo -u app env A=1 exec /usr/bin/curl -k https://x');
    expect(effectiveArgv(cmd).map((w) => w.value)).toEqual(['/usr/bin/curl', '-k', 'https://x']);
    expect(commandName(cmd)).toBe('sudo');
    const [g] = parseShell('gosu app ./run.sh');
    expect(effectiveArgv(g).map((w) => w.value)).toEqual(['./run.sh']);
  });

  it('always advances: unterminated quotes, stray operators and empty input do not loop', () => {
    expect(argvs('')).toEqual([]);
    expect(argvs('echo "unterminated')).toEqual([['echo', 'unterminated']]);
    expect(argvs("echo 'x")).toEqual([['echo', 'x']]);
    expect(argvs(';;& | ) (')).toEqual([]);
    expect(argvs('a >')).toEqual([['a']]);
  });
});

describe('shortOptionsWith', () => {
  it('finds a letter in one cluster of short options, and nothing else', () => {
    expect(['-c', '-ec', '-xce', '-lc'].map((w) => shortOptionsWith(w, 'c'))).toEqual([true, true, true, true]);
    expect(['-e', '--c', 'c', '-', '-c1', '-C'].map((w) => shortOptionsWith(w, 'c'))).toEqual([false, false, false, false, false, false]);
    expect(shortOptionsWith('-n', 'cn')).toBe(true);
    expect(shortOptionsWith('-C', 'C', /^-[a-zA-Z]*$/)).toBe(true);
  });
});
