import { stageChain, type DfInstruction, type DockerfileModel } from '../parse/dockerfile';
import { memoize } from '../parse/memo';
import { baseName, effectiveArgv, type ShellCommand, type ShellWord } from '../parse/shell';
import { parseOptions } from './cli-options';
import { instructionCommands } from './commands';

/**
 * File permission modes set by build steps: `chmod MODE FILE...`, `install -m MODE`,
 * `mkdir -m MODE` and `COPY/ADD --chmod=MODE`. Modes are read the way chmod reads them: octal
 * (`4755`, `0777`) or symbolic clauses (`u+s`, `go-w`, `a=rwx,+t`), so rules can ask what a mode
 * adds (setuid, setgid, write for others) without re-parsing.
 */

export interface ModeWord {
  /** The mode as written, and its offsets (for `-m755` only the `755` part). */
  value: string;
  start: number;
  end: number;
}

export interface ModeChange {
  tool: 'chmod' | 'install' | 'mkdir' | 'copy';
  mode: ModeWord;
  /** The files or directories the mode applies to, as written. */
  targets: ShellWord[];
  /** True when every target is a directory by construction (`mkdir -m`, `install -d`). */
  directories: boolean;
}

export interface ModeBits {
  setuid: boolean;
  setgid: boolean;
  sticky: boolean;
  /** Write permission for users other than the owner and group. */
  otherWrite: boolean;
  /** Some execute bit. */
  execute: boolean;
}

const OCTAL = /^0?[0-7]{1,4}$/;
const CLAUSE = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/;
/** chmod options (GNU and BSD); any other `-letters` word is a mode such as `-x` or `-w`. */
const CHMOD_OPTION = /^-[RcfvHLPh]+$/;

/**
 * What a mode gives, or null when it cannot be read (a variable, a typo). Symbolic clauses with
 * no `u`/`g`/`o`/`a` are filtered by the umask, so only an explicit `o` or `a` counts for
 * `otherWrite`; removals (`-s`, `o-w`) give nothing.
 */
export function modeBits(mode: string): ModeBits | null {
  if (OCTAL.test(mode)) {
    const n = parseInt(mode, 8);
    return { setuid: (n & 0o4000) !== 0, setgid: (n & 0o2000) !== 0, sticky: (n & 0o1000) !== 0, otherWrite: (n & 0o2) !== 0, execute: (n & 0o111) !== 0 };
  }
  const bits: ModeBits = { setuid: false, setgid: false, sticky: false, otherWrite: false, execute: false };
  for (const clause of mode.split(',')) {
    const m = CLAUSE.exec(clause);
    if (!m) return null;
    const who = m[1];
    const all = who === '' || who.includes('a');
    for (const op of m[2].match(/[-+=][rwxXstugo]*/g) ?? []) {
      if (op[0] === '-') continue;
      const perms = op.slice(1);
      if (perms.includes('s') && (all || who.includes('u'))) bits.setuid = true;
      if (perms.includes('s') && (all || who.includes('g'))) bits.setgid = true;
      if (perms.includes('t') && (all || who.includes('o'))) bits.sticky = true;
      if (perms.includes('w') && (who.includes('a') || who.includes('o'))) bits.otherWrite = true;
      if (/[xX]/.test(perms)) bits.execute = true;
    }
  }
  return bits;
}

/** An octal mode without write for others (`777` -> `775`, `0666` -> `0664`), or null for a symbolic mode. */
export function withoutOtherWrite(mode: string): string | null {
  if (!OCTAL.test(mode)) return null;
  const last = parseInt(mode[mode.length - 1], 8) & ~0o2;
  return mode.slice(0, -1) + String(last);
}

