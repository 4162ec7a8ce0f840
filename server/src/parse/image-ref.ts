/**
 * Image references as written in `FROM`, `COPY --from`, `RUN --mount from=` and Compose `image:`.
 * Follows the distribution reference grammar closely enough for linting:
 * `[registry[:port]/]path[:tag][@digest]`; a first component is a registry when it contains
 * a `.` or a `:` or is `localhost`; otherwise the image lives on Docker Hub.
 */
export interface ImageRef {
  /** The reference as analysed (after variable substitution). */
  text: string;
  /** The registry host as written, or null for an implicit Docker Hub name. */
  registry: string | null;
  /** The registry with Docker Hub made explicit: `docker.io`. */
  effectiveRegistry: string;
  /** The repository path without registry, tag or digest: `library/nginx` is written `nginx`. */
  repository: string;
  /** The last path component: `nginx`, `python`, `node`. */
  name: string;
  tag: string | null;
  digest: string | null;
  /** Offsets of the tag and digest inside `text` (without the `:`/`@`), or -1. */
  tagStart: number;
  digestStart: number;
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export function parseImageRef(text: string): ImageRef {
  let rest = text;
  let digest: string | null = null;
  let digestStart = -1;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    digestStart = at + 1;
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  let tagStart = -1;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    tagStart = colon + 1;
    rest = rest.slice(0, colon);
  }
  let registry: string | null = null;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  const lower = registry?.toLowerCase() ?? null;
  const effectiveRegistry = lower === null || DOCKER_HUB.has(lower) ? 'docker.io' : lower;
  let repository = rest;
  if (effectiveRegistry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  const name = rest.slice(rest.lastIndexOf('/') + 1);
  return { text, registry, effectiveRegistry, repository, name, tag, digest, tagStart, digestStart };
}

/** True when the repository is an official Docker Hub image with this name (`node`, `library/node`, `docker.io/node`). */
export function isOfficialImage(ref: ImageRef, names: ReadonlySet<string> | string): boolean {
  if (ref.effectiveRegistry !== 'docker.io' || !ref.repository.startsWith('library/')) return false;
  return typeof names === 'string' ? ref.name === names : names.has(ref.name);
}
