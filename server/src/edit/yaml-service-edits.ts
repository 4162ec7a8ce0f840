import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { ComposeModel, Service } from '../parse/compose';
import type { TextEdit } from '../core/types';
import { samePosition } from '../core/positions';
import { addMapEntries, ownPair, ownValue, removeItemOrKey, removePair, type YamlValue } from './yaml-edits';

/**
 * Compose edits built on `yaml-edits.ts` for fixes that touch one service: removing its own
 * entries and list items (never inherited or shared ones), adding keys under nested maps
 * (`deploy.resources.limits`), and joining the insertions of one fix into a single edit.
 */

/**
 * The pair at a path of keys below a map (`deploy` > `resources` > `limits` > `memory`) when every
 * map on the way is written in place: undefined when one is missing, an alias or anchored.
 */
export function ownPairAt(map: YAMLMap, path: readonly string[]): Pair | undefined {
  let current: Node = map;
  let pair: Pair | undefined;
  for (const key of path) {
    if (!isMap(current)) return undefined;
    pair = ownPair(current, key);
    if (!pair || !ownValue(pair)) return undefined;
    current = pair.value as Node;
  }
  return pair;
}

/**
 * Adds entries under a path of nested maps (`deploy` > `resources` > `limits`), creating the maps
 * that are missing and merging into those that exist. Null when a map on the way is inherited
 * through a merge key, shared through an alias or anchor, or not a map.
 */
export function addNestedEntries(model: ComposeModel, map: YAMLMap, path: readonly string[], entries: Record<string, YamlValue>): TextEdit | null {
  let current = map;
  for (let i = 0; i < path.length; i++) {
    const pair = ownPair(current, path[i]);
    if (!pair) {
      if (model.entriesOf(current).has(path[i])) return null;
      let nested: Record<string, YamlValue> = entries;
      for (const key of path.slice(i + 1).reverse()) nested = { [key]: nested };
      return addMapEntries(model, current, { [path[i]]: nested });
    }
    if (!ownValue(pair) || !isMap(pair.value)) return null;
    current = pair.value;
  }
  const own = model.entriesOf(current);
  const missing = Object.fromEntries(Object.entries(entries).filter(([k]) => !own.has(k)));
  return addMapEntries(model, current, missing);
}

/**
 * Removes a service's own `key: value` entry. Null when the entry is inherited through a merge key
 * or the service's map is shared (an alias, an anchor other services merge).
 */
export function removeServiceEntry(model: ComposeModel, service: Service, entry: { pair: Pair; via: Pair | null }): TextEdit | null {
  if (entry.via !== null || !service.map || !ownValue(service.pair) || !service.map.items.includes(entry.pair)) return null;
  return removePair(model, service.map, entry.pair);
}

/**
 * Removes one item (a resolved list item, or a nested map's pair) of a service's own `key` entry,
 * or the whole entry when the item is its only one or the value is a single string. `together`
 * lists every item the caller removes from the same entry (one fix each): when they are all its
 * items, each fix removes the whole entry, so applying them all leaves no empty key behind.
 * Null when the entry is inherited or shared.
 */
export function removeServiceItem(
  model: ComposeModel,
  service: Service,
  entry: { pair: Pair; via: Pair | null },
  item: Node | Pair,
  together: readonly (Node | Pair)[] = [item],
): TextEdit | null {
  if (entry.via !== null || !service.map || !ownValue(service.pair) || !service.map.items.includes(entry.pair)) return null;
  const value = entry.pair.value;
  if (isScalar(value)) return removePair(model, service.map, entry.pair);
  const all = isSeq(value) ? value.items.every((i) => together.some((t) => t === i || (!isPair(t) && model.resolve(i) === t))) : isMap(value) && value.items.every((p) => together.includes(p));
  if (all && ownValue(entry.pair)) return removePair(model, service.map, entry.pair);
  return removeItemOrKey(model, service.map, entry.pair, item);
}

/**
 * Joins insertions at the same position into one edit, in the order given, so a fix that adds
 * several things at one place (a list item and a new key after it) is a single, ordered edit.
 */
export function joinInsertions(edits: readonly (TextEdit | null)[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    if (!e) continue;
    const same = isInsertion(e) ? out.find((o) => isInsertion(o) && samePosition(o.range.start, e.range.start)) : undefined;
    if (same) same.newText += e.newText;
    else out.push({ range: e.range, newText: e.newText });
  }
  return out;
}

function isInsertion(e: TextEdit): boolean {
  return samePosition(e.range.start, e.range.end);
}
