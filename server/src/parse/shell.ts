import { memoize } from './memo';

/**
 * A small POSIX-shell lexer for the commands of `RUN`, `CMD`, `HEALTHCHECK` and Compose
 * `command:` strings. It is not an interpreter: it splits a script into simple commands and
 * words, unquotes the words and keeps each word's offsets in the original text, so rules can
 * underline exactly the flag or argument they mean.
 *
 * Dockerfile line continuations (the escape character followed by the end of the line) and
 * comment lines inside a continued instruction are skipped the way Docker's parser does.
 */

export interface ShellWord {
  /** The word after quote removal; `$VAR` and `$(...)` stay as written. */
  value: string;
  start: number;
  end: number;
  /** Some part of the word was quoted. */
  quoted: boolean;
  /** The word contains `$` expansions or command substitutions. */
  expands: boolean;
}

export interface ShellRedirect {
  op: string;
  target: ShellWord | null;
  start: number;
  end: number;
}

export interface ShellCommand {
  /** Every word, including leading `VAR=value` assignments and keywords such as `then`. */
  words: ShellWord[];
  /** The command itself: words without leading assignments and shell keywords. */
  argv: ShellWord[];
  redirects: ShellRedirect[];
  start: number;
  end: number;
  /** Operator before this command (`|`, `&&`, `||`, `;`, `&`, newline) or null for the first. */
  before: string | null;
  /** Operator after this command, or null for the last. */
  after: string | null;
}

export interface ShellOptions {
  /** Dockerfile escape character whose use at the end of a line continues the instruction. */
  continuation?: string | null;
  /** Newlines separate commands (heredoc scripts); otherwise the text is one logical line. */
  multiline?: boolean;
}

const KEYWORDS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', '{', '}', 'time', 'fi', 'done']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

export function parseShell(text: string, start = 0, end = text.length, options: ShellOptions = {}): ShellCommand[] {
  return new ShellLexer(text, start, end, options).run();
}

