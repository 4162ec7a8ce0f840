import { matchesAny } from '../core/glob';
import { stageChain, type DfInstruction, type DockerfileModel, type Stage } from '../parse/dockerfile';
import { runsAsNonRoot } from './image-defaults';
import { WINDOWS_IMAGE } from './windows';
import type { ImageRef } from '../parse/image-ref';

/** `root`, `0`, `root:root`, `0:0`, `root:wheel`... */
export function isRootUser(spec: string): boolean {
  const user = spec.trim().split(':')[0];
  return user === 'root' || user === '0';
}

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

/**
 * Who runs an instruction of a stage: the last `USER` before it (in its stage, then in the stages it
 * builds on), else the base image's user (root, unless the image is known to run as another user).
 * `unknown` when a USER or the base image depends on a variable, or the base is a Windows image.
 */
export function userAt(model: DockerfileModel, instr: DfInstruction): 'root' | 'non-root' | 'unknown' {
  const stage = instr.stage;
  if (!stage) return 'unknown';
  const chain = stageChain(stage);
  for (const [n, s] of chain.entries()) {
    const users = s.instructions.filter((i) => i.keyword === 'USER' && (n > 0 || i.range.start.line < instr.range.start.line));
    const last = users[users.length - 1];
    if (!last) continue;
    const arg = last.args[0];
    if (!arg) return 'unknown';
    const r = model.resolve(arg.value, last);
    if (r.unresolved.length > 0 || r.value.includes('$')) return 'unknown';
    return isRootUser(r.value) ? 'root' : 'non-root';
  }
  const base = chain[chain.length - 1];
  if (base.unresolved.length > 0 || !base.image) return 'unknown';
  if (WINDOWS_IMAGE.test(base.image.text)) return 'unknown';
  return runsAsNonRoot(base.image) ? 'non-root' : 'root';
}
