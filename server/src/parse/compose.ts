import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { readYamlDocument, TOO_DEEP, type YamlOptions } from './yaml-document';
import type { Range } from '../core/types';
import { LineIndex } from '../core/positions';
import { parseCount } from './parse-count';

/**
 * The Compose model every rule reads, built once on `yaml`'s document. Aliases and merge keys
 * (`<<: *base`) are resolved on demand with a bound, every value keeps its source range, and
 * entries that arrive through a merge key remember the `<<` entry, so findings are reported in
 * the service where they take effect.
 */

/** Upper bound on alias hops and merge nesting; YAML alias bombs stop here. */
const MAX_ALIAS_DEPTH = 32;

export interface Entry {
  key: string;
  /** The pair as written (in an anchored map when inherited through `<<`). */
  pair: Pair;
  /** The value with aliases resolved; null for an empty value. */
  value: Node | null;
  /** Key start to value end, where the entry is written. */
  ownRange: Range;
  keyRange: Range;
  valueRange: Range | null;
  /** The `<<: *anchor` entry of the map this entry was merged into, if it was inherited. */
  via: Pair | null;
  /** Where to report a finding about this entry: the entry, or the `<<` entry that brings it in. */
  range: Range;
  /** This entry as inherited through the merge entry `via`: the same key and value, its findings reported at `range`. */
  reportedAt(via: Pair, range: () => Range): Entry;
}

export interface Service {
  name: string;
  pair: Pair;
  /** The service's key (`web`), where "missing setting" findings are anchored. */
  keyRange: Range;
  /** The service's mapping; null when the service is not a map (`web: ~`). */
  map: YAMLMap | null;
  entries: Map<string, Entry>;
  get(key: string): Entry | undefined;
}

export interface SyntaxProblem {
  message: string;
  range: Range;
}

/** Keys that only a service has, so a top-level mapping holding one is a service of a version 1 file. */
const SERVICE_KEYS = new Set(['image', 'build', 'command', 'entrypoint', 'ports', 'links', 'environment', 'volumes_from', 'net', 'privileged', 'cap_add', 'container_name']);

/** Top-level keys of the formats after version 1. */
const LATER_TOP_KEYS = new Set(['services', 'version', 'volumes', 'networks', 'secrets', 'configs', 'name', 'include']);

const YAML_OPTIONS: YamlOptions = { prettyErrors: false, keepSourceTokens: false, uniqueKeys: false };

export class ComposeModel {
  readonly index: LineIndex;
  readonly doc: Document.Parsed;
  /** Errors that leave the document half-read: rules other than syntax-error do not run on it. */
  readonly syntaxErrors: SyntaxProblem[];
  /**
   * A key written twice in one mapping: Compose rejects the file, but the document is whole, so it is
   * reported without hiding the other findings (an entry reads the first of the two).
   */
  readonly duplicateKeys: { key: string; range: Range }[];
  readonly top: Map<string, Entry>;
  readonly services: Service[];
  private byName: Map<string, Service> | null = null;
  /** True for a version 1 file: no `services:` (nor `version:`), the services at the top level. */
  readonly legacyFormat: boolean;

  constructor(readonly text: string) {
    this.index = new LineIndex(text);
    // YAML counts a lone CR as a line break, the `yaml` library does not: give it LF instead (same offsets).
    const read = readYamlDocument(text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text, YAML_OPTIONS);
    if (read.doc) {
      this.doc = read.doc;
      this.syntaxErrors = this.doc.errors.map((e) => ({ message: cleanMessage(e.message), range: this.errorRange(e.pos[0], e.pos[1]) }));
    } else {
      // Too deep to compose safely: an empty document, and the syntax error that says why.
      this.doc = readYamlDocument('', YAML_OPTIONS).doc!;
      this.syntaxErrors = [{ message: TOO_DEEP, range: this.errorRange(read.tooDeepAt, read.tooDeepAt + 1) }];
    }
    this.duplicateKeys = this.syntaxErrors.length > 0 ? [] : this.findDuplicateKeys();
    const root = this.resolve(this.doc.contents);
    this.top = isMap(root) ? this.entriesOf(root) : new Map();
    this.legacyFormat = isMap(root) && this.isLegacy();
    this.services = this.readServices(this.legacyFormat ? (root as YAMLMap) : this.top.get('services')?.value);
  }

