import { entryOf } from '../core/entry';
import { isSeq } from 'yaml';
import type { RelatedFiles } from '../core/types';
import type { ComposeModel, Service } from '../parse/compose';
import { childEntries, isTrue, scalarText } from '../parse/compose-values';
import { stageChain } from '../parse/dockerfile';
import { parseImageRef } from '../parse/image-ref';
import { readServiceDockerfile } from './compose-build';
import { extendsChain } from './service-extends';
import { definesHealthcheck } from './image-defaults';

/**
 * Whether a Compose service's container has a health check, and where it comes from. Compose's
 * `healthcheck:` wins key by key along the `extends` chain (`disable: true` and `test: NONE` turn
 * it off; a block without `test` only tunes the image's check); otherwise the image's own
 * `HEALTHCHECK` applies, which we can read only when the service builds it from a Dockerfile.
 */
export type HealthcheckStatus =
  /** A check is defined: in the Compose file, in the Dockerfile the service builds, or by an image known to define one. */
  | { kind: 'defined'; where: 'compose' | 'dockerfile' | 'image' }
  /** Turned off: Compose `disable: true` / `test: ["NONE"]`, or `HEALTHCHECK NONE` in the built stage. */
  | { kind: 'disabled'; where: 'compose' | 'dockerfile' }
  /** The service builds from a readable Dockerfile whose stage (and its ancestors) has no HEALTHCHECK. */
  | { kind: 'missing'; dockerfile: string }
  /** No check in the file and no build: only the image (named here) could bring one. */
  | { kind: 'image'; image: string }
  /** Cannot tell: extends another file, unreadable Dockerfile, base image from a build argument, no image. */
  | { kind: 'unknown' };

export function serviceHealthcheck(model: ComposeModel, service: Service, composePath: string | undefined, related: RelatedFiles | undefined): HealthcheckStatus {
  const { chain, external } = extendsChain(model, service);
  let disable: boolean | undefined;
  let test: 'none' | 'set' | undefined;
  for (const s of chain) {
    const hc = childEntries(model, s.get('healthcheck'));
    const d = hc.get('disable');
    if (disable === undefined && d) disable = isTrue(d.value);
    const t = hc.get('test');
    if (test === undefined && t) {
      const first = isSeq(t.value) ? model.items(t.value)[0] : t.value;
      const text = scalarText(first)?.trim() ?? '';
      if (text.toUpperCase() === 'NONE') test = 'none';
      else if (text !== '') test = 'set';
    }
  }
  if (disable === true || test === 'none') return { kind: 'disabled', where: 'compose' };
  if (test === 'set') return { kind: 'defined', where: 'compose' };
  if (external) return { kind: 'unknown' };
  if (chain.some((s) => s.get('build'))) {
    const built = readServiceDockerfile(model, service, composePath, related);
    if (!built) return { kind: 'unknown' };
    const stages = stageChain(built.stage);
    for (const stage of stages) {
      const checks = stage.instructions.filter((i) => i.keyword === 'HEALTHCHECK');
      const last = checks[checks.length - 1];
      if (!last) continue;
      return last.args[0]?.value.toUpperCase() === 'NONE' ? { kind: 'disabled', where: 'dockerfile' } : { kind: 'defined', where: 'dockerfile' };
    }
    const root = stages[stages.length - 1];
    if (root.unresolved.length > 0) return { kind: 'unknown' };
    if (root.image && definesHealthcheck(root.image)) return { kind: 'defined', where: 'image' };
    return { kind: 'missing', dockerfile: built.build.label };
  }
  const image = chain.map((s) => scalarText(s.get('image')?.value)).find((i) => i);
  if (!image || image.includes('$')) return { kind: 'unknown' };
  if (definesHealthcheck(parseImageRef(image.trim()))) return { kind: 'defined', where: 'image' };
  return { kind: 'image', image };
}

/**
 * Health checks for official images whose own image defines none, with the command their
 * documentation uses. Values use `$$` so Compose leaves the variable to the container's shell.
 */
const KNOWN: Record<string, string> = {
  'library/postgres': '["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"]',
  'postgis/postgis': '["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"]',
  'library/redis': '["CMD", "redis-cli", "ping"]',
  'library/valkey': '["CMD", "valkey-cli", "ping"]',
  'valkey/valkey': '["CMD", "valkey-cli", "ping"]',
  'library/mysql': '["CMD", "mysqladmin", "ping", "-h", "localhost"]',
  'library/mariadb': '["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]',
  'library/mongo': '["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand(\'ping\')"]',
  'library/rabbitmq': '["CMD", "rabbitmq-diagnostics", "-q", "ping"]',
};

/** The `test:` of a ready-made health check for a well-known image, or null. */
export function knownHealthcheckTest(image: string): string | null {
  if (image.includes('$')) return null;
  const ref = parseImageRef(image.trim());
  return ref.effectiveRegistry === 'docker.io' ? (entryOf(KNOWN, ref.repository) ?? null) : null;
}

