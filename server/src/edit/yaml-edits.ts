import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { keyText, type ComposeModel, type Service } from '../parse/compose';
import type { TextEdit } from '../core/types';

/**
 * Minimal text edits on a Compose file that keep comments, indentation, quoting and line endings.
 * Block and flow collections are both handled; new keys take their indentation from a sibling.
 */

function edit(model: ComposeModel, start: number, end: number, newText: string): TextEdit {
  return { range: model.index.range(start, end), newText };
}

function lineOf(model: ComposeModel, offset: number): number {
  return model.index.positionAt(offset).line;
}

function isFlow(node: Node | null | undefined): boolean {
  return (isMap(node) || isSeq(node)) && (node as YAMLMap | YAMLSeq).flow === true;
}

/** Offset where a value really ends (before trailing comments and blank lines). */
function valueEnd(node: Node | null | undefined, fallback: number): number {
  return node?.range ? node.range[1] : fallback;
}

/** Span of whole lines from `start`'s line to `end`'s line, including the final line break. */
function wholeLines(model: ComposeModel, start: number, end: number): [number, number] {
  const first = lineOf(model, start);
  const last = lineOf(model, Math.max(start, end - 1));
  const s = model.index.lineStart(first);
  const e = last + 1 < model.index.lineCount ? model.index.lineStart(last + 1) : model.index.lineEnd(last);
  if (e === model.index.lineEnd(last) && first > 0) return [model.index.lineEnd(first - 1), e];
  return [s, e];
}

/** Removes a pair from its map: its whole lines in a block map, the pair and one comma in a flow map. */
export function removePair(model: ComposeModel, map: YAMLMap, pair: Pair): TextEdit {
  const k = (pair.key as Node).range!;
  const end = valueEnd(pair.value as Node | null, k[1]);
  if (!map.flow) {
    const [s, e] = wholeLines(model, k[0], end);
    return edit(model, s, e, '');
  }
  return removeFlowItem(model, k[0], end);
}

/** Removes one item of a sequence: its `- item` lines in a block sequence, the item and a comma in a flow one. */
export function removeSeqItem(model: ComposeModel, seq: YAMLSeq, item: Node): TextEdit {
  const r = item.range!;
  if (!seq.flow) {
    const [s, e] = wholeLines(model, r[0], r[1]);
    return edit(model, s, e, '');
  }
  return removeFlowItem(model, r[0], r[1]);
}

function removeFlowItem(model: ComposeModel, start: number, end: number): TextEdit {
  const t = model.text;
  let e = end;
  while (e < t.length && /[ \t]/.test(t[e])) e++;
  if (t[e] === ',') {
    e++;
    while (e < t.length && /[ \t]/.test(t[e])) e++;
    return edit(model, start, e, '');
  }
  // Last item: remove the comma before it instead.
  let s = start;
  while (s > 0 && /[ \t\r\n]/.test(t[s - 1])) s--;
  if (t[s - 1] === ',') s--;
  return edit(model, s, end, '');
}

export function replaceNode(model: ComposeModel, node: Node, newText: string): TextEdit {
  const r = node.range!;
  return edit(model, r[0], r[1], newText);
}

const steps = new WeakMap<ComposeModel, number>();
const dashes = new WeakMap<ComposeModel, boolean>();

/** The indentation unit the file uses (2 by default). Computed once per model: rules ask for every service. */
export function indentStep(model: ComposeModel): number {
  let step = steps.get(model);
  if (step === undefined) steps.set(model, (step = findIndentStep(model)));
  return step;
}

function findIndentStep(model: ComposeModel): number {
  for (const s of model.services) {
    if (!s.map || s.map.flow) continue;
    const first = s.map.items[0];
    const k = (first?.key as Node | undefined)?.range;
    if (!k) continue;
    const child = model.index.positionAt(k[0]).character;
    const parent = model.index.positionAt((s.pair.key as Node).range![0]).character;
    if (child > parent) return child - parent;
  }
  return 2;
}

/** Whether block sequences in this file indent their dashes under the key (`key:\n  - a`) or not. */
function dashIndented(model: ComposeModel): boolean {
  let indented = dashes.get(model);
  if (indented === undefined) dashes.set(model, (indented = !/^([ \t]*)[\w.-]+:[ \t]*\r?\n\1-[ \t]/m.test(model.text)));
  return indented;
}

/**
 * Adds `key: value` lines (given without indentation; nested lines may use `\t` to mean one more
 * level) at the end of a service's mapping. Flow-style services get `, key: value` instead.
 */
