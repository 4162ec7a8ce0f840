import type { TextEdit } from '../core/types';
import { removeChildren, removeWordsInString } from '../edit/json-edits';
import type { DevcontainerModel, JsonNode } from '../parse/devcontainer';
import type { RunArgWord } from '../parse/devcontainer-values';
import type { DevcontainerMount } from '../knowledge/devcontainer-mounts';
import { dockerRunWords, type RunOption } from '../knowledge/docker-run';

/**
 * Removes `docker run` options from a Dev Container's `runArgs`: the array items that hold only
 * them (a flag and its value item together), or the words inside an item that holds other flags too.
 */
export function removeRunOptions(model: DevcontainerModel, options: readonly RunOption[]): TextEdit[] {
  const words = new Set<RunArgWord>(options.flatMap((o) => o.words));
  const array = model.get('runArgs')?.value;
  if (!array || array.type !== 'array') return [];
  const wholeItems: JsonNode[] = [];
  const partial = new Map<JsonNode, RunArgWord[]>();
  for (const w of words) {
    if (w.whole) wholeItems.push(w.item);
    else partial.set(w.item, [...(partial.get(w.item) ?? []), w]);
  }
  const byItem = wordsByItem(model);
  for (const [item, gone] of partial) {
    if ((byItem.get(item) ?? []).every((w) => gone.includes(w))) wholeItems.push(item);
  }
  const edits = removeChildren(model, array, wholeItems);
  for (const [item, gone] of partial) {
    if (wholeItems.includes(item)) continue;
    edits.push(...removeWordsInString(model, item, gone, byItem.get(item) ?? []));
  }
  return edits;
}

/** The words of each `runArgs` item, computed once per model. */
const wordCache = new WeakMap<DevcontainerModel, Map<JsonNode, RunArgWord[]>>();
function wordsByItem(model: DevcontainerModel): Map<JsonNode, RunArgWord[]> {
  let m = wordCache.get(model);
  if (!m) {
    m = new Map();
    for (const w of dockerRunWords(model)) m.set(w.item, [...(m.get(w.item) ?? []), w]);
    wordCache.set(model, m);
  }
  return m;
}

/** Removes a dev container mount: its `mounts` item, or its `runArgs` option. */
export function removeDevcontainerMount(model: DevcontainerModel, mount: DevcontainerMount): TextEdit[] {
  if (mount.origin.from === 'runArgs') return removeRunOptions(model, [mount.origin.option]);
  const array = model.get('mounts')?.value;
  return array ? removeChildren(model, array, [mount.origin.node]) : [];
}
