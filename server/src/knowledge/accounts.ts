import { baseName, effectiveArgv, type ShellCommand, type ShellWord } from '../parse/shell';
import { parseOptions } from './cli-options';

/**
 * Accounts an image sets up in its shell commands: passwords given to them (`chpasswd`,
 * `passwd --stdin`, `usermod -p`), sudo rules written for them (`NOPASSWD` lines echoed into
 * `/etc/sudoers` or `/etc/sudoers.d/*`), and the groups and user ids they are created with.
 * Values are read as written; the caller resolves `$VAR` with the Dockerfile's ARG/ENV values.
 */

/** Resolves `$VAR` in a word: the text, or null when part of it is not known in the file. */
export type Resolve = (text: string) => string | null;

export interface PasswordSetting {
  /** `password`: a known password or hash; `empty`: the password is removed (`passwd -d`). */
  kind: 'password' | 'empty';
  /** The account, or null when the command names none (the current user). */
  user: string | null;
  /** Offsets of the text that carries the password (or the `-d` flag). */
  start: number;
  end: number;
}

/** Values of `usermod -p`/`useradd -p` that lock the account rather than set a password. */
const LOCKED = /^(\*|!|!!|x|!\*)$/;

/** The words a producer writes to a pipe: `echo`/`printf` arguments without their options. */
function producedWords(cmd: ShellCommand | undefined): ShellWord[] {
  const argv = cmd ? effectiveArgv(cmd) : [];
  const name = argv.length > 0 ? baseName(argv[0].value) : '';
  if (name !== 'echo' && name !== 'printf') return [];
  let i = 1;
  while (name === 'echo' && i < argv.length && /^-[neE]+$/.test(argv[i].value)) i++;
  return argv.slice(i);
}

/** Text known at build time, or null: a command substitution (`$(openssl rand ...)`) makes a password nobody knows. */
function known(word: ShellWord, resolve: Resolve): string | null {
  if (/\$\(|`/.test(word.value)) return null;
  return word.expands ? resolve(word.value) : word.value;
}

/** What a command reads on standard input: the producer before `|`, a here-string, or nothing known. */
function stdinWords(cmds: readonly ShellCommand[], i: number): ShellWord[] {
  const cmd = cmds[i];
  const here = cmd.redirects.find((r) => r.op.endsWith('<<<') && r.target);
  if (here?.target) return [here.target];
  return cmd.before === '|' ? producedWords(cmds[i - 1]) : [];
}

/** Every password that the commands of one instruction give to an account. */
export function passwordSettings(cmds: readonly ShellCommand[], resolve: Resolve): PasswordSetting[] {
  const out: PasswordSetting[] = [];
  cmds.forEach((cmd, i) => {
    const argv = effectiveArgv(cmd);
    const name = argv.length > 0 ? baseName(argv[0].value) : '';
    if (name === 'chpasswd') {
      for (const w of stdinWords(cmds, i)) {
        const text = known(w, resolve);
        // `user:password` lines; a password starting with `$(...)` was caught by `known`.
        const line = text?.split(/\\n|\n/).find((l) => /^[^:\s]+:[^\s]/.test(l.trim()));
        if (line) out.push({ kind: 'password', user: line.trim().split(':')[0], start: w.start, end: w.end });
      }
    } else if (name === 'passwd') {
      const parsed = parseOptions(argv.slice(1), { shortValue: 'rRnxwi', longValue: ['root', 'repository', 'mindays', 'maxdays', 'warndays', 'inactive', 'prefix'] });
      const user = parsed.operands[0]?.value ?? null;
      const del = parsed.options.find((o) => o.name === '-d' || o.name === '--delete');
      if (del) {
        out.push({ kind: 'empty', user, start: del.word.start, end: del.word.end });
        return;
      }
      for (const w of stdinWords(cmds, i)) {
        const text = known(w, resolve);
        if (text !== null && text.trim() !== '') out.push({ kind: 'password', user, start: w.start, end: w.end });
      }
    } else if (name === 'usermod' || name === 'useradd' || name === 'adduser') {
      const parsed = parseOptions(argv.slice(1), { shortValue: 'cdefgGklpsuLUbKRPZ', longValue: ['comment', 'home', 'expiredate', 'inactive', 'gid', 'groups', 'login', 'password', 'shell', 'uid', 'root', 'prefix', 'selinux-user', 'key', 'base-dir', 'skel', 'home-dir'] });
      const p = parsed.options.find((o) => o.name === '-p' || o.name === '--password');
      if (!p || p.value === null || name === 'adduser') return;
      const word = p.valueWord ?? p.word;
      const user = parsed.operands[parsed.operands.length - 1]?.value ?? null;
      if (p.value === '') {
        out.push({ kind: 'empty', user, start: word.start, end: word.end });
        return;
      }
      // `-p "$(openssl passwd -1 secret)"`: a hash of a password written in the file.
      const hashed = /^\$\((?:openssl\s+passwd|mkpasswd)\b[^$`]*\s([^\s$`)-][^\s$`)]*)\s*\)$/.exec(p.value.trim());
      const text = hashed ? hashed[1] : known(word, resolve);
      if (text !== null && !LOCKED.test(text.trim())) out.push({ kind: 'password', user, start: word.start, end: word.end });
    }
  });
  return out;
}

