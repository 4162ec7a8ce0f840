import type { Range } from '../core/types';
import type { DevcontainerModel, JsonNode, JsonProperty } from './devcontainer';
import { parseMountSpec, type MountSpec } from './mount-spec';
import type { ShellWord } from './shell';

/**
 * Normalised views of the Dev Container settings that have several spellings: `runArgs` as
 * command-line words (one flag per item, or several in one item), `mounts` in string or object
 * form. Every value keeps the offsets where it is written.
 */

/** A word of `runArgs`: a whole array item, or one whitespace-separated part of an item that starts with `-`. */
export interface RunArgWord extends ShellWord {
  item: JsonNode;
  /** The word is the whole item (no other word shares it). */
  whole: boolean;
}

/** Per-model cache of the views (the model is parsed once per lint). */
const cache = new WeakMap<DevcontainerModel, Map<string, unknown>>();
function cached<T>(model: DevcontainerModel, key: string, compute: () => T): T {
  let store = cache.get(model);
  if (!store) cache.set(model, (store = new Map()));
  if (!store.has(key)) store.set(key, compute());
  return store.get(key) as T;
}

/**
 * The words of `runArgs`. The Dev Containers tools pass each item to `docker run` as one argument;
 * an item that holds a flag and its value (`"--cap-add SYS_ADMIN"`) or several flags is split on
 * whitespace so each flag is seen, except that the rest of the item after a flag that takes a
 * value is that value (`"--device-cgroup-rule a *:* rwm"`). An item that follows a flag is kept
 * whole, since it is that flag's value (`"-e", "GIT_EDITOR=code --wait"`).
 */
export function runArgWords(model: DevcontainerModel, takesValue: (flag: string) => boolean): RunArgWord[] {
  return cached(model, 'runArgs', () => {
    const out: RunArgWord[] = [];
    for (const item of model.items(model.get('runArgs')?.value)) {
      const span = model.string(item);
      if (!span) continue;
      const value = span.value;
      const parts = value.startsWith('-') ? [...value.matchAll(/\S+/g)] : [];
      if (parts.length <= 1) {
        out.push({ value, start: item.offset, end: item.offset + item.length, quoted: true, expands: value.includes('$'), item, whole: true });
        continue;
      }
      for (let k = 0; k < parts.length; k++) {
        const m = parts[k];
        const from = m.index!;
        // The rest of the item is the value of a flag written without `=`.
        const rest = k > 0 && parts[k - 1][0].startsWith('-') && !parts[k - 1][0].includes('=') && takesValue(parts[k - 1][0]);
        const to = rest ? value.trimEnd().length : from + m[0].length;
        out.push({ value: value.slice(from, to), start: span.at(from), end: span.at(to), quoted: false, expands: value.slice(from, to).includes('$'), item, whole: false });
        if (rest) break;
      }
    }
    return out;
  });
}

export interface MountEntry {
  /** The item of `mounts`. */
  node: JsonNode;
  spec: MountSpec;
  /** Where to report: the whole item. */
  range: Range;
  /** The `source=...` option (string form) or the `source` property (object form), when written. */
  sourceRange: Range | null;
}

/** `mounts`: `"source=...,target=...,type=bind"` strings and `{source, target, type}` objects. */
export function mountEntries(model: DevcontainerModel): MountEntry[] {
  return cached(model, 'mounts', () => {
    const out: MountEntry[] = [];
    for (const node of model.items(model.get('mounts')?.value)) {
      const span = model.string(node);
      if (span) {
        const spec = parseMountSpec(span.value);
        const src = spec.source;
        out.push({ node, spec, range: model.rangeOf(node), sourceRange: src ? model.range(span.at(src.start), span.at(src.end)) : null });
      } else if (node.type === 'object') {
        const props = model.properties(node);
        const text = (k: string) => model.stringValue(props.get(k)?.value);
        const source = text('source');
        const target = text('target');
        const option = (key: string, value: string | null) => (value === null ? null : { key, value, start: 0, end: 0 });
        const spec: MountSpec = { type: (text('type') ?? 'volume').toLowerCase(), source: option('source', source), target: option('target', target), readOnly: false, options: [] };
        out.push({ node, spec, range: model.rangeOf(node), sourceRange: props.get('source')?.range ?? null });
      }
    }
    return out;
  });
}

/** A string property of the configuration and its range. */
export function stringProperty(model: DevcontainerModel, ...path: string[]): { value: string; property: JsonProperty; range: Range } | null {
  const property = model.path(...path);
  const value = model.stringValue(property?.value);
  return property && value !== null ? { value, property, range: model.rangeOf(property.value!) } : null;
}

/** A boolean property (`"privileged": true`); null when absent or not a boolean. */
export function booleanProperty(model: DevcontainerModel, key: string): { value: boolean; property: JsonProperty } | null {
  const property = model.get(key);
  const v = property?.value;
  return property && v?.type === 'boolean' ? { value: v.value === true, property } : null;
}

/**
 * Where a Dev Container variable stands for the user's home (`${localEnv:HOME}`,
 * `${localEnv:USERPROFILE}`, both together as the templates write it) it becomes `~`; other
 * `${localEnv:X}` become `${X}` (unknown to the analysis); `${localWorkspaceFolder}` is the project.
 */
export function hostPathText(source: string): string {
  return source
    .replace(/^(?:\$\{localEnv:(?:HOME|USERPROFILE)(?::[^}]*)?\}){1,2}(?=[\\/]|$)/, '~')
    .replace(/^\$\{localWorkspaceFolder\}/, '.')
    .replace(/\$\{(?:localEnv|containerEnv):([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?\}/g, '${$1}')
    .replace(/\$\{(?:localWorkspaceFolderBasename|containerWorkspaceFolder|containerWorkspaceFolderBasename|devcontainerId)\}/g, 'x');
}