/** The mode a shell command sets with chmod, install or mkdir, if it sets one. */
export function shellModeChange(cmd: ShellCommand): ModeChange | null {
  const argv = effectiveArgv(cmd);
  const tool = argv.length > 0 ? baseName(argv[0].value) : '';
  const rest = argv.slice(1);
  if (tool === 'chmod') {
    let i = 0;
    while (i < rest.length && (CHMOD_OPTION.test(rest[i].value) || rest[i].value.startsWith('--'))) i++;
    const mode = rest[i];
    // `--reference=FILE` copies another file's mode: there is no mode word.
    if (!mode || rest.slice(0, i).some((w) => w.value.startsWith('--reference'))) return null;
    return { tool, mode: { value: mode.value, start: mode.start, end: mode.end }, targets: rest.slice(i + 1), directories: false };
  }
  if (tool !== 'install' && tool !== 'mkdir') return null;
  const syntax = tool === 'install' ? { shortValue: 'mogStZ', longValue: ['mode', 'owner', 'group', 'suffix', 'target-directory', 'strip-program', 'context'] } : { shortValue: 'mZ', longValue: ['mode', 'context'] };
  const { options, operands } = parseOptions(rest, syntax);
  const opt = [...options].reverse().find((o) => o.name === '-m' || o.name === '--mode');
  if (!opt || opt.value === null) return null;
  const directories = tool === 'mkdir' || options.some((o) => o.name === '-d' || o.name === '--directory');
  return { tool, mode: modeWordOf(opt.valueWord ?? opt.word, opt.value), targets: operands, directories };
}

/** The part of a word that holds a mode value: the whole word, or the end of `-m0755` / `--mode=0755`. */
function modeWordOf(word: ShellWord, value: string): ModeWord {
  if (word.value === value || !word.value.endsWith(value) || word.end - word.start !== word.value.length) {
    return { value, start: word.start, end: word.end };
  }
  return { value, start: word.end - value.length, end: word.end };
}

export interface DockerfileModeChange extends ModeChange {
  /** The mode with `ARG`/`ENV` values substituted, or null when a variable has no value. */
  resolved: string | null;
}

/**
 * The modes an instruction sets: `COPY/ADD --chmod=MODE` and, in `RUN`, chmod, install and mkdir.
 * For chmod, targets created by `mkdir` earlier in the same `RUN` or written with a trailing `/`
 * count as directories.
 */
export function dockerfileModeChanges(model: DockerfileModel, outer: DfInstruction): DockerfileModeChange[] {
  const instr = outer.trigger ?? outer;
  const resolve = (v: string): string | null => {
    const r = model.resolve(v, outer);
    return r.unresolved.length > 0 ? null : r.value;
  };
  if (instr.keyword === 'COPY' || instr.keyword === 'ADD') {
    const flag = instr.flag('chmod');
    if (!flag || flag.value === null || !flag.valueRange) return [];
    const start = model.offset(flag.valueRange.start);
    const mode = { value: flag.value, start, end: model.offset(flag.valueRange.end) };
    return [{ tool: 'copy', mode, targets: [], directories: false, resolved: resolve(flag.value) }];
  }
  if (instr.keyword !== 'RUN') return [];
  const out: DockerfileModeChange[] = [];
  const made = new Set<string>();
  for (const cmd of instructionCommands(model, outer)) {
    const argv = effectiveArgv(cmd);
    if (argv.length > 0 && baseName(argv[0].value) === 'mkdir') for (const w of argv.slice(1)) made.add(w.value.replace(/(?<!\/)\/+$/, ''));
    const change = shellModeChange(cmd);
    if (!change) continue;
    const dirs = change.targets.length > 0 && change.targets.every((t) => t.value.endsWith('/') || made.has(t.value));
    out.push({ ...change, directories: change.directories || dirs, resolved: resolve(change.mode.value) });
  }
  return out;
}

/**
 * The mode changes of every instruction whose files reach the image: the final stage and the
 * stages it is built `FROM`, in build order, one entry per instruction that changes a mode.
 * Read by two rules (setuid bits, world-writable modes): computed once per model.
 */
export const finalImageModeChanges: (model: DockerfileModel) => DockerfileModeChange[][] = memoize(readFinalImageModeChanges);

function readFinalImageModeChanges(model: DockerfileModel): DockerfileModeChange[][] {
  const final = model.finalStage;
  if (!final) return [];
  const out: DockerfileModeChange[][] = [];
  for (const stage of stageChain(final).reverse()) {
    for (const instr of stage.instructions) {
      const changes = dockerfileModeChanges(model, instr);
      if (changes.length > 0) out.push(changes);
    }
  }
  return out;
}

/** How a message names what a mode change applies to: its one target, or the copied or listed files. */
export function modeTargetName(change: ModeChange): string {
  return change.targets.length === 1 ? `"${change.targets[0].value}"` : change.tool === 'copy' ? 'the copied files' : 'these files';
}