class ShellLexer {
  private i: number;
  private readonly commands: ShellCommand[] = [];
  private words: ShellWord[] = [];
  private redirects: ShellRedirect[] = [];
  private pendingRedirect: ShellRedirect | null = null;
  private before: string | null = null;
  private heredocDelimiters: { word: string; strip: boolean }[] = [];
  private readonly cont: string | null;
  private readonly contCode: number;
  private readonly multiline: boolean;

  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
    options: ShellOptions,
  ) {
    this.i = start;
    this.cont = options.continuation ?? null;
    this.contCode = this.cont === null ? -1 : this.cont.charCodeAt(0);
    this.multiline = options.multiline ?? false;
  }

  run(): ShellCommand[] {
    const t = this.text;
    while (this.i < this.end) {
      if (this.skipContinuation()) continue;
      const c = t[this.i];
      if (c === ' ' || c === '\t') {
        this.i++;
      } else if (c === '\n' || c === '\r') {
        this.i += c === '\r' && t[this.i + 1] === '\n' ? 2 : 1;
        if (this.multiline) {
          this.finish('\n');
          this.skipHeredocBodies();
        }
      } else if (c === '#') {
        this.skipComment();
      } else if (c === '&' && t[this.i + 1] === '&') {
        this.i += 2;
        this.finish('&&');
      } else if (c === '|' && t[this.i + 1] === '|') {
        this.i += 2;
        this.finish('||');
      } else if (c === '|') {
        this.i += t[this.i + 1] === '&' ? 2 : 1;
        this.finish('|');
      } else if (c === ';') {
        this.i += t[this.i + 1] === ';' ? 2 : 1;
        this.finish(';');
      } else if (c === '(' || c === ')') {
        this.i++;
        this.finish(c);
      } else if (c === '&' && t[this.i + 1] !== '>') {
        this.i++;
        this.finish('&');
      } else if (this.redirectAhead()) {
        this.readRedirect();
      } else {
        this.addWord(this.readWord());
      }
    }
    this.finish(null);
    return this.commands;
  }

  /** Skips an escape+newline continuation and the comment or empty lines that follow it. */
  private skipContinuation(): boolean {
    const t = this.text;
    if (this.cont === null || t[this.i] !== this.cont) return false;
    let j = this.i + 1;
    while (j < this.end && (t[j] === ' ' || t[j] === '\t')) j++;
    if (j < this.end && t[j] !== '\n' && t[j] !== '\r') return false;
    this.i = this.skipLineBreak(j);
    // Docker drops comment lines and blank lines inside a continued instruction.
    for (;;) {
      let k = this.i;
      while (k < this.end && (t[k] === ' ' || t[k] === '\t')) k++;
      if (k < this.end && t[k] === '#') {
        while (k < this.end && t[k] !== '\n' && t[k] !== '\r') k++;
        this.i = this.skipLineBreak(k);
      } else if (k < this.end && (t[k] === '\n' || t[k] === '\r')) {
        this.i = this.skipLineBreak(k);
      } else {
        return true;
      }
    }
  }

  private skipLineBreak(j: number): number {
    const t = this.text;
    if (t[j] === '\r' && t[j + 1] === '\n') return j + 2;
    if (t[j] === '\r' || t[j] === '\n') return j + 1;
    return j;
  }

  private skipComment(): void {
    const t = this.text;
    while (this.i < this.end) {
      if (this.skipContinuation()) continue;
      if (t[this.i] === '\n' || t[this.i] === '\r') return;
      this.i++;
    }
  }

  private redirectAhead(): boolean {
    const t = this.text;
    let j = this.i;
    while (j < this.end && t[j] >= '0' && t[j] <= '9') j++;
    const c = t[j];
    if (c === '>' || c === '<') return true;
    return j === this.i && c === '&' && t[j + 1] === '>';
  }

  private readRedirect(): void {
    const t = this.text;
    const start = this.i;
    while (this.i < this.end && /[0-9&]/.test(t[this.i])) this.i++;
    const m = /^(>>|>&|>\||>|<<<|<<-|<<|<&|<>|<)/.exec(t.slice(this.i, this.i + 3));
    this.i += m ? m[1].length : 1;
    const op = t.slice(start, this.i);
    const redirect: ShellRedirect = { op, target: null, start, end: this.i };
    this.redirects.push(redirect);
    this.pendingRedirect = redirect;
  }

  private addWord(word: ShellWord | null): void {
    if (!word) return;
    const r = this.pendingRedirect;
    if (r) {
      r.target = word;
      r.end = word.end;
      this.pendingRedirect = null;
      if (r.op.endsWith('<<') || r.op.endsWith('<<-')) {
        this.heredocDelimiters.push({ word: word.value, strip: r.op.endsWith('-') });
      }
      return;
    }
    this.words.push(word);
  }

  /** Characters that end a run of ordinary word characters (see readWord). */
  private special(code: number): boolean {
    switch (code) {
      case 32: case 9: case 10: case 13: // space, tab, line breaks
      case 59: case 124: case 40: case 41: case 38: case 60: case 62: // ; | ( ) & < >
      case 39: case 34: case 92: case 36: case 96: // ' " \ $ `
        return true;
      default:
        return code === this.contCode;
    }
  }

  private readWord(): ShellWord | null {
    const t = this.text;
    const start = this.i;
    let value = '';
    let quoted = false;
    let expands = false;
    let end = this.i;
    while (this.i < this.end) {
      if (this.skipContinuation()) continue;
      const c = t[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '|' || c === '(' || c === ')') break;
      if (c === '&' || ((c === '>' || c === '<') && value !== '')) break;
      if (c === '<' || c === '>') break;
      if (c === "'") {
        quoted = true;
        let close = t.indexOf("'", this.i + 1);
        if (close < 0 || close > this.end) close = this.end;
        value += t.slice(this.i + 1, close);
        this.i = close + 1;
      } else if (c === '"') {
        quoted = true;
        this.i++;
        while (this.i < this.end && t[this.i] !== '"') {
          if (this.skipContinuation()) continue;
          if (t[this.i] === '\\' && '"\\$`'.includes(t[this.i + 1] ?? '')) {
            value += t[this.i + 1];
            this.i += 2;
            continue;
          }
          if (t[this.i] === '$' || t[this.i] === '`') expands = true;
          value += t[this.i++];
        }
        this.i++;
      } else if (c === '\\' && this.i + 1 < this.end) {
        const n = t[this.i + 1];
        if (n === '\n' || n === '\r') {
          this.i = this.skipLineBreak(this.i + 1);
          continue;
        }
        value += n;
        this.i += 2;
      } else if (c === '$' && t[this.i + 1] === '(') {
        expands = true;
        value += this.readBalanced('(', ')');
      } else if (c === '$' && t[this.i + 1] === '{') {
        expands = true;
        value += this.readBalanced('{', '}');
      } else if (c === '`') {
        expands = true;
        const s = this.i++;
        while (this.i < this.end && t[this.i] !== '`') this.i += t[this.i] === '\\' ? 2 : 1;
        this.i++;
        value += t.slice(s, Math.min(this.i, this.end));
      } else if (c === '$') {
        expands = true;
        value += c;
        this.i++;
      } else {
        // A run of ordinary characters, taken in one slice (the common case, and the hot path).
        let j = this.i + 1;
        while (j < this.end && !this.special(t.charCodeAt(j))) j++;
        value += t.slice(this.i, j);
        this.i = j;
      }
      end = Math.min(this.i, this.end);
    }
    if (end === start && !quoted) {
      // Nothing consumed: step over the character so the lexer always advances.
      this.i = Math.max(this.i, start + 1);
      return null;
    }
    return { value, start, end, quoted, expands };
  }

  /** Reads `$(...)` or `${...}` with nesting and quotes, returning the raw text. */
  private readBalanced(open: string, close: string): string {
    const t = this.text;
    const s = this.i;
    this.i += 2;
    let depth = 1;
    while (this.i < this.end && depth > 0) {
      const c = t[this.i];
      if (c === '\\') {
        this.i += 2;
        continue;
      }
      if (c === "'" && open === '(') {
        this.i++;
        while (this.i < this.end && t[this.i] !== "'") this.i++;
      } else if (c === '"') {
        this.i++;
        while (this.i < this.end && t[this.i] !== '"') this.i += t[this.i] === '\\' ? 2 : 1;
      } else if (c === open) {
        depth++;
      } else if (c === close) {
        depth--;
      }
      this.i++;
    }
    this.i = Math.min(this.i, this.end);
    return t.slice(s, this.i);
  }

  /** After a newline in a script, skips the bodies of heredocs started on the previous line. */
  private skipHeredocBodies(): void {
    const t = this.text;
    while (this.heredocDelimiters.length > 0) {
      const { word, strip } = this.heredocDelimiters.shift()!;
      while (this.i < this.end) {
        let e = this.i;
        while (e < this.end && t[e] !== '\n' && t[e] !== '\r') e++;
        let line = t.slice(this.i, e);
        if (strip) line = line.replace(/^\t+/, '');
        this.i = this.skipLineBreak(e);
        if (line === word) break;
      }
    }
  }

  private finish(op: string | null): void {
    if (this.words.length > 0 || this.redirects.length > 0) {
      let start = Infinity;
      let end = -Infinity;
      for (const x of this.words) {
        if (x.start < start) start = x.start;
        if (x.end > end) end = x.end;
      }
      for (const x of this.redirects) {
        if (x.start < start) start = x.start;
        if (x.end > end) end = x.end;
      }
      let k = 0;
      while (k < this.words.length && (KEYWORDS.has(this.words[k].value) && !this.words[k].quoted || ASSIGNMENT.test(this.words[k].value))) k++;
      this.commands.push({
        words: this.words,
        argv: k === 0 ? this.words : this.words.slice(k),
        redirects: this.redirects,
        start,
        end,
        before: this.before,
        after: op,
      });
      this.before = op;
    } else if (op !== null && this.commands.length > 0) {
      this.commands[this.commands.length - 1].after = op;
      this.before = op;
    }
    this.words = [];
    this.redirects = [];
    this.pendingRedirect = null;
    if (op === null && this.commands.length > 0) this.commands[this.commands.length - 1].after = null;
  }
}