export function addServiceEntries(model: ComposeModel, service: Service, lines: string[]): TextEdit | null {
  const map = service.map;
  const eol = model.index.eol;
  const step = ' '.repeat(indentStep(model));
  if (!map) return null;
  if (map.flow) {
    const close = map.range![1] - 1;
    const inline = lines.filter((l) => !l.startsWith('\t'));
    if (inline.length !== lines.length) return null;
    const sep = map.items.length > 0 ? ', ' : '';
    let s = close;
    while (s > 0 && /[ \t]/.test(model.text[s - 1])) s--;
    return edit(model, s, s, sep + inline.join(', '));
  }
  const last = map.items[map.items.length - 1];
  const keyCol = last ? model.index.positionAt((last.key as Node).range![0]).character : model.index.positionAt((service.pair.key as Node).range![0]).character + step.length;
  const indent = ' '.repeat(keyCol);
  const end = last ? valueEnd(last.value as Node | null, (last.key as Node).range![1]) : (service.pair.key as Node).range![1] + 1;
  const at = model.index.lineEnd(lineOf(model, Math.max(0, end - 1)));
  const text = lines.map((l) => eol + indent + l.replace(/^\t+/, (tabs) => step.repeat(tabs.length))).join('');
  return edit(model, at, at, text);
}

/** Text for a new list-valued key in block style, matching the file's dash indentation. */
export function blockList(model: ComposeModel, key: string, items: string[]): string[] {
  const pad = dashIndented(model) ? '\t' : '';
  return [`${key}:`, ...items.map((i) => `${pad}- ${i}`)];
}

/** Appends items to an existing sequence (block or flow). */
export function appendSeqItems(model: ComposeModel, seq: YAMLSeq, items: string[]): TextEdit {
  const eol = model.index.eol;
  if (seq.flow) {
    const close = seq.range![1] - 1;
    let s = close;
    while (s > 0 && /[ \t]/.test(model.text[s - 1])) s--;
    return edit(model, s, s, (seq.items.length > 0 ? ', ' : '') + items.join(', '));
  }
  const lastItem = seq.items[seq.items.length - 1] as Node;
  const r = lastItem.range!;
  const line = lineOf(model, r[0]);
  const lineText = model.index.lineText(line);
  const dash = lineText.indexOf('-');
  const indent = lineText.slice(0, Math.max(0, dash));
  const at = model.index.lineEnd(lineOf(model, Math.max(r[0], r[1] - 1)));
  return edit(model, at, at, items.map((i) => `${eol}${indent}- ${i}`).join(''));
}

/** The text of a scalar with the same quotes as an existing one: `'x'`, `"x"` or plain. */
export function quoteLike(model: ComposeModel, node: Node | null | undefined, value: string): string {
  const r = node?.range;
  const q = r ? model.text[r[0]] : '';
  if (q === '"') return JSON.stringify(value);
  if (q === "'") return `'${value.replace(/'/g, "''")}'`;
  return value;
}

export { isFlow };

// ---------------------------------------------------------------------------------------------
// Helpers for fixes that remove list items, merge into lists and maps, and add nested keys.

/** A value written as text, a list, or a nested map, for `addMapEntries`. */
export type YamlValue = string | readonly string[] | { readonly [key: string]: YamlValue };

/**
 * Whether a pair's value may be edited for the map that holds it: it is written there (not an
 * alias to an anchored node) and carries no anchor that other places could alias.
 */
export function ownValue(pair: Pair | undefined): boolean {
  const v = pair?.value as Node | null | undefined;
  if (!pair || isAlias(v)) return false;
  return !(v && (v as { anchor?: string }).anchor);
}

/** The item of a sequence as written (`- *x` stays the alias) whose resolved node is `resolved`. */
export function rawItem(model: ComposeModel, seq: YAMLSeq, resolved: Node): Node | null {
  for (const item of seq.items as Node[]) {
    if (item === resolved || model.resolve(item) === resolved) return item;
  }
  return null;
}

/** A map's own pair for a key (merge keys are not followed). */
export function ownPair(map: YAMLMap, key: string): Pair | undefined {
  return (map.items as Pair[]).find((p) => isPair(p) && keyText(p.key) === key);
}

/**
 * Removes one item of the collection under `pair` (a list item, or a pair of a nested map), or the
 * whole `pair` from `parent` when the item is the only one, so no empty key is left behind.
 * Null when the collection is shared through an alias or an anchor.
 */
