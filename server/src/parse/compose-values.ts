import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Range } from '../core/types';
import { keyText, type ComposeModel, type Entry } from './compose';

/**
 * Normalised views of Compose values that have several spellings: short and long syntax for
 * ports and volumes, map and list forms of `environment`, a single string or a list.
 * Every item keeps the range where it is written and the range where to report it (the `<<`
 * entry when it was inherited through a merge key).
 */

export interface Item {
  node: Node;
  /** Where the item is written. */
  ownRange: Range;
  /** Where to report it. */
  range: Range;
  /** True when it comes from a merge key; fixes must not edit it in place. */
  inherited: boolean;
}

export interface TextItem extends Item {
  text: string;
}

/** A scalar's text as written for plain scalars (`0755`, `yes`), its value otherwise; null for non-scalars. */
export function scalarText(node: Node | null | undefined): string | null {
  if (!isScalar(node)) return null;
  if (node.value === null || node.value === undefined) return '';
  if (node.type === 'PLAIN' && typeof node.source === 'string') return node.source;
  return String(node.value);
}

/** Docker Compose reads YAML 1.1 booleans: `yes`, `on`, `y` and `true` (any case, quoted or not). */
export function isTrue(node: Node | null | undefined): boolean {
  if (isScalar(node) && node.value === true) return true;
  const t = scalarText(node);
  return t !== null && /^(y|yes|true|on)$/i.test(t.trim());
}

export function isFalse(node: Node | null | undefined): boolean {
  if (isScalar(node) && node.value === false) return true;
  const t = scalarText(node);
  return t !== null && /^(n|no|false|off)$/i.test(t.trim());
}

/** Per-entry cache of the normalised views (the model caches entries per map). */
const CACHE = Symbol('compose-values');
function cached<T>(entry: Entry, key: string, compute: () => T): T {
  const holder = entry as unknown as Record<symbol, Record<string, unknown> | undefined>;
  const store = (holder[CACHE] ??= {});
  if (!(key in store)) store[key] = compute();
  return store[key] as T;
}

function item(model: ComposeModel, entry: Entry, node: Node): Item {
  const ownRange = model.rangeOf(node) ?? entry.ownRange;
  const inherited = entry.via !== null;
  return { node, ownRange, range: inherited ? entry.range : ownRange, inherited };
}

/** `cap_add`, `security_opt`, `devices`, `dns`...: a list of strings, or one string. */
function readTextItems(model: ComposeModel, entry: Entry): TextItem[] {
  if (!entry.value) return [];
  const nodes = isSeq(entry.value) ? model.items(entry.value) : [entry.value];
  const out: TextItem[] = [];
  for (const n of nodes) {
    const text = scalarText(n);
    if (text !== null) out.push({ ...item(model, entry, n), text });
  }
  return out;
}

export function textItems(model: ComposeModel, entry: Entry | undefined): TextItem[] {
  // Several rules read the same entry: read it once per entry.
  return entry ? cached(entry, 'textItems', () => readTextItems(model, entry)) : [];
}

export interface EnvVar extends Item {
  name: string;
  /** Null when the variable is passed through from the host (`- NAME`, `NAME:`). */
  value: string | null;
  nameRange: Range;
  valueRange: Range | null;
}

/** `environment:` (and `build.args:`) in map or list form. */
function readEnvironment(model: ComposeModel, entry: Entry): EnvVar[] {
  if (!entry.value) return [];
  const out: EnvVar[] = [];
  if (isMap(entry.value)) {
    for (const [name, e] of model.entriesOf(entry.value)) {
      const inherited = entry.via !== null || e.via !== null;
      const range = entry.via !== null ? entry.range : e.range;
      const v = e.value;
      const value = v === null || (isScalar(v) && (v.value === null || v.value === undefined)) ? null : scalarText(v);
      out.push({
        node: (e.pair.key as Node | null) ?? (e.pair.value as Node),
        ownRange: e.ownRange,
        range,
        inherited,
        name,
        value,
        nameRange: inherited ? range : e.keyRange,
        valueRange: inherited ? null : e.valueRange,
      });
    }
    return out;
  }
  for (const n of model.items(entry.value)) {
    const text = scalarText(n);
    if (text === null) continue;
    const base = item(model, entry, n);
    const offs = model.offsetsOf(n)!;
    const src = model.text.slice(offs[0], offs[1]);
    const quote = src[0] === '"' || src[0] === "'" ? 1 : 0;
    const eq = text.indexOf('=');
    const name = eq >= 0 ? text.slice(0, eq) : text;
    const nameStart = offs[0] + quote;
    const nameEnd = nameStart + name.length;
    const valueRange = eq >= 0 && offs[1] - quote > nameEnd + 1 ? model.index.range(nameEnd + 1, offs[1] - quote) : null;
    out.push({
      ...base,
      name,
      value: eq >= 0 ? text.slice(eq + 1) : null,
      nameRange: base.inherited ? base.range : model.index.range(nameStart, Math.max(nameEnd, nameStart + 1)),
      valueRange: base.inherited ? null : valueRange,
    });
  }
  return out;
}

export function environment(model: ComposeModel, entry: Entry | undefined): EnvVar[] {
  // Several rules read the same entry: read it once per entry.
  return entry ? cached(entry, 'environment', () => readEnvironment(model, entry)) : [];
}

export interface PortMapping extends Item {
  /** Host interface; null when the port is published on every interface (or not published). */
  hostIp: string | null;
  /** Host port (or range); null when Docker picks one. */
  published: string | null;
  target: string;
  protocol: string;
  long: boolean;
}

