import { entryOf } from '../core/entry';
import { isOfficialImage, type ImageRef } from '../parse/image-ref';

/**
 * What a base image is: a full Linux distribution, a language runtime, a build toolchain, a
 * server, or Docker itself, and which end-of-life product (see `eol-data.ts`) its tag versions.
 * Shared by the end-of-life, Docker-in-Docker, minimal-base-image and multi-stage-build rules,
 * so each kind of image is judged by exactly one of them.
 */

export type BaseKind = 'os' | 'runtime' | 'toolchain' | 'server' | 'docker';

export interface KnownImage {
  /** The image name as people write it: `python`, `ubi8/ubi`, `distroless/static-debian12`. */
  name: string;
  kind: BaseKind;
  /** The `eol-data.ts` product whose release cycle the tag names. */
  product?: string;
  /** For images whose repository name carries the cycle (`ubi8`, `static-debian11`): that cycle. */
  cycle?: string;
  /** Tag prefix before the version (`centos7`). */
  prefix?: string;
}

const OFFICIAL: Readonly<Record<string, Omit<KnownImage, 'name'>>> = {
  debian: { kind: 'os', product: 'debian' },
  ubuntu: { kind: 'os', product: 'ubuntu' },
  alpine: { kind: 'os', product: 'alpine' },
  centos: { kind: 'os', product: 'centos', prefix: 'centos' },
  rockylinux: { kind: 'os', product: 'rocky-linux' },
  almalinux: { kind: 'os', product: 'almalinux' },
  fedora: { kind: 'os', product: 'fedora' },
  amazonlinux: { kind: 'os', product: 'amazon-linux' },
  oraclelinux: { kind: 'os' },
  busybox: { kind: 'os' },
  node: { kind: 'runtime', product: 'nodejs' },
  python: { kind: 'runtime', product: 'python' },
  ruby: { kind: 'runtime', product: 'ruby' },
  php: { kind: 'runtime', product: 'php' },
  perl: { kind: 'runtime' },
  openjdk: { kind: 'runtime' },
  'eclipse-temurin': { kind: 'runtime', product: 'eclipse-temurin' },
  amazoncorretto: { kind: 'runtime', product: 'amazon-corretto' },
  golang: { kind: 'toolchain', product: 'go' },
  rust: { kind: 'toolchain' },
  gcc: { kind: 'toolchain' },
  maven: { kind: 'toolchain' },
  gradle: { kind: 'toolchain' },
  'buildpack-deps': { kind: 'toolchain' },
  nginx: { kind: 'server', product: 'nginx' },
  httpd: { kind: 'server', product: 'apache-http-server' },
  postgres: { kind: 'server', product: 'postgresql' },
  redis: { kind: 'server', product: 'redis' },
  mysql: { kind: 'server', product: 'mysql' },
  mariadb: { kind: 'server', product: 'mariadb' },
  mongo: { kind: 'server', product: 'mongodb' },
  docker: { kind: 'docker', product: 'docker-engine' },
};

/** Docker Hub repositories of distribution projects that mirror the official image. */
const ORG_REPOS: Readonly<Record<string, string>> = {
  'rockylinux/rockylinux': 'rockylinux',
  'almalinux/almalinux': 'almalinux',
  'opensuse/leap': '',
  'opensuse/tumbleweed': '',
};

const REDHAT_REGISTRIES = new Set(['registry.access.redhat.com', 'registry.redhat.io', 'docker.io']);

/** The kind and end-of-life product of a well-known image, or null for anything else. */
export function knownImage(ref: ImageRef): KnownImage | null {
  const repo = ref.repository.toLowerCase();
  const name = ref.name.toLowerCase();
  const official = isOfficialImage(ref, name) ? entryOf(OFFICIAL, name) : undefined;
  if (official) return { name, ...official };
  if (ref.effectiveRegistry === 'docker.io' && Object.hasOwn(ORG_REPOS, repo)) {
    const same = ORG_REPOS[repo];
    return same ? { name: repo, ...OFFICIAL[same] } : { name: repo, kind: 'os' };
  }
  // Red Hat Universal Base Images: registry.access.redhat.com/ubi8/ubi-minimal, redhat/ubi9.
  const ubi = /^(?:redhat\/)?ubi(\d{1,2})(?:\/([a-z0-9-]{1,40}))?$/.exec(repo);
  if (ubi && REDHAT_REGISTRIES.has(ref.effectiveRegistry)) return { name: repo, kind: 'os', product: 'rhel', cycle: ubi[1] };
  // Distroless: gcr.io/distroless/static-debian11, gcr.io/distroless/python3-debian12.
  const distroless = /^distroless\/([a-z0-9]{1,20}(?:-[a-z0-9]{1,20}){0,3})-debian(\d{1,2})$/.exec(repo);
  if (distroless && ref.effectiveRegistry === 'gcr.io') return { name: repo, kind: 'os', product: 'debian', cycle: distroless[2] };
  return null;
}

