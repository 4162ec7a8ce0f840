import type { Range } from '../core/types';
import { parseShortVolume } from '../parse/compose-values';
import type { DevcontainerModel, JsonNode } from '../parse/devcontainer';
import { hostPathText, mountEntries } from '../parse/devcontainer-values';
import { parseMountSpec } from '../parse/mount-spec';
import { hostPathOf, type HostPath } from './host-paths';
import { runOptions, type RunOption } from './docker-run';

/**
 * Every host path a dev container mounts: `mounts` items (string or object form) and the
 * `-v`/`--volume`/`--mount` options of `runArgs`, with the source normalised as a host path
 * (`${localEnv:HOME}` is the user's home, `${localWorkspaceFolder}` the project).
 */
export interface DevcontainerMount {
  type: string;
  /** The source as written. */
  source: string;
  /** The source as a host path; null for volumes, relative and project paths. */
  host: HostPath | null;
  readOnly: boolean;
  /** Where to report: the `mounts` item, or the option from its flag to its value. */
  range: Range;
  /** Where it comes from, for fixes. */
  origin: { from: 'mounts'; node: JsonNode } | { from: 'runArgs'; option: RunOption };
}

export function devcontainerMounts(model: DevcontainerModel): DevcontainerMount[] {
  const out: DevcontainerMount[] = [];
  for (const m of mountEntries(model)) {
    const source = m.spec.source?.value;
    if (!source) continue;
    out.push({ type: m.spec.type, source, host: bindHost(m.spec.type, source), readOnly: m.spec.readOnly, range: m.range, origin: { from: 'mounts', node: m.node } });
  }
  for (const option of runOptions(model)) {
    if (option.value === null) continue;
    let type: string;
    let source: string | null;
    let readOnly: boolean;
    if (option.name === '--volume') {
      const v = parseShortVolume(hostPathText(option.value));
      type = v.type;
      // `-v ${localEnv:HOME}/.ssh:/x`: messages show the source as written.
      source = v.source === null ? null : writtenSource(option.value);
      readOnly = v.readOnly;
    } else if (option.name === '--mount') {
      const spec = parseMountSpec(option.value);
      type = spec.type;
      source = spec.source?.value ?? null;
      readOnly = spec.readOnly;
    } else {
      continue;
    }
    if (!source) continue;
    out.push({ type, source, host: bindHost(type, source), readOnly, range: model.range(option.start, option.end), origin: { from: 'runArgs', option } });
  }
  return out;
}

function bindHost(type: string, source: string): HostPath | null {
  return type === 'bind' || type === 'npipe' ? hostPathOf(hostPathText(source)) : null;
}

/** The source part of a `-v` value as written: up to the `:` before the target (a Windows drive's colon and `${...}` are skipped). */
function writtenSource(value: string): string {
  let depth = 0;
  for (let i = /^[A-Za-z]:[\\/]/.test(value) ? 2 : 0; i < value.length; i++) {
    if (value[i] === '{') depth++;
    else if (value[i] === '}') depth = Math.max(0, depth - 1);
    else if (value[i] === ':' && depth === 0) return value.slice(0, i);
  }
  return value;
}
