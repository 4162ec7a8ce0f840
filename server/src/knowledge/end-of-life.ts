import type { ImageRef } from '../parse/image-ref';
import { knownImage, type KnownImage } from './base-images';
import { eolProduct, type EolProduct } from './eol-data';

/**
 * Which release cycle an image reference runs, and whether that cycle has reached its end of
 * life (data in `eol-data.ts`). The cycle comes from the tag (`node:16-alpine` → Node.js 16,
 * `python:3.8.10` → 3.8, `debian:stretch` → 9, `centos7` → 7) or, for UBI and distroless, from
 * the repository name. A tag may also name the distribution under a runtime
 * (`python:3.8-slim-buster`, `node:16-alpine3.12`, `eclipse-temurin:17-jdk-focal`).
 */

export interface CycleMatch {
  product: EolProduct;
  cycle: string;
  eol: string | null;
  /** Offsets of the part of the tag that names the cycle, or null when it comes from the repository. */
  span: [number, number] | null;
}

const VERSION = /^(\d{1,8})(?:\.(\d{1,8}))?(?:\.(\d{1,8}))?/;

function lookup(product: EolProduct, cycle: string): CycleMatch | null {
  const c = product.cycles.find((x) => x[0] === cycle);
  return c ? { product, cycle: c[0], eol: c[1], span: null } : null;
}

function byCodename(product: EolProduct, word: string): CycleMatch | null {
  const c = product.cycles.find((x) => x[2] === word);
  return c ? { product, cycle: c[0], eol: c[1], span: null } : null;
}

function numeric(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * A version written at the start of `text`: `16`, `3.8.10`, `2018.03.0.2023...`, `8u392`.
 * `M.m` is tried first, then `M`. A major-only tag (`php:7`) follows the newest release of that
 * major, so it resolves to that release only when a later major exists: the line is closed.
 */
function fromVersion(product: EolProduct, text: string): CycleMatch | null {
  const m = VERSION.exec(text);
  if (!m) return null;
  const next = text[m[0].length];
  if (next !== undefined && !'-_.+u'.includes(next)) return null;
  const [, major, minor] = m;
  if (minor !== undefined) {
    const hit = lookup(product, `${major}.${minor}`) ?? lookup(product, major);
    return hit ? { ...hit, span: [0, m[0].length] } : null;
  }
  const exact = lookup(product, major);
  if (exact) return { ...exact, span: [0, m[0].length] };
  const line = product.cycles.filter((c) => c[0].startsWith(`${major}.`)).sort((a, b) => numeric(a[0], b[0]));
  const newest = line[line.length - 1];
  const closed = product.cycles.some((c) => Number(c[0].split('.')[0]) > Number(major));
  return newest && closed ? { product, cycle: newest[0], eol: newest[1], span: [0, m[0].length] } : null;
}

/** The cycle of the image's main product, from its tag (or repository name). */
export function imageCycle(ref: ImageRef, image: KnownImage | null = knownImage(ref)): CycleMatch | null {
  if (!image?.product) return null;
  const product = eolProduct(image.product);
  if (!product) return null;
  if (image.cycle) return lookup(product, image.cycle);
  const tag = ref.tag;
  if (!tag) return null;
  const lower = tag.toLowerCase();
  const skip = image.prefix && lower.startsWith(image.prefix) ? image.prefix.length : 0;
  const byVersion = fromVersion(product, lower.slice(skip));
  if (byVersion) return { ...byVersion, span: [byVersion.span![0] + skip, byVersion.span![1] + skip] };
  const first = lower.split('-')[0];
  const named = byCodename(product, first);
  return named ? { ...named, span: [0, first.length] } : null;
}

const OS_WORDS: readonly [RegExp, string, boolean][] = [
  // [pattern, product, only on well-known images]
  [/^(jessie|stretch|buster|bullseye|bookworm|trixie)$/, 'debian', true],
  [/^(trusty|xenial|bionic|focal|jammy|noble)$/, 'ubuntu', true],
  [/^al(2|2023)$/, 'amazon-linux', true],
  [/^alpine(\d{1,2}\.\d{1,2})$/, 'alpine', false],
  [/^ubuntu(\d{2}\.\d{2})$/, 'ubuntu', false],
  [/^centos(\d{1,2})$/, 'centos', false],
  [/^debian(\d{1,2})$/, 'debian', false],
];

/**
 * The distribution a runtime or server image is built on, when its tag says so after the
 * version: `3.8-slim-buster` → Debian 10, `16-alpine3.12` → Alpine 3.12. Codenames count only on
 * well-known images; the explicit forms (`ubuntu18.04`, `alpine3.12`) on any image.
 */
export function osCycle(ref: ImageRef, image: KnownImage | null = knownImage(ref)): CycleMatch | null {
  if (!ref.tag || image?.kind === 'os' || image?.kind === 'docker') return null;
  const words = ref.tag.toLowerCase().split('-');
  let offset = words[0].length + 1;
  for (const word of words.slice(1)) {
    for (const [re, id, knownOnly] of OS_WORDS) {
      const m = re.exec(word);
      if (!m || (knownOnly && !image)) continue;
      const product = eolProduct(id)!;
      const hit = m[1] && /\d/.test(m[1]) ? lookup(product, m[1]) : byCodename(product, word);
      if (hit) return { ...hit, span: [offset, offset + word.length] };
    }
    offset += word.length + 1;
  }
  return null;
}

/** The first day after the end of life: the day after a `YYYY-MM-DD`, the first of the next month for `YYYY-MM`. */
function endOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return d === undefined ? Date.UTC(y, m, 1) : Date.UTC(y, m - 1, d + 1);
}

/** True once the end-of-life date has passed (the whole day, or the whole month). */
export function isEndOfLife(eol: string | null, now: Date): boolean {
  return eol !== null && now.getTime() >= endOf(eol) - (eol.length === 10 ? 86_400_000 : 0);
}

/** "on 2024-10-07" or "in 2026-10", for messages. */
export function whenText(eol: string): string {
  return eol.length === 10 ? `on ${eol}` : `in ${eol}`;
}

/** The oldest cycle of a product that is still supported at `now`, or null. */
export function oldestSupported(product: EolProduct, now: Date): string | null {
  const live = product.cycles.filter((c) => !isEndOfLife(c[1], now)).map((c) => c[0]);
  live.sort(numeric);
  return live[0] ?? null;
}