// SUDO RULES

export interface SudoGrant {
  /** `app`, `%wheel` (a group), or `ALL` (every user). */
  who: string;
  /** Every command (`NOPASSWD: ALL`), or only the listed ones. */
  allCommands: boolean;
  /** Offsets of the written rule (the word holding it). */
  start: number;
  end: number;
}

const SUDOERS_FILE = /^\/etc\/sudoers(\.d\/.+)?$/;
/** `who host=(runas) [TAG:]... NOPASSWD: commands`, as sudoers(5) spells a user specification. */
const NOPASSWD_RULE = /^\s*(\S+)\s+[^=\s]+\s*=\s*(?:\([^)]*\)\s*)?(?:[A-Z_]+:\s*)*NOPASSWD:\s*(?:[A-Z_]+:\s*)*(.+)$/;

/** The file a command writes to: `> file`, `>> file`, or `tee [-a] file`. */
function writtenFile(cmd: ShellCommand): string | null {
  const argv = effectiveArgv(cmd);
  if (argv.length > 0 && baseName(argv[0].value) === 'tee') return argv.slice(1).find((w) => !w.value.startsWith('-'))?.value ?? null;
  return cmd.redirects.find((r) => (r.op === '>' || r.op === '>>' || r.op === '>|') && r.target)?.target?.value ?? null;
}

function grantIn(text: string): { who: string; allCommands: boolean } | null {
  for (const line of text.split(/\\n|\n/)) {
    const m = NOPASSWD_RULE.exec(line.replace(/\\([()])/g, '$1'));
    if (m) return { who: m[1], allCommands: /^ALL\b/.test(m[2].trim()) };
  }
  return null;
}

/**
 * `NOPASSWD` rules written to the sudoers files: `echo "app ALL=(ALL) NOPASSWD: ALL" >> /etc/sudoers`,
 * `echo ... | tee /etc/sudoers.d/app`, `sed -i 's/.../%sudo ALL=(ALL) NOPASSWD: ALL/' /etc/sudoers`.
 */
export function sudoGrants(cmds: readonly ShellCommand[], resolve: Resolve): SudoGrant[] {
  const out: SudoGrant[] = [];
  cmds.forEach((cmd, i) => {
    const argv = effectiveArgv(cmd);
    const name = argv.length > 0 ? baseName(argv[0].value) : '';
    const target = writtenFile(cmd);
    const file = target !== null ? (resolve(target) ?? target) : null;
    let words: ShellWord[] = [];
    if ((name === 'echo' || name === 'printf') && file && SUDOERS_FILE.test(file)) words = producedWords(cmd);
    else if (name === 'tee' && file && SUDOERS_FILE.test(file)) words = cmd.before === '|' ? producedWords(cmds[i - 1]) : [];
    else if (name === 'sed' && argv.slice(1).some((w) => SUDOERS_FILE.test(resolve(w.value) ?? w.value))) words = argv.slice(1).filter((w) => w.value.includes('NOPASSWD'));
    if (words.length === 0) return;
    // `echo $USER ALL=\(root\) NOPASSWD:ALL` is several words: read them as the one line they print.
    const line = words.map((w) => resolve(w.value) ?? w.value).join(' ');
    const replacement = name === 'sed' ? line.replace(/^s(.)(?:(?!\1).)*\1((?:(?!\1).)*)\1.*$/s, '$2') : line;
    const grant = grantIn(replacement);
    if (grant) out.push({ ...grant, start: words[0].start, end: words[words.length - 1].end });
  });
  return out;
}