/** `ports:` in short (`"127.0.0.1:8080:80/tcp"`) or long (`{target: 80, published: 8080}`) syntax. */
function readPorts(model: ComposeModel, entry: Entry): PortMapping[] {
  if (!entry.value) return [];
  const out: PortMapping[] = [];
  for (const n of model.items(entry.value)) {
    if (isMap(n)) {
      const e = model.entriesOf(n);
      const get = (k: string) => scalarText(e.get(k)?.value);
      out.push({
        ...item(model, entry, n),
        hostIp: get('host_ip') || null,
        published: get('published') || null,
        target: get('target') ?? '',
        protocol: get('protocol') ?? 'tcp',
        long: true,
      });
      continue;
    }
    const text = scalarText(n);
    if (text === null) continue;
    out.push({ ...item(model, entry, n), ...parseShortPort(text), long: false });
  }
  return out;
}

export function ports(model: ComposeModel, entry: Entry | undefined): PortMapping[] {
  // Several rules read the same entry: read it once per entry.
  return entry ? cached(entry, 'ports', () => readPorts(model, entry)) : [];
}

export function parseShortPort(text: string): { hostIp: string | null; published: string | null; target: string; protocol: string } {
  let rest = text.trim();
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  let hostIp: string | null = null;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = splitOutsideBraces(rest);
  if (parts.length >= 3) {
    hostIp = parts.slice(0, parts.length - 2).join(':');
    return { hostIp: hostIp || null, published: parts[parts.length - 2] || null, target: parts[parts.length - 1], protocol };
  }
  if (parts.length === 2) return { hostIp, published: parts[0] || null, target: parts[1], protocol };
  return { hostIp, published: null, target: parts[0] ?? '', protocol };
}

/** Splits on `:` except inside `${...}` (a default such as `${PORT:-8080}`). */
function splitOutsideBraces(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '{') depth++;
    if (c === '}') depth = Math.max(0, depth - 1);
    if (c === ':' && depth === 0) {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out;
}

export interface VolumeMount extends Item {
  type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'image' | 'cluster' | string;
  source: string | null;
  target: string;
  readOnly: boolean;
  /** Short-syntax options after the target (`ro`, `z`, `rshared`...). */
  options: string[];
  propagation: string | null;
  long: boolean;
}

/** `volumes:` of a service in short (`./src:/app:ro`) or long (`{type: bind, source, target}`) syntax. */
function readVolumes(model: ComposeModel, entry: Entry): VolumeMount[] {
  if (!entry.value) return [];
  const out: VolumeMount[] = [];
  for (const n of model.items(entry.value)) {
    if (isMap(n)) {
      const e = model.entriesOf(n);
      const get = (k: string) => scalarText(e.get(k)?.value);
      const bind = e.get('bind')?.value;
      let propagation: string | null = null;
      if (isMap(bind)) propagation = scalarText(model.entriesOf(bind).get('propagation')?.value) ?? null;
      out.push({
        ...item(model, entry, n),
        type: get('type') ?? 'volume',
        source: get('source'),
        target: get('target') ?? '',
        readOnly: isTrue(e.get('read_only')?.value),
        options: [],
        propagation,
        long: true,
      });
      continue;
    }
    const text = scalarText(n);
    if (text === null) continue;
    out.push({ ...item(model, entry, n), ...parseShortVolume(text), long: false });
  }
  return out;
}

export function volumes(model: ComposeModel, entry: Entry | undefined): VolumeMount[] {
  // Several rules read the same entry: read it once per entry.
  return entry ? cached(entry, 'volumes', () => readVolumes(model, entry)) : [];
}

export function parseShortVolume(text: string): Pick<VolumeMount, 'type' | 'source' | 'target' | 'readOnly' | 'options' | 'propagation'> {
  let rest = text.trim();
  let drive = '';
  if (/^[A-Za-z]:[\\/]/.test(rest)) {
    drive = rest.slice(0, 2);
    rest = rest.slice(2);
  }
  const parts = splitOutsideBraces(rest);
  if (parts.length === 1) {
    return { type: 'volume', source: null, target: drive + parts[0], readOnly: false, options: [], propagation: null };
  }
  const source = drive + parts[0];
  const target = parts[1];
  const options = parts.length > 2 ? parts.slice(2).join(':').split(',').filter(Boolean) : [];
  const isBind = drive !== '' || /^[./~$\\]/.test(source);
  const propagation = options.find((o) => /^r?(shared|slave|private)$/.test(o)) ?? null;
  return { type: isBind ? 'bind' : 'volume', source, target, readOnly: options.includes('ro'), options, propagation };
}

/** The keys of a map entry's value (e.g. `deploy.resources.limits`). */
export function childEntries(model: ComposeModel, entry: Entry | undefined): Map<string, Entry> {
  if (!entry || !isMap(entry.value)) return new Map();
  const children = model.entriesOf(entry.value);
  if (entry.via === null) return children;
  // Inherited: report every child at the `<<` entry that brings the parent in.
  const out = new Map<string, Entry>();
  for (const [k, e] of children) out.set(k, e.reportedAt(entry.via, () => entry.range));
  return out;
}

/** Follows a path of keys through nested maps: `path(model, service.get('deploy'), 'resources', 'limits')`. */
export function path(model: ComposeModel, entry: Entry | undefined, ...keys: string[]): Entry | undefined {
  let cur = entry;
  for (const k of keys) {
    cur = childEntries(model, cur).get(k);
    if (!cur) return undefined;
  }
  return cur;
}

export { isMap, isSeq, isScalar, isPair, keyText };
