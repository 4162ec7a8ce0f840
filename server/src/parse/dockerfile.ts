import type { Instruction, Flag as AstFlag, Property as AstProperty } from 'dockerfile-ast';
import { parseDockerfileAst } from './dockerfile-ast-adapter';
import { isOffsetArgument } from './dockerfile-ast-arguments';
import type { Range } from '../core/types';
import { LineIndex } from '../core/positions';
import { parseImageRef, type ImageRef } from './image-ref';
import { parseShell, type ShellCommand } from './shell';
import { parseCount } from './parse-count';
import { substitute } from './variables';
import { partitionPoint, pushTo } from '../core/collections';

/**
 * The Dockerfile model every rule reads. It is built once per analysis on top of dockerfile-ast:
 * instructions with their flags, arguments and ranges, stages with resolved base images,
 * parser directives, heredocs, and the shell commands of RUN/CMD/ENTRYPOINT/HEALTHCHECK.
 * Everything is computed once here, so rules never re-tokenise.
 */

/** A word of an instruction's arguments. A model token's `range` is an accessor (see OffsetToken): copy a token field by field, not with a spread. */
export interface Token {
  value: string;
  range: Range;
  start: number;
  end: number;
}

/**
 * A token of the model whose range is built from its offsets when first read: rules work on
 * offsets, and read the ranges of the few tokens they report or edit. A model holds thousands of
 * tokens, and keeping a range for each was about a fifth of its memory.
 */
class OffsetToken implements Token {
  private built: Range | undefined = undefined;
  constructor(
    readonly value: string,
    readonly start: number,
    readonly end: number,
    private readonly index: LineIndex,
  ) {}

  get range(): Range {
    return (this.built ??= this.index.range(this.start, this.end));
  }
}

export interface DfFlag {
  name: string;
  value: string | null;
  range: Range;
  nameRange: Range;
  valueRange: Range | null;
}

/** One `key=value` option of a `RUN --mount` flag. */
export interface DfMountOption {
  /** Lower case: `type`, `source`, `target`, `from`, `id`, `env`... */
  key: string;
  /** Trimmed, without surrounding double quotes; '' for a key without `=`. */
  value: string;
  /** Offsets of the whole `key=value` option, and of its value, in the text. */
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
}

/**
 * A `RUN --mount=...` flag, read once for every rule and fact that asks (socket mounts, `from=`
 * images and stages, cache targets, secret ids). Options are split on commas as BuildKit reads
 * them; a key given twice counts once, the last time.
 */
export interface DfMount {
  flag: DfFlag;
  /** Lower-case `type=`; `bind` when absent (BuildKit's default). */
  type: string;
  /** In the order written, one per key. */
  options: DfMountOption[];
  option(key: string): DfMountOption | undefined;
  /**
   * Whether the flag's value is written in the text exactly as read (no line continuation inside
   * it), so the offsets are exact; otherwise every offset spans the whole value.
   */
  exact: boolean;
}

export interface DfProperty {
  name: string;
  /** Unescaped, unquoted value; null when the property has none (`ARG NAME`). */
  value: string | null;
  range: Range;
  nameRange: Range;
  valueRange: Range | null;
}

export interface DfHeredoc {
  name: string;
  /** Offsets of the body (between the marker line and the delimiter line). */
  contentStart: number;
  contentEnd: number;
  content: string;
}

export interface DfInstruction {
  /** Upper-case keyword: `RUN`, `FROM`, ... */
  keyword: string;
  range: Range;
  keywordRange: Range;
  start: number;
  end: number;
  /** Arguments after the flags, split on whitespace as Docker does for most instructions. */
  args: Token[];
  flags: DfFlag[];
  /** Offset where the arguments (after flags) start, or `end` when there are none. */
  argsStart: number;
  /** The instruction as written (continuation lines, comments and heredoc bodies included). */
  text: string;
  /** The keyword as written (`run`, `Run`, `RUN`). */
  keywordText: string;
  /** The arguments as written, from `argsStart` to the end (continuation lines included). */
  argsText: string;
  /** Exec (JSON) form values, or null for the shell form (also the `["src", "dest"]` form of ADD and COPY). */
  json: Token[] | null;
  /** `ENV`, `ARG` and `LABEL` key/value pairs. */
  properties: DfProperty[];
  heredocs: DfHeredoc[];
  /** `RUN --mount=...` flags, read (for other instructions, none). */
  mounts: DfMount[];
  stage: Stage | null;
  /** For `ONBUILD`, the instruction it registers. */
  trigger: DfInstruction | null;
  flag(name: string): DfFlag | undefined;
}

