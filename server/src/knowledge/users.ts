import { matchesAny } from '../core/glob';
import { stageChain, type DfInstruction, type Stage } from '../parse/dockerfile';
import type { ImageRef } from '../parse/image-ref';

/** `root`, `0`, `root:root`, `0:0`, `root:wheel`... */
export function isRootUser(spec: string): boolean {
  const user = spec.trim().split(':')[0];
  return user === 'root' || user === '0';
}

/** Windows base images have no `useradd`/root semantics; user rules skip them. */
export const WINDOWS_BASE = /(^|\/)(windows|nanoserver|servercore)([/:-]|$)|windowsservercore|nanoserver/i;

/** The last USER instruction that applies to a stage, following `FROM <earlier stage>` chains. */
export function lastUser(stage: Stage): DfInstruction | undefined {
  for (const s of stageChain(stage)) {
    const users = s.instructions.filter((i) => i.keyword === 'USER');
    if (users.length > 0) return users[users.length - 1];
  }
  return undefined;
}

/** Base images (globs on `registry/repository:tag`) whose image config already runs a non-root user. */
export const NON_ROOT_IMAGES: readonly string[] = [
  'gcr.io/distroless/*:nonroot',
  'gcr.io/distroless/*:*-nonroot',
  'gcr.io/distroless/*/*:nonroot',
  'gcr.io/distroless/*/*:*-nonroot',
];

/** Whether an image matches a glob written with its registry (`docker.io/library/x:tag`) or as usually typed (`x:tag`). */
export function imageMatchesAny(image: ImageRef, globs: readonly string[]): boolean {
  const repo = image.repository.replace(/^library\//, '');
  const tag = image.tag ?? 'latest';
  const full = `${image.effectiveRegistry}/${repo}:${tag}`;
  const short = `${image.registry ? image.registry + '/' : ''}${repo}:${tag}`;
  return matchesAny(full, globs) || matchesAny(short, globs);
}
