import type { ImageRef } from '../parse/image-ref';

/**
 * Which kind of base image a reference names, as far as the tools for creating a user go:
 * - `debian`: Debian and Ubuntu, and the official images built on them by default (`python`,
 *   `node`, `golang`...): `groupadd`/`useradd` from the passwd package are there;
 * - `rhel`: Fedora, CentOS, Rocky, Alma, Oracle Linux and UBI (not their minimal/micro/slim
 *   variants): `groupadd`/`useradd` from shadow-utils are there;
 * - `alpine` and `busybox`: BusyBox `addgroup`/`adduser`;
 * - `distroless`: Google distroless and Chainguard images, which ship a `nonroot` user (65532);
 * - `scratch`: nothing at all;
 * - `other`: unknown; only a numeric USER is sure to work.
 * Decided from the name and tag only: a tag that says `alpine` wins over the image name.
 */
export type ImageFamily = 'debian' | 'rhel' | 'alpine' | 'busybox' | 'distroless' | 'scratch' | 'other';

const DEBIAN_NAMES = new Set([
  'debian', 'ubuntu', 'buildpack-deps', 'python', 'node', 'golang', 'ruby', 'php', 'perl', 'rust', 'openjdk', 'eclipse-temurin',
  'gradle', 'nginx', 'httpd', 'postgres', 'redis', 'elixir', 'erlang', 'haskell', 'gcc', 'julia', 'r-base', 'swift', 'pypy', 'dart',
]);
const DEBIAN_TAG = /(^|[-_.])(bookworm|bullseye|buster|trixie|stretch|noble|jammy|focal|bionic|oracular|plucky)([-_.]|$)/i;
const RHEL_NAMES = new Set(['fedora', 'centos', 'rockylinux', 'almalinux', 'oraclelinux']);
const RHEL_REPOSITORY = /(^|\/)ubi\d{0,2}(-[a-z]{1,10})?(\/|$)/i;
const MINIMAL = /minimal|micro|slim/i;
/** Tags of images built on a base without the usual tools (Amazon Linux, UBI minimal, chiseled, Windows). */
const OTHER_TAG = /corretto|amazonlinux|ubi|windowsservercore|nanoserver|oraclelinux|chiseled|distroless|azurelinux|mariner/i;

export function imageFamily(image: ImageRef | null): ImageFamily {
  if (!image) return 'other';
  const name = image.name.toLowerCase();
  const tag = image.tag ?? '';
  const repo = `${image.effectiveRegistry}/${image.repository}`.toLowerCase();
  if (name === 'scratch' && image.registry === null) return 'scratch';
  if (repo.startsWith('gcr.io/distroless/') || repo.startsWith('cgr.dev/chainguard/')) return 'distroless';
  if (name === 'alpine' || /(^|[-_.])alpine/i.test(tag)) return 'alpine';
  if (name === 'busybox') return 'busybox';
  if (RHEL_NAMES.has(name) || RHEL_REPOSITORY.test(image.repository)) return MINIMAL.test(tag) || MINIMAL.test(image.repository) ? 'other' : 'rhel';
  if (OTHER_TAG.test(tag)) return 'other';
  const official = image.effectiveRegistry === 'docker.io' && image.repository === `library/${name}`;
  const dotnet = repo.startsWith('mcr.microsoft.com/dotnet/');
  if (dotnet || (official && (DEBIAN_NAMES.has(name) || DEBIAN_TAG.test(tag)))) return 'debian';
  return 'other';
}
