import type { Range } from '../core/types';
import type { DevcontainerModel, JsonProperty } from '../parse/devcontainer';

/**
 * Dev Container Features that change what the container may do on the host. Each Feature ships
 * metadata the tools merge into the configuration: the official `docker-in-docker` Feature sets
 * `"privileged": true` (it starts its own Docker daemon), `docker-outside-of-docker` (formerly
 * `docker-from-docker`) bind-mounts the host's `/var/run/docker.sock`. Ids are matched in the forms
 * the tools accept: `ghcr.io/devcontainers/features/<name>:<version>` (or `@sha256:...`), the
 * legacy short `<name>`, and the same name published by the community `devcontainers-extra`
 * (formerly `devcontainers-contrib`) collections.
 */

export type FeatureEffect = 'privileged' | 'socket';

export interface FeatureUse {
  /** The id as written (`ghcr.io/devcontainers/features/docker-in-docker:2`). */
  id: string;
  /** The Feature's name (`docker-in-docker`). */
  name: string;
  effect: FeatureEffect;
  property: JsonProperty;
  /** The key of the Feature in `features`. */
  range: Range;
}

const EFFECTS: Record<string, FeatureEffect> = {
  'docker-in-docker': 'privileged',
  'docker-outside-of-docker': 'socket',
  'docker-from-docker': 'socket',
};

/** The publishers whose Features of these names do what the official ones do. */
const PUBLISHERS = /^(?:ghcr\.io\/(?:devcontainers|devcontainers-extra|devcontainers-contrib)\/features\/)?$/;

/** The Feature name of an id, when it is one of ours: `ghcr.io/devcontainers/features/docker-in-docker:2` -> `docker-in-docker`. */
export function featureName(id: string): string | null {
  const bare = id.trim().replace(/@sha256:[0-9a-f]{0,64}$/i, '').replace(/:[\w.-]{1,64}$/, '');
  const slash = bare.lastIndexOf('/');
  const name = bare.slice(slash + 1);
  if (!PUBLISHERS.test(bare.slice(0, slash + 1))) return null;
  return Object.hasOwn(EFFECTS, name) ? name : null;
}

/** The Features of a configuration that grant host access. */
export function riskyFeatures(model: DevcontainerModel): FeatureUse[] {
  const out: FeatureUse[] = [];
  for (const [id, property] of model.properties(model.get('features')?.value)) {
    const name = featureName(id);
    if (!name) continue;
    // `"docker-in-docker": false` (the legacy form) turns the Feature off.
    if (property.value?.type === 'boolean' && property.value.value === false) continue;
    out.push({ id, name, effect: EFFECTS[name], property, range: property.keyRange });
  }
  return out;
}