/** A stage's ARG/ENV definitions: each instruction's position, and each variable's definitions in order. */
interface StageScope {
  position: Map<DfInstruction, number>;
  defs: Map<string, { at: number; value: string | null }[]>;
}

export interface Stage {
  index: number;
  from: DfInstruction;
  /** The base image after ARG substitution, or null when it names an earlier stage or is empty. */
  image: ImageRef | null;
  /** The FROM argument exactly as written, and its range. */
  imageText: string;
  imageRange: Range | null;
  /** Variables in the base image reference that had no default value. */
  unresolved: string[];
  /** The earlier stage this one builds on (`FROM builder`), if any. */
  baseStage: Stage | null;
  alias: string | null;
  aliasRange: Range | null;
  instructions: DfInstruction[];
  isFinal: boolean;
}

export interface Directive {
  name: string;
  value: string;
  range: Range;
  valueRange: Range;
}

export interface CommentLine {
  text: string;
  range: Range;
  line: number;
}

const NO_STAGES: readonly Stage[] = [];

export class DockerfileModel {
  readonly index: LineIndex;
  readonly escape: string;
  readonly directives: Directive[];
  readonly instructions: DfInstruction[];
  readonly comments: CommentLine[];
  readonly stages: Stage[] = [];
  /** Stages by alias in lower case, in file order: a stage is named by `FROM`, `--from` and `target` ignoring case. */
  private readonly byAlias = new Map<string, Stage[]>();
  /** `ARG` defaults declared before the first `FROM`. */
  readonly globalArgs = new Map<string, string | null>();
  private readonly shellCache = new Map<DfInstruction, ShellCommand[]>();
  private readonly scopes = new Map<Stage, StageScope>();

  constructor(readonly text: string) {
    this.index = new LineIndex(text);
    const ast = parseDockerfileAst(text);
    this.escape = ast.getEscapeCharacter();
    this.directives = ast.getDirectives().map((d) => ({
      name: d.getName().toLowerCase(),
      value: d.getValue(),
      range: d.getRange(),
      valueRange: d.getValueRange(),
    }));
    this.comments = ast.getComments().map((c) => ({ text: c.getContent(), range: c.getRange(), line: c.getRange().start.line }));
    this.instructions = ast.getInstructions().map((i) => this.wrap(i));
    this.buildStages();
  }

  get finalStage(): Stage | null {
    return this.stages.length > 0 ? this.stages[this.stages.length - 1] : null;
  }

  /**
   * The stages with this name, ignoring case, in file order (more than one is a duplicate name).
   * From a table: looking names up by a search through every stage made a Dockerfile of thousands
   * of stages take quadratic time.
   */
  stagesNamed(name: string): readonly Stage[] {
    return this.byAlias.get(name.toLowerCase()) ?? NO_STAGES;
  }

  directive(name: string): Directive | undefined {
    return this.directives.find((d) => d.name === name);
  }

  /** Instructions with this keyword, in file order, across all stages. */
  all(keyword: string): DfInstruction[] {
    return this.instructions.filter((i) => i.keyword === keyword);
  }

  range(start: number, end: number): Range {
    return this.index.range(start, end);
  }

  /** Whether a token or shell word is written in the text exactly as it reads (no quotes, escapes or line continuation inside), so an edit of its offsets edits that value. */
  verbatim(t: { start: number; end: number; value: string }): boolean {
    return t.end - t.start === t.value.length && this.text.startsWith(t.value, t.start);
  }

  offset(p: Range['start']): number {
    return this.index.offsetAt(p);
  }

  /**
   * The shell commands an instruction runs: the shell form of RUN/CMD/ENTRYPOINT/HEALTHCHECK CMD,
   * `sh -c "..."` in the exec form, and heredoc scripts (`RUN <<EOF`).
   */
  shell(instr: DfInstruction): ShellCommand[] {
    let cached = this.shellCache.get(instr);
    if (!cached) {
      cached = this.computeShell(instr);
      this.shellCache.set(instr, cached);
    }
    return cached;
  }

  /**
   * Resolves `$VAR` references as seen by an instruction: global ARG defaults (for FROM), then the
   * stage's ARG and ENV values declared before it.
   */
  resolve(text: string, at: DfInstruction): { value: string; unresolved: string[] } {
    if (!at.stage || at.keyword === 'FROM') return substitute(text, (name) => this.globalArgs.get(name) ?? undefined);
    const scope = this.stageScope(at.stage);
    const position = scope.position.get(at) ?? Infinity;
    return substitute(text, (name) => {
      const defs = scope.defs.get(name);
      if (!defs) return undefined;
      // The last definition before `at` (definitions are in instruction order).
      const after = partitionPoint(defs.length, (k) => defs[k].at < position);
      return after === 0 ? undefined : (defs[after - 1].value ?? undefined);
    });
  }

