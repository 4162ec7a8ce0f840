import { entryOf } from '../core/entry';
import type { ImageRef } from '../parse/image-ref';
import { knownImage } from './base-images';
import { runsAsNonRoot } from './image-defaults';

/**
 * Which user a Dev Container image runs its tools as when the configuration names none. The
 * Dev Containers images (`mcr.microsoft.com/devcontainers/*`, formerly `.../vscode/devcontainers/*`)
 * carry a `devcontainer.metadata` label whose `remoteUser` is a non-root user (`vscode`, `node` for
 * the Node.js images, `codespace` for `universal`), so a configuration built on them is not root
 * even though their Dockerfile-level USER is. Distribution, runtime and toolchain images (Docker's
 * official ones, Rocky, Alma, Red Hat UBI, the Microsoft base OS images) have no such user
 * configured and run as root.
 */

export type ImageUser = { kind: 'non-root'; user: string } | { kind: 'root'; nonRootUser: string | null } | { kind: 'unknown' };

const DEVCONTAINER_REPO = /^(?:vscode\/)?devcontainers\/([a-z0-9._-]+)/;

/** The non-root user the Dev Containers image's metadata selects. */
function devcontainerImageUser(ref: ImageRef): string | null {
  if (ref.effectiveRegistry !== 'mcr.microsoft.com') return null;
  const m = DEVCONTAINER_REPO.exec(ref.repository);
  if (!m) return null;
  if (m[1] === 'javascript-node' || m[1] === 'typescript-node') return 'node';
  if (m[1] === 'universal') return 'codespace';
  return 'vscode';
}

/** Official images that ship an unprivileged user, without running as it by default. */
const BUILT_IN_USER: Record<string, string> = { node: 'node' };

const ROOT_IMAGES = /^mcr\.microsoft\.com\/(?:cbl-mariner|azurelinux)\/base\/core$/;

export function imageUser(ref: ImageRef): ImageUser {
  const dev = devcontainerImageUser(ref);
  if (dev) return { kind: 'non-root', user: dev };
  // Images known to run as a non-root user of their own (image-defaults.ts: Jenkins, Grafana, Bitnami...).
  const own = runsAsNonRoot(ref)?.user;
  if (own) return { kind: 'non-root', user: own };
  const known = knownImage(ref);
  // Distributions, language runtimes and toolchains start as root (servers drop privileges themselves).
  if (known && known.kind !== 'server' && known.kind !== 'docker') return { kind: 'root', nonRootUser: entryOf(BUILT_IN_USER, known.name) ?? null };
  if (ROOT_IMAGES.test(`${ref.effectiveRegistry}/${ref.repository}`)) return { kind: 'root', nonRootUser: null };
  return { kind: 'unknown' };
}

/** The non-root user to put in `remoteUser` instead of root, when the image is known to have one. */
export function nonRootUserOf(ref: ImageRef): string | null {
  const u = imageUser(ref);
  return u.kind === 'non-root' ? u.user : u.kind === 'root' ? u.nonRootUser : null;
}