/** Sudoers text written by `COPY <<EOF /etc/sudoers.d/app`: the grants in a heredoc body. */
export function sudoGrantsInText(text: string, start: number): SudoGrant[] {
  const out: SudoGrant[] = [];
  let at = start;
  for (const line of text.split('\n')) {
    const grant = grantIn(line);
    if (grant) out.push({ ...grant, start: at, end: at + line.replace(/\r$/, '').length });
    at += line.length + 1;
  }
  return out;
}

// USERS AND GROUPS

export interface AccountFacts {
  /** Groups each user is put in (`useradd -G sudo app`, `usermod -aG wheel app`, `adduser app sudo`). */
  groups: Map<string, Set<string>>;
  /** User names by the uid they are created with (`useradd -u 1000 app`). */
  byUid: Map<string, string>;
}

/** Adds what one command says about users and groups to `facts`. */
export function collectAccountFacts(cmd: ShellCommand, resolve: Resolve, facts: AccountFacts): void {
  const argv = effectiveArgv(cmd);
  const name = argv.length > 0 ? baseName(argv[0].value) : '';
  const value = (w: ShellWord | undefined) => (w ? (resolve(w.value) ?? w.value) : null);
  const addGroups = (user: string | null, groups: (string | null)[]) => {
    if (!user) return;
    const set = facts.groups.get(user) ?? new Set<string>();
    for (const g of groups) for (const one of (g ?? '').split(',')) if (one.trim() !== '') set.add(one.trim());
    facts.groups.set(user, set);
  };
  if (name === 'useradd' || name === 'usermod') {
    const parsed = parseOptions(argv.slice(1), { shortValue: 'cdefgGklpsuLUbKRPZ', longValue: ['comment', 'home', 'expiredate', 'inactive', 'gid', 'groups', 'login', 'password', 'shell', 'uid', 'root', 'prefix', 'key', 'base-dir', 'skel', 'home-dir'] });
    const user = value(parsed.operands[parsed.operands.length - 1]);
    addGroups(user, parsed.options.filter((o) => ['-G', '--groups', '-g', '--gid'].includes(o.name)).map((o) => (o.valueWord ? value(o.valueWord) : o.value)));
    const uid = parsed.options.find((o) => o.name === '-u' || o.name === '--uid');
    if (user && uid?.value) facts.byUid.set(uid.valueWord ? (value(uid.valueWord) ?? uid.value) : uid.value, user);
  } else if (name === 'adduser' || name === 'addgroup') {
    // Debian `adduser app sudo` and BusyBox `addgroup app wheel` add an existing user to a group.
    const parsed = parseOptions(argv.slice(1), { shortValue: 'hgsGuk', longValue: ['home', 'shell', 'gecos', 'uid', 'gid', 'ingroup', 'firstuid', 'lastuid', 'conf'] });
    if (parsed.operands.length === 2) addGroups(value(parsed.operands[0]), [value(parsed.operands[1])]);
    const user = value(parsed.operands[0]);
    const ingroup = parsed.options.filter((o) => ['-G', '--ingroup'].includes(o.name)).map((o) => (o.valueWord ? value(o.valueWord) : o.value));
    if (name === 'adduser') addGroups(user, ingroup);
    const uid = parsed.options.find((o) => o.name === '-u' || o.name === '--uid');
    if (name === 'adduser' && user && uid?.value) facts.byUid.set(uid.value, user);
  } else if (name === 'gpasswd') {
    const parsed = parseOptions(argv.slice(1), { shortValue: 'adAM', longValue: ['add', 'delete'] });
    const add = parsed.options.find((o) => o.name === '-a' || o.name === '--add');
    if (add?.value && parsed.operands[0]) addGroups(add.valueWord ? value(add.valueWord) : add.value, [value(parsed.operands[0])]);
  }
}