  /** Each variable's ARG/ENV definitions in a stage, in order, so `resolve` costs a lookup, not a walk of the stage. */
  private stageScope(stage: Stage): StageScope {
    let scope = this.scopes.get(stage);
    if (scope) return scope;
    scope = { position: new Map(), defs: new Map() };
    stage.instructions.forEach((i, at) => {
      scope!.position.set(i, at);
      if (i.keyword !== 'ARG' && i.keyword !== 'ENV') return;
      for (const p of i.properties) {
        const value = i.keyword === 'ARG' ? (p.value ?? this.globalArgs.get(p.name) ?? null) : p.value;
        let defs = scope!.defs.get(p.name);
        if (!defs) scope!.defs.set(p.name, (defs = []));
        defs.push({ at, value });
      }
    });
    this.scopes.set(stage, scope);
    return scope;
  }

  private wrap(node: Instruction, stageless = false): DfInstruction {
    const keyword = node.getKeyword().toUpperCase();
    const range = node.getRange();
    const start = this.index.offsetAt(range.start);
    const end = this.index.offsetAt(range.end);
    const astFlags: AstFlag[] = 'getFlags' in node && typeof node.getFlags === 'function' ? (node.getFlags() as AstFlag[]) : [];
    const flags = astFlags.map((f) => ({
      name: f.getName().toLowerCase(),
      value: f.getValue(),
      range: f.getRange(),
      nameRange: f.getNameRange(),
      valueRange: f.getValueRange(),
    }));
    const args: Token[] = node.getArguments().map((a) => {
      if (isOffsetArgument(a)) return new OffsetToken(a.getValue(), a.startOffset, a.endOffset, this.index);
      const r = a.getRange();
      return { value: a.getValue(), range: r, start: this.index.offsetAt(r.start), end: this.index.offsetAt(r.end) };
    });
    const argsStart = args.length > 0 ? args[0].start : end;
    const keywordRange = node.getInstructionRange();
    const props: AstProperty[] =
      'getProperties' in node && typeof node.getProperties === 'function' ? (node.getProperties() as AstProperty[]) : [];
    const properties = props.map((p) => ({
      name: p.getName(),
      value: p.getValue(),
      range: p.getRange(),
      nameRange: p.getNameRange(),
      valueRange: p.getValueRange(),
    }));
    const heredocs: DfHeredoc[] = [];
    const withHeredocs = node as unknown as { getHeredocs?: () => { getName(): string; getContentRange(): Range | null }[] };
    // dockerfile-ast finds heredocs only among the arguments that start with `<<`: without one, the
    // answer is none (or its reader throws, which heredocsOf also reads as none), so it is not asked.
    const mayHaveHeredocs = (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') && args.some((a) => a.value.startsWith('<<'));
    if (typeof withHeredocs.getHeredocs === 'function' && mayHaveHeredocs) {
      for (const h of heredocsOf(() => withHeredocs.getHeredocs!())) {
        const cr = h.getContentRange();
        const cs = cr ? this.index.offsetAt(cr.start) : end;
        const ce = cr ? this.index.offsetAt(cr.end) : end;
        heredocs.push({ name: h.getName(), contentStart: cs, contentEnd: ce, content: this.text.slice(cs, ce) });
      }
    }
    const instr: DfInstruction = {
      keyword,
      range,
      keywordRange,
      start,
      end,
      args,
      flags,
      argsStart,
      text: this.text.slice(start, end),
      keywordText: this.text.slice(this.index.offsetAt(keywordRange.start), this.index.offsetAt(keywordRange.end)),
      argsText: this.text.slice(argsStart, end),
      json: null,
      properties,
      heredocs,
      mounts: keyword === 'RUN' ? flags.filter((f) => f.name === 'mount').map((f) => this.mount(f)) : [],
      stage: null,
      trigger: null,
      flag: flagNamed,
    };
    if (['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'HEALTHCHECK', 'VOLUME', 'ADD', 'COPY'].includes(keyword)) {
      instr.json = this.parseJsonForm(instr);
    }
    if (keyword === 'ONBUILD' && !stageless && 'getTriggerInstruction' in node) {
      const t = (node as unknown as { getTriggerInstruction(): Instruction | null }).getTriggerInstruction();
      if (t) instr.trigger = this.wrap(t, true);
    }
    return instr;
  }

  private mount(flag: DfFlag): DfMount {
    const value = flag.value ?? '';
    const vs = flag.valueRange ? this.index.offsetAt(flag.valueRange.start) : this.index.offsetAt(flag.range.end);
    const ve = flag.valueRange ? this.index.offsetAt(flag.valueRange.end) : vs;
    const exact = this.text.slice(vs, ve) === value;
    const byKey = new Map<string, DfMountOption>();
    let at = 0;
    for (const part of value.split(',')) {
      const eq = part.indexOf('=');
      const key = (eq >= 0 ? part.slice(0, eq) : part).trim().toLowerCase();
      let from = eq >= 0 ? eq + 1 : part.length;
      let to = part.length;
      while (from < to && /\s/.test(part[from])) from++;
      while (to > from && /\s/.test(part[to - 1])) to--;
      if (to - from >= 2 && part[from] === '"' && part[to - 1] === '"') {
        from++;
        to--;
      }
      if (key !== '') {
        byKey.delete(key);
        const [start, end, valueStart, valueEnd] = exact ? [vs + at, vs + at + part.length, vs + at + from, vs + at + to] : [vs, ve, vs, ve];
        byKey.set(key, { key, value: part.slice(from, to), start, end, valueStart, valueEnd });
      }
      at += part.length + 1;
    }
    const options = [...byKey.values()];
    return { flag, type: byKey.get('type')?.value.toLowerCase() || 'bind', options, option: (k) => byKey.get(k), exact };
  }

  /** Exec form: the arguments form a JSON array of strings (`["sh", "-c", "..."]`). */
  private parseJsonForm(instr: DfInstruction): Token[] | null {
    let from = instr.argsStart;
    if (instr.keyword === 'HEALTHCHECK') {
      // HEALTHCHECK [flags] CMD <command>: the JSON follows the CMD word.
      const cmd = instr.args[0];
      if (!cmd || cmd.value.toUpperCase() !== 'CMD') return null;
      from = cmd.end;
    }
    const raw = this.text.slice(from, instr.end);
    const lead = raw.length - raw.trimStart().length;
    if (raw.trimStart()[0] !== '[') return null;
    const tokens: Token[] = [];
    const re = /"((?:[^"\\\n\r]|\\.)*)"|(\])|([^\s,])/g;
    re.lastIndex = lead + 1;
    let closed = false;
    let m: RegExpExecArray | null;
    while ((m = re.exec(raw))) {
      if (m[2]) {
        closed = raw.slice(m.index + 1).trim() === '';
        break;
      }
      if (m[3]) {
        if (m[3] === this.escape && /^[ \t]*(\r?\n|\r)/.test(raw.slice(m.index + 1))) continue;
        return null;
      }
      let value: string;
      try {
        value = JSON.parse(`"${m[1]}"`) as string;
      } catch {
        return null;
      }
      const s = from + m.index + 1;
      const e = s + m[1].length;
      tokens.push(new OffsetToken(value, s, e, this.index));
    }
    return closed ? tokens : null;
  }

  private computeShell(instr: DfInstruction): ShellCommand[] {
    const k = instr.keyword;
    if (k === 'ONBUILD') return instr.trigger ? this.shell(instr.trigger) : [];
    if (k !== 'RUN' && k !== 'CMD' && k !== 'ENTRYPOINT' && k !== 'HEALTHCHECK') return [];
    if (instr.json) {
      const [first, second, third] = instr.json;
      if (first && second && third && /(^|\/)(ba|da|a|z|k)?sh$/.test(first.value) && second.value === '-c') {
        if (third.end - third.start === third.value.length) return parseShell(this.text, third.start, third.end);
        return parseShell(third.value).map((c) => relocate(c, third));
      }
      return [];
    }
    let start = instr.argsStart;
    if (k === 'HEALTHCHECK') {
      const cmd = instr.args[0];
      if (!cmd || cmd.value.toUpperCase() !== 'CMD') return [];
      start = cmd.end;
    }
    if (instr.heredocs.length > 0 && k === 'RUN') return this.heredocShell(instr, start);
    return parseShell(this.text, start, instr.end, { continuation: this.escape });
  }

  /** `RUN <<EOF` runs the body as a script; `RUN cmd <<EOF` runs `cmd` with the body as input. */
  private heredocShell(instr: DfInstruction, start: number): ShellCommand[] {
    const firstBody = instr.heredocs[0].contentStart;
    let lineEnd = this.text.lastIndexOf('\n', firstBody - 1);
    if (lineEnd < start) lineEnd = firstBody;
    const commandLine = parseShell(this.text, start, lineEnd, { continuation: this.escape });
    const words = commandLine.flatMap((c) => c.argv);
    const script = words.length === 0 || (words.length === 1 && /^(\/bin\/|\/usr\/bin\/)?(ba|a|da)?sh$/.test(words[0].value));
    if (!script) return commandLine;
    const out = words.length === 1 ? commandLine : [];
    for (const h of instr.heredocs) out.push(...parseShell(this.text, h.contentStart, h.contentEnd, { multiline: true }));
    return out;
  }

  private buildStages(): void {
    let stage: Stage | null = null;
    for (const instr of this.instructions) {
      if (instr.keyword === 'FROM') {
        stage = this.newStage(instr);
        this.stages.push(stage);
        if (stage.alias !== null) pushTo(this.byAlias, stage.alias.toLowerCase(), stage);
      } else if (!stage && instr.keyword === 'ARG') {
        for (const p of instr.properties) this.globalArgs.set(p.name, p.value);
      }
      instr.stage = stage;
      if (instr.trigger) instr.trigger.stage = stage;
      stage?.instructions.push(instr);
    }
    if (this.stages.length > 0) this.stages[this.stages.length - 1].isFinal = true;
  }

  private newStage(from: DfInstruction): Stage {
    const [imageTok, as, aliasTok] = from.args;
    const imageText = imageTok?.value ?? '';
    let alias: string | null = null;
    let aliasRange: Range | null = null;
    if (as && as.value.toLowerCase() === 'as' && aliasTok) {
      alias = aliasTok.value;
      aliasRange = aliasTok.range;
    }
    const sub = substitute(imageText, (n) => this.globalArgs.get(n) ?? undefined);
    const baseStage = this.stagesNamed(sub.value)[0] ?? null;
    const image = baseStage || sub.value === '' ? null : parseImageRef(sub.value);
    return {
      index: this.stages.length,
      from,
      image,
      imageText,
      imageRange: imageTok?.range ?? null,
      unresolved: sub.unresolved,
      baseStage,
      alias,
      aliasRange,
      instructions: [],
      isFinal: false,
    };
  }
}