/** The command name without a leading path: `/usr/bin/curl` -> `curl`. */
export function commandName(cmd: ShellCommand): string {
  const first = cmd.argv[0];
  if (!first) return '';
  const slash = first.value.lastIndexOf('/');
  return slash >= 0 ? first.value.slice(slash + 1) : first.value;
}

const WRAPPERS = new Set(['sudo', 'exec', 'env', 'nohup', 'time', 'command', 'nice', 'stdbuf', 'gosu', 'su-exec', 'doas']);

/**
 * The argv with wrappers such as `sudo`, `env VAR=x`, `exec` and `gosu user` removed, so
 * `sudo apt-get install x` is recognised as `apt-get install x`.
 */
export const effectiveArgv: (cmd: ShellCommand) => ShellWord[] = memoize((cmd: ShellCommand) => unwrap(cmd.argv));

function unwrap(argv: ShellWord[]): ShellWord[] {
  for (let guard = 0; guard < 8 && argv.length > 0; guard++) {
    const name = baseName(argv[0].value);
    if (!WRAPPERS.has(name)) break;
    let k = 1;
    while (k < argv.length && (argv[k].value.startsWith('-') || (name === 'env' && ASSIGNMENT.test(argv[k].value)))) {
      // Options that take a value: sudo -u user, gosu takes a user as its first operand.
      if (name === 'sudo' && /^-[ugCDhpRrT]$/.test(argv[k].value)) k++;
      k++;
    }
    if (name === 'gosu' || name === 'su-exec') k++;
    argv = argv.slice(k);
  }
  return argv;
}