/** The words of a tag: `3.12-slim-bookworm` → `3.12`, `slim`, `bookworm`. */
export function tagWords(tag: string | null): string[] {
  return tag ? tag.toLowerCase().split('-') : [];
}

const WINDOWS = /^(windowsservercore|nanoserver|ltsc\d{4})/;

/** True for variants that are already small: `-slim`, `-alpine`, `-minimal`, `-micro`, busybox, Windows images (not judged). */
export function isMinimalVariant(ref: ImageRef, image: KnownImage): boolean {
  if (image.name === 'alpine' || image.name === 'busybox') return true;
  if (/^(?:redhat\/)?ubi\d{1,2}\/ubi-(minimal|micro)$/.test(image.name) || image.name.startsWith('distroless/')) return true;
  return tagWords(ref.tag).some((w) => w === 'slim' || w.startsWith('alpine') || w === 'minimal' || w === 'micro' || w === 'busybox' || WINDOWS.test(w));
}

/** Java images whose tag names the JDK (or nothing, which means the JDK) rather than a JRE. */
function isJdk(ref: ImageRef): boolean {
  return !tagWords(ref.tag).some((w) => w.startsWith('jre'));
}

/**
 * A final image that is a build toolchain: compilers and SDK images (golang, rust, gcc, maven,
 * gradle, buildpack-deps, the .NET SDK) and JDK images of openjdk / eclipse-temurin.
 */
export function isToolchainImage(ref: ImageRef): boolean {
  const image = knownImage(ref);
  if (image?.kind === 'toolchain') return true;
  if (image && (image.name === 'openjdk' || image.name === 'eclipse-temurin')) return isJdk(ref);
  const repo = ref.repository.toLowerCase();
  return ref.effectiveRegistry === 'mcr.microsoft.com' && /^dotnet\/(core\/)?sdk$/.test(repo);
}

/** Distributions and runtimes that have a smaller variant (and are not toolchains). */
const HAS_SMALLER = new Set(['debian', 'ubuntu', 'centos', 'rockylinux', 'rockylinux/rockylinux', 'almalinux', 'almalinux/almalinux', 'fedora',
  'amazonlinux', 'oraclelinux', 'opensuse/leap', 'opensuse/tumbleweed', 'node', 'python', 'ruby', 'perl']);

/**
 * A full distribution or a full language image where a smaller variant exists. `php` is not
 * listed: its Debian variants are already built on `debian:*-slim`. Toolchain images are left
 * to the multi-stage-build rule.
 */
export function isFullImage(ref: ImageRef): KnownImage | null {
  const image = knownImage(ref);
  if (!image) return null;
  const ubiFull = image.product === 'rhel' && /^(?:redhat\/)?ubi\d{1,2}(\/ubi(-init)?)?$/.test(image.name);
  if (!ubiFull && !HAS_SMALLER.has(image.name)) return null;
  return isMinimalVariant(ref, image) ? null : image;
}

const CODENAMES = /^(jessie|stretch|buster|bullseye|bookworm|trixie)$/;

/**
 * The same-version slim tag of a full image when the naming is certain: `python:3.12` →
 * `3.12-slim`, `python:3.12-bookworm` → `3.12-slim-bookworm`, `node:22-bookworm` →
 * `22-bookworm-slim`, `debian:12` → `12-slim`, `debian:bookworm` → `bookworm-slim`.
 */
export function slimTag(ref: ImageRef, image: KnownImage): string | null {
  const tag = ref.tag;
  if (!tag) return null;
  const version = /^\d{1,4}(\.\d{1,4}){0,2}$/;
  const words = tag.split('-');
  if (image.name === 'debian') {
    if (version.test(tag) || CODENAMES.test(tag)) return `${tag}-slim`;
    if (words.length === 2 && CODENAMES.test(words[0]) && /^\d{8}$/.test(words[1])) return `${tag}-slim`;
    return null;
  }
  if (!['python', 'node', 'ruby', 'perl'].includes(image.name)) return null;
  if (version.test(tag)) return `${tag}-slim`;
  if (words.length === 2 && version.test(words[0]) && CODENAMES.test(words[1])) {
    return image.name === 'node' ? `${tag}-slim` : `${words[0]}-slim-${words[1]}`;
  }
  return null;
}
