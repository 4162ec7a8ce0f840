import type { ImageRef } from '../parse/image-ref';

/**
 * How firmly an image reference pins what it pulls. A digest pins the content; a version tag
 * pins it by convention; no tag means `latest`; and some named tags move by design
 * (`stable`, `edge`, `lts-alpine`, `nightly`). A major-only tag such as `node:22` is accepted:
 * it moves within one major release line, which is usually what people mean to follow.
 */
export type TagProblem = 'untagged' | 'latest' | 'floating';

/** Tags that name a release channel rather than a release. */
export const MOVING_TAGS: ReadonlySet<string> = new Set([
  'latest', 'stable', 'edge', 'lts', 'current', 'nightly', 'rolling', 'mainline', 'devel', 'dev', 'beta', 'canary',
  'test', 'testing', 'unstable',
]);

/**
 * The pinning problem of an image reference, or null when it has a digest or a specific tag.
 * An invalid repository name (upper case, as in the placeholder `REPLACE-ME`) is not judged.
 */
export function tagProblem(ref: ImageRef): TagProblem | null {
  if (ref.digest !== null || /[A-Z]/.test(ref.repository)) return null;
  if (ref.tag === null || ref.tag === '') return 'untagged';
  const tag = ref.tag.toLowerCase();
  if (tag === 'latest') return 'latest';
  if (MOVING_TAGS.has(tag) || MOVING_TAGS.has(tag.split('-')[0])) return 'floating';
  return null;
}