export function baseName(word: string): string {
  const slash = word.lastIndexOf('/');
  return slash >= 0 ? word.slice(slash + 1) : word;
}

const SHELLS = /^(sh|bash|dash|ash|zsh|ksh|mksh)$/;

/**
 * The commands of `sh -c '<script>'` (also bash, dash, ash, zsh, ksh), and of scripts nested in
 * those, up to a small depth. A script written as one quoted span is parsed in place so its words
 * keep exact offsets; otherwise each inner word points at the first place after the previous word
 * where its text appears verbatim, or at the whole script word (and scripts nested deeper are not read).
 */
/**
 * Whether a word is one cluster of short options (`-c`, `-ec`, `-xc`) that holds one of `letters`.
 * One scan and a lookup: `/^-[a-z]*c[a-z]*$/` would try every split of the cluster, quadratic on a
 * long word that starts like one.
 */
export function shortOptionsWith(word: string, letters: string, cluster: RegExp = /^-[a-z]*$/): boolean {
  return cluster.test(word) && [...letters].some((l) => word.includes(l, 1));
}

export function nestedCommands(text: string, cmd: ShellCommand, options: ShellOptions = {}, depth = 0): ShellCommand[] {
  const argv = effectiveArgv(cmd);
  if (depth >= 3 || argv.length < 3 || !SHELLS.test(baseName(argv[0].value))) return [];
  let i = 1;
  while (i < argv.length && argv[i].value.startsWith('-') && !shortOptionsWith(argv[i].value, 'c')) i += argv[i].value === '-o' ? 2 : 1;
  const script = shortOptionsWith(argv[i]?.value ?? '', 'c') ? argv[i + 1] : undefined;
  if (!script) return [];
  const raw = text.slice(script.start, script.end);
  const q = raw[0];
  const inPlace = (q === '"' || q === "'") && raw.length >= 2 && raw[raw.length - 1] === q && !raw.slice(1, -1).includes(q);
  const inner = inPlace ? parseShell(text, script.start + 1, script.end - 1, options) : relocateInto(text, script, parseShell(script.value));
  return inPlace ? [...inner, ...inner.flatMap((c) => nestedCommands(text, c, options, depth + 1))] : inner;
}

/** Gives commands parsed from an unquoted copy of `script` offsets in `text` (see `nestedCommands`). */
function relocateInto(text: string, script: ShellWord, commands: ShellCommand[]): ShellCommand[] {
  let cursor = script.start;
  const moved = new Map<ShellWord, ShellWord>();
  const place = (w: ShellWord): ShellWord => {
    const at = w.value === '' ? -1 : text.indexOf(w.value, cursor);
    if (at < 0 || at + w.value.length > script.end) return { ...w, start: script.start, end: script.end };
    cursor = at + w.value.length;
    return { ...w, start: at, end: cursor };
  };
  return commands.map((c) => {
    const words = c.words.map((w) => {
      const m = place(w);
      moved.set(w, m);
      return m;
    });
    const redirects = c.redirects.map((r) => ({ ...r, target: r.target ? place(r.target) : null, start: script.start, end: script.end }));
    const argv = c.argv.map((w) => moved.get(w) ?? place(w));
    const starts = words.map((w) => w.start);
    const ends = words.map((w) => w.end);
    return { ...c, words, argv, redirects, start: starts.length ? Math.min(...starts) : script.start, end: ends.length ? Math.max(...ends) : script.end };
  });
}
