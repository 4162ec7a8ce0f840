import { entryOf } from '../core/entry';
/**
 * The `--mount` syntax of `docker run` and of Dev Container `mounts` strings:
 * `type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock,readonly`. Keys are
 * case-insensitive, `src`/`dst`/`destination`/`ro` are aliases, and each option keeps its offsets
 * inside the spec so a finding can underline the `source=...` part.
 */

export interface MountOption {
  key: string;
  value: string;
  /** Offsets of `key=value` inside the spec. */
  start: number;
  end: number;
}

export interface MountSpec {
  /** `bind`, `volume`, `tmpfs`...; `volume` when not given (Docker's default). */
  type: string;
  source: MountOption | null;
  target: MountOption | null;
  readOnly: boolean;
  options: MountOption[];
}

const ALIASES: Record<string, string> = { src: 'source', dst: 'target', destination: 'target', ro: 'readonly' };

export function parseMountSpec(spec: string): MountSpec {
  const options: MountOption[] = [];
  let at = 0;
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    const rawKey = (eq >= 0 ? part.slice(0, eq) : part).trim().toLowerCase();
    const value = eq >= 0 ? part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1') : '';
    const lead = part.length - part.trimStart().length;
    const trail = part.length - part.trimEnd().length;
    if (rawKey !== '') options.push({ key: entryOf(ALIASES, rawKey) ?? rawKey, value, start: at + lead, end: at + part.length - trail });
    at += part.length + 1;
  }
  const get = (key: string) => [...options].reverse().find((o) => o.key === key) ?? null;
  const ro = get('readonly');
  return {
    type: (get('type')?.value || 'volume').toLowerCase(),
    source: get('source'),
    target: get('target'),
    readOnly: ro !== null && !/^(false|0)$/i.test(ro.value),
    options,
  };
}