export function removeItemOrKey(model: ComposeModel, parent: YAMLMap, pair: Pair, item: Node | Pair): TextEdit | null {
  const value = pair.value as Node | null;
  if (!ownValue(pair) || !(isSeq(value) || isMap(value))) return null;
  if (isMap(value) && !(isPair(item) && value.items.includes(item))) return null;
  if (value.items.length === 1) return removePair(model, parent, pair);
  if (isMap(value)) return removePair(model, value, item as Pair);
  const raw = isPair(item) ? null : rawItem(model, value, item);
  return raw ? removeSeqItem(model, value, raw) : null;
}

/** Renders entries as block lines (`\t` marks one more level) in the file's list style. */
function blockLines(model: ComposeModel, entries: Record<string, YamlValue>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(entries)) {
    if (typeof value === 'string') out.push(`${key}: ${value}`);
    else if (Array.isArray(value)) out.push(...blockList(model, key, value as string[]));
    else out.push(`${key}:`, ...blockLines(model, value as Record<string, YamlValue>).map((l) => '\t' + l));
  }
  return out;
}

function flowText(entries: Record<string, YamlValue>): string {
  return Object.entries(entries)
    .map(([key, value]) => {
      if (typeof value === 'string') return `${key}: ${value}`;
      if (Array.isArray(value)) return `${key}: [${value.join(', ')}]`;
      return `${key}: {${flowText(value as Record<string, YamlValue>)}}`;
    })
    .join(', ');
}

/**
 * Adds entries (nested maps and lists included) as the last pairs of a map: new lines at the
 * column of its keys in block style, `, key: value` before the `}` in flow style.
 */
export function addMapEntries(model: ComposeModel, map: YAMLMap, entries: Record<string, YamlValue>): TextEdit | null {
  if (!map.range || Object.keys(entries).length === 0) return null;
  if (map.flow) {
    const close = map.range[1] - 1;
    if (model.text[close] !== '}') return null;
    let at = close;
    while (at > 0 && /[ \t]/.test(model.text[at - 1])) at--;
    return edit(model, at, at, (map.items.length > 0 ? ', ' : '') + flowText(entries));
  }
  const first = map.items[0];
  const last = map.items[map.items.length - 1];
  const keyStart = (first?.key as Node | null | undefined)?.range?.[0];
  if (!last || keyStart === undefined) return null;
  const column = model.index.positionAt(keyStart).character;
  const lastKey = (last.key as Node).range![0];
  const end = model.index.offsetAt(model.pairRange(last).end);
  const at = model.index.lineEnd(lineOf(model, Math.max(lastKey, end - 1)));
  const step = ' '.repeat(indentStep(model));
  const text = blockLines(model, entries).map((l) => model.index.eol + ' '.repeat(column) + (l.charCodeAt(0) === 9 ? l.replace(/^\t+/, (tabs) => step.repeat(tabs.length)) : l));
  return edit(model, at, at, text.join(''));
}

/**
 * Adds items to the list under `key` of a map, in the list's style and quoting (flow, block, or a
 * single string turned into a flow list), skipping items already there; or adds the key with a
 * new list. Null when the list is inherited through a merge key or shared.
 */
export function addListItems(model: ComposeModel, map: YAMLMap, key: string, items: readonly string[]): TextEdit | null {
  const pair = ownPair(map, key);
  if (!pair) {
    if (model.entriesOf(map).has(key)) return null;
    return addMapEntries(model, map, { [key]: items });
  }
  if (!ownValue(pair)) return null;
  const value = pair.value as Node | null;
  const present = new Set(model.items(value).map((n) => String((n as { value?: unknown }).value)));
  if (isScalar(value) && value.value !== null) present.add(String(value.value));
  const fresh = items.filter((i) => !present.has(i));
  if (fresh.length === 0) return null;
  if (isSeq(value)) {
    if (!value.flow && value.items.length === 0) return null;
    const like = value.items[0] as Node | undefined;
    return appendSeqItems(model, value, fresh.map((i) => quoteLike(model, like, i)));
  }
  if (isScalar(value) && value.range) {
    const r = value.range;
    if (value.value === null || value.value === '') return edit(model, r[0], r[1], (r[0] === r[1] ? ' ' : '') + `[${fresh.join(', ')}]`);
    if (/[\r\n]/.test(model.text.slice(r[0], r[1]))) return null;
    return edit(model, r[0], r[1], `[${model.text.slice(r[0], r[1])}, ${fresh.map((i) => quoteLike(model, value, i)).join(', ')}]`);
  }
  return null;
}