  /**
   * The service of that name (the first, if a name is written twice), from a table built on first
   * use: `extends`, `depends_on` and `DOCKER_HOST` name services, and looking each one up by a
   * search through every service made a file of thousands of services take quadratic time.
   */
  serviceNamed(name: string | null | undefined): Service | undefined {
    if (name === null || name === undefined) return undefined;
    if (!this.byName) {
      this.byName = new Map();
      for (const s of this.services) if (!this.byName.has(s.name)) this.byName.set(s.name, s);
    }
    return this.byName.get(name);
  }

  /**
   * A version 1 file: none of the top-level keys of later formats, no extension (`x-`) keys, and a
   * top-level mapping that holds a key only a service has.
   */
  private isLegacy(): boolean {
    const keys = [...this.top.keys()];
    if (keys.some((k) => LATER_TOP_KEYS.has(k) || k.startsWith('x-'))) return false;
    return [...this.top.values()].some((e) => isMap(e.value) && e.value.items.some((p) => isPair(p) && SERVICE_KEYS.has(keyText(p.key) ?? '')));
  }

  /** Every scalar key written a second time in the same mapping, at its second spelling. */
  private findDuplicateKeys(): { key: string; range: Range }[] {
    const out: { key: string; range: Range }[] = [];
    eachMap(this.doc.contents, (map) => {
      const seen = new Set<string>();
      for (const item of map.items) {
        const key = isPair(item) ? keyText(item.key) : null;
        if (key === null || key === '<<') continue;
        if (seen.has(key)) {
          const range = this.rangeOf(item.key as Node);
          if (range) out.push({ key, range });
        }
        seen.add(key);
      }
    });
    return out;
  }

  /** The range of a node's value (without trailing comments). */
  rangeOf(node: Node | null | undefined): Range | null {
    const r = node?.range;
    if (!r) return null;
    return this.index.range(r[0], this.contentEnd(node));
  }

  /**
   * Where a node's content ends: `yaml` ends a block collection after its last line's comment and
   * newline, so follow the last item down to a scalar (or a flow collection's closing bracket).
   */
  private contentEnd(node: Node, depth = 0): number {
    const r = node.range!;
    let end = r[1];
    if ((isMap(node) || isSeq(node)) && !node.flow && depth < MAX_ALIAS_DEPTH) {
      const last = node.items[node.items.length - 1] as unknown;
      const tail = (isPair(last) ? (last.value ?? last.key) : last) as Node | null | undefined;
      if (tail?.range) end = this.contentEnd(tail, depth + 1);
    }
    while (end > r[0] && /\s/.test(this.text[end - 1])) end--;
    return end;
  }

  /** Offsets of a node's value. */
  offsetsOf(node: Node | null | undefined): [number, number] | null {
    const r = node?.range;
    return r ? [r[0], r[1]] : null;
  }

  /** Follows aliases (bounded). */
  resolve(node: unknown): Node | null {
    let n = node as Node | null | undefined;
    for (let hops = 0; n && isAlias(n); hops++) {
      if (hops >= MAX_ALIAS_DEPTH) return null;
      const table = (this.aliasTargets ??= this.readAliasTargets());
      n = table.has(n) ? table.get(n) : (n.resolve(this.doc) as Node | undefined);
    }
    return n ?? null;
  }

  private aliasTargets: Map<Node, Node | undefined> | null = null;