/**
 * `instr.flag(name)`. A shared function, not a closure: the model keeps no reference to
 * dockerfile-ast's tree once it is built, so an open document costs its model, not the tree too.
 */
function flagNamed(this: DfInstruction, name: string): DfFlag | undefined {
  return this.flags.find((f) => f.name === name);
}

function relocate(c: ShellCommand, token: Token): ShellCommand {
  // Exec-form strings with JSON escapes: offsets inside cannot be mapped exactly, so every word
  // points at the whole string.
  const at = <T extends { start: number; end: number }>(w: T): T => ({ ...w, start: token.start, end: token.end });
  return { ...c, words: c.words.map(at), argv: c.argv.map(at), redirects: c.redirects.map(at), start: token.start, end: token.end };
}

/** Parses a Dockerfile. dockerfile-ast does not throw on malformed input, but guard anyway. */
export function parseDockerfile(text: string): DockerfileModel {
  parseCount.dockerfile++;
  return new DockerfileModel(text);
}

/** Helpers rules use to walk stage ancestry. */
/**
 * dockerfile-ast's heredoc reader throws on a line continuation ended by a lone CR and followed by
 * a comment line (found by `npm run fuzz`); such an instruction is read as having no heredocs
 * rather than costing the whole file its findings.
 */
function heredocsOf<T>(read: () => T[]): T[] {
  try {
    return read();
  } catch {
    return [];
  }
}

export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<Stage>();
  for (let s: Stage | null = stage; s && !seen.has(s); s = s.baseStage) {
    seen.add(s);
    chain.push(s);
  }
  return chain;
}

/**
 * The first value `own` gives along a stage's chain (the stage, then its base, ...), or undefined;
 * `memo` keeps the answer for every stage walked, so asking for each instruction of a long chain
 * stays linear. A stage's base is always defined before it, so the walk ends.
 */
export function firstInChain<T>(stage: Stage, memo: Map<Stage, T | undefined>, own: (s: Stage) => T | undefined): T | undefined {
  const walked: Stage[] = [];
  let found: T | undefined;
  for (let s: Stage | null = stage; s; s = s.baseStage) {
    if (memo.has(s)) {
      found = memo.get(s);
      break;
    }
    walked.push(s);
    found = own(s);
    if (found !== undefined) break;
  }
  for (const s of walked) memo.set(s, found);
  return found;
}
