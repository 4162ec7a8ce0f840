import { matchesGlob } from '../core/glob';
import { defineRule, type BaseContext } from '../rule-api/rule';
import { composeImages, devcontainerImages, dockerfileImages, type ImageUse } from '../knowledge/image-uses';
import type { ImageRef } from '../parse/image-ref';

/**
 * A pattern trusts an image when it matches its registry host (`docker.io`, `*.corp.example`;
 * a pattern without a port also matches the host on any port), or, when it contains a `/`, the
 * registry and repository path (`ghcr.io/acme/*`, `docker.io/library/*`).
 */
function isTrusted(ref: ImageRef, patterns: readonly string[]): boolean {
  const registry = ref.effectiveRegistry.toLowerCase();
  const host = registry.replace(/:\d{1,5}$/, '');
  const path = `${registry}/${ref.repository.toLowerCase()}`;
  return patterns.some((raw) => {
    const p = raw.trim().toLowerCase().replace(/(?<!\/)\/+$/, '').replace(/^(index\.docker\.io|registry-1\.docker\.io|registry\.hub\.docker\.com)(?=\/|$)/, 'docker.io');
    if (p === '') return false;
    if (p.includes('/')) return matchesGlob(path, p) || matchesGlob(path, `${p}/**`);
    return matchesGlob(registry, p) || (!p.includes(':') && matchesGlob(host, p));
  });
}

function check(ctx: BaseContext<'untrusted'>, uses: ImageUse[]): void {
  const trusted = ctx.config.trustedRegistries;
  if (!trusted || trusted.length === 0) return;
  for (const use of uses) {
    if (isTrusted(use.ref, trusted)) continue;
    ctx.report({
      messageId: 'untrusted',
      data: { image: use.ref.text, registry: use.ref.effectiveRegistry, trusted: trusted.join(', ') },
      range: use.range,
    });
  }
}

export default defineRule({
  meta: {
    id: 'trusted-registries',
    practice: 15,
    title: 'Pull images only from trusted registries',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'When a registry policy is configured, an image from elsewhere breaks it.',
    targets: ['dockerfile', 'compose', 'devcontainer'],
    docs: {
      summary:
        'When `trustedRegistries` is configured, an image comes from a registry that is not on the list: a `FROM` base image, ' +
        '`COPY --from=<image>`, `RUN --mount=...,from=<image>` or a Compose `image:`.',
      rationale:
        'A private or mirrored registry is where an organisation scans, signs and controls what runs. An image pulled ' +
        'straight from a public registry skips those checks, can change or vanish upstream, and may be a typo-squatted ' +
        'look-alike. Names without a registry come from Docker Hub and count as `docker.io`. References are checked after ' +
        'ARG defaults and Compose `${VAR:-default}` are applied; a reference that depends on an unset variable is skipped, and ' +
        'so is a Compose service with `build:` (its `image:` names what is built). The rule does nothing until ' +
        '`trustedRegistries` is set in `.bulkhead.yaml`.',
      howToFix:
        'Pull through your registry or mirror (`FROM registry.corp.example/library/python:3.12-slim`), or add the registry to ' +
        '`trustedRegistries` if it is one you trust. Entries are host names with `*` wildcards (`*.corp.example`); an entry ' +
        'with a path (`ghcr.io/acme/*`) trusts only those repositories.',
      references: ['https://docs.docker.com/docker-hub/image-library/mirror/', 'https://docs.docker.com/reference/dockerfile/#from'],
    },
    messages: {
      untrusted: 'Image "{image}" comes from registry "{registry}", which is not in trustedRegistries ({trusted}); pull it through a trusted registry',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM python:3.12-slim\n', config: { trustedRegistries: ['registry.corp.example'] } }],
      good: [{ kind: 'dockerfile', code: 'FROM registry.corp.example/library/python:3.12-slim\n', config: { trustedRegistries: ['registry.corp.example'] } }],
    },
    aliases: { hadolint: ['DL3026'] },
  },
  dockerfile(ctx) {
    check(ctx, dockerfileImages(ctx.model));
  },
  compose(ctx) {
    check(ctx, composeImages(ctx.model));
  },
  devcontainer(ctx) {
    check(ctx, devcontainerImages(ctx.model));
  },
});