  /**
   * What each alias of the document names, from one walk: the last node before it (in document
   * order) with that anchor, as `Alias.resolve` finds it. `Alias.resolve` walks the whole
   * document on each call, so a file of thousands of services that each merge `<<: *base` took
   * quadratic time (4,000 such services: 26 s).
   */
  private readAliasTargets(): Map<Node, Node | undefined> {
    const out = new Map<Node, Node | undefined>();
    const latest = new Map<string, Node>();
    visit(this.doc, {
      Node: (_key, node) => {
        if (isAlias(node)) out.set(node, latest.get(node.source));
        if (node.anchor) latest.set(node.anchor, node);
      },
    });
    return out;
  }

  /** Items of a sequence (aliases resolved); a non-sequence yields nothing. */
  items(node: Node | null): Node[] {
    const seq = this.resolve(node);
    if (!isSeq(seq)) return [];
    return seq.items.map((i) => this.resolve(i)).filter((i): i is Node => i !== null);
  }

  /** Entries per map, computed once: a map merged many times (`<<: [*a, *a]`, level after level) is not walked again. */
  private readonly entryCache = new Map<YAMLMap, Map<string, Entry>>();

  /** A map's entries with merge keys applied: own keys win over merged ones, earlier merges over later. */
  entriesOf(map: YAMLMap, depth = 0): Map<string, Entry> {
    const cached = this.entryCache.get(map);
    if (cached) return cached;
    const out = new Map<string, Entry>();
    const merges: Pair[] = [];
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const key = keyText(item.key);
      if (key === '<<') {
        merges.push(item);
        continue;
      }
      if (key !== null && !out.has(key)) out.set(key, this.entry(key, item, null));
    }
    if (depth >= MAX_ALIAS_DEPTH) return out;
    // Cached before merging, so a map that merges itself (a recursive alias) sees its own keys only.
    this.entryCache.set(map, out);
    for (const mergePair of merges) {
      const sources = isSeq(mergePair.value) ? mergePair.value.items : [mergePair.value];
      for (const src of sources) {
        const m = this.resolve(src);
        if (!isMap(m)) continue;
        for (const [key, e] of this.entriesOf(m, depth + 1)) {
          if (!out.has(key)) out.set(key, e.reportedAt(mergePair, () => this.pairRange(mergePair)));
        }
      }
    }
    return out;
  }

  /** Key start to value end. A YAML pair has no range of its own. */
  pairRange(pair: Pair): Range {
    const k = (pair.key as Node | null)?.range;
    const v = (pair.value as Node | null)?.range;
    const start = k ? k[0] : v ? v[0] : 0;
    const vEnd = v ? this.contentEnd(pair.value as Node) : 0;
    const end = v && vEnd > start ? vEnd : k ? k[1] : start;
    return this.nonEmptyRange(start, end);
  }

  private entry(key: string, pair: Pair, via: Pair | null): Entry {
    return new ModelEntry(key, pair, this.resolve(pair.value), via, this, null);
  }

  private readServices(services: Node | null | undefined): Service[] {
    if (!isMap(services)) return [];
    const out: Service[] = [];
    for (const pair of services.items) {
      if (!isPair(pair)) continue;
      const name = keyText(pair.key);
      if (name === null || name === '<<') continue;
      const map = this.resolve(pair.value);
      const entries = isMap(map) ? this.entriesOf(map) : new Map<string, Entry>();
      out.push({
        name,
        pair,
        keyRange: this.rangeOf(pair.key as Node) ?? this.pairRange(pair),
        map: isMap(map) ? map : null,
        entries,
        get: (key: string) => entries.get(key),
      });
    }
    return out;
  }

  /** A syntax error's range: on its first line only, widened from one character to the word it starts. */
  private errorRange(start: number, end: number): Range {
    const len = this.text.length;
    start = Math.max(0, Math.min(start, len));
    const lineEnd = this.index.lineEnd(this.index.positionAt(start).line);
    end = Math.min(Math.max(end, start), lineEnd);
    if (end - start <= 1) {
      const word = /^[\w.$-]+/.exec(this.text.slice(start, lineEnd));
      if (word) end = start + word[0].length;
    }
    return this.nonEmptyRange(start, end);
  }

  /** A range that covers at least one visible character (errors at the end of a line or file point back). */
  private nonEmptyRange(start: number, end: number): Range {
    const len = this.text.length;
    start = Math.max(0, Math.min(start, len));
    end = Math.max(start, Math.min(end, len));
    if (end > start && this.text.slice(start, end).trim() !== '') return this.index.range(start, end);
    const line = this.index.positionAt(start).line;
    const lineEnd = this.index.lineEnd(line);
    if (lineEnd > start && this.text.slice(start, lineEnd).trim() !== '') return this.index.range(start, lineEnd);
    let s = Math.min(start, len) - 1;
    while (s >= 0 && /\s/.test(this.text[s])) s--;
    if (s < 0) {
      // Nothing visible before: the first visible character, else the first line break (all of a CRLF).
      const v = this.text.search(/\S/);
      if (v >= 0) return this.index.range(v, v + 1);
      return this.index.range(0, Math.min(this.text.startsWith('\r\n') ? 2 : 1, len));
    }
    return this.index.range(s, s + 1);
  }
}

/**
 * An entry of the model whose ranges are computed when first read: a model has an entry for every
 * key of every service and of the maps below them, and rules read the ranges of the few entries they
 * report or edit. Computing all four ranges of every entry up front was about a quarter of a Compose
 * model's memory. A spread would not copy these accessors: an inherited copy is made with `reportedAt`.
 */
class ModelEntry implements Entry {
  private own: Range | undefined = undefined;
  private keyAt: Range | undefined = undefined;
  private valueAt: Range | null | undefined = undefined;
  private reported: Range | undefined = undefined;

  constructor(
    readonly key: string,
    readonly pair: Pair,
    readonly value: Node | null,
    readonly via: Pair | null,
    private readonly model: ComposeModel,
    /** Where findings about an inherited entry go (the `<<` entry that brings it in); null: its own range. */
    private readonly reportedRange: (() => Range) | null,
  ) {}

  get ownRange(): Range {
    return (this.own ??= this.model.pairRange(this.pair));
  }

  get keyRange(): Range {
    return (this.keyAt ??= this.model.rangeOf(this.pair.key as Node) ?? this.ownRange);
  }

  get valueRange(): Range | null {
    if (this.valueAt === undefined) this.valueAt = this.model.rangeOf(this.pair.value as Node);
    return this.valueAt;
  }

  get range(): Range {
    return this.reportedRange ? (this.reported ??= this.reportedRange()) : this.ownRange;
  }

  reportedAt(via: Pair, range: () => Range): Entry {
    return new ModelEntry(this.key, this.pair, this.value, via, this.model, range);
  }
}

function cleanMessage(message: string): string {
  return message.split('\n')[0].replace(/(?<!\s)\s+at line \d+, column \d+:?$/, '').trim();
}

/** A scalar key as text, or null for complex keys. */
export function keyText(key: unknown): string | null {
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return null;
}

export function parseCompose(text: string): ComposeModel {
  parseCount.compose++;
  return new ComposeModel(text);
}

/**
 * Calls `fn` for every mapping under `node`, in the order `yaml`'s `visit` meets them (a mapping
 * before what it holds, keys before values), aliases not followed. `visit` builds a path array
 * for every node it passes, which made this walk 3% of a Compose analysis. Recursive: the
 * document's nesting is bounded by MAX_YAML_DEPTH before it is composed.
 */
function eachMap(node: unknown, fn: (map: YAMLMap) => void): void {
  if (isMap(node)) {
    fn(node);
    for (const item of node.items) eachMap(item, fn);
  } else if (isSeq(node)) {
    for (const item of node.items) eachMap(item, fn);
  } else if (isPair(node)) {
    eachMap(node.key, fn);
    eachMap(node.value, fn);
  }
}
