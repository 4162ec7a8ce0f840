import { defineRule, type BaseContext } from '../rule-api/rule';
import { composeImages, devcontainerImages, dockerfileImages, type ImageUse } from '../knowledge/image-uses';

function check(ctx: BaseContext<'unpinned'>, uses: ImageUse[]): void {
  for (const use of uses) {
    if (use.ref.digest !== null) continue;
    ctx.report({ messageId: 'unpinned', data: { image: use.ref.text }, range: use.range });
  }
}

export default defineRule({
  meta: {
    id: 'image-digest-pinned',
    practice: 13,
    title: 'Pin external images to a digest',
    severity: 'info',
    kind: 'advice',
    severityReason: 'Off by default: most teams pin tags and let a bot refresh digests; teams that require digests turn it on.',
    targets: ['dockerfile', 'compose', 'devcontainer'],
    enabledByDefault: false,
    docs: {
      summary:
        'An image pulled from a registry has no `@sha256:` digest: a `FROM` base image, `COPY --from=<image>`, ' +
        '`RUN --mount=...,from=<image>`, a Compose `image:` or a dev container `image`. Off by default; turn it on in `.bulkhead.yaml`.',
      rationale:
        'A tag is a pointer the publisher (or anyone who takes over the account or registry) can move. Only a digest names ' +
        'fixed content: the same bytes on every build and every host, and a swapped image fails to pull instead of running. ' +
        'It is opt-in because digests need tooling to stay current: without an update bot they freeze security fixes out. ' +
        'References that depend on an unset variable, `scratch`, stage references and Compose services with `build:` are ' +
        'not judged. No quick fix is offered: resolving a digest needs the registry, and Bulkhead works offline.',
      howToFix:
        'Append the digest to the tag you use: `FROM python:3.12-slim@sha256:<digest>` (find it with ' +
        '`docker buildx imagetools inspect python:3.12-slim`). Keep the tag for readers, and let Renovate or Dependabot update ' +
        'tag and digest together.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#from',
        'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions',
      ],
    },
    messages: {
      unpinned: 'Image "{image}" is not pinned to a digest, so its content can change under the same tag; add "@sha256:<digest>"',
    },
    examples: {
      bad: [
        { kind: 'dockerfile', code: 'FROM python:3.12-slim\n' },
        { kind: 'compose', code: 'services:\n  db:\n    image: postgres:16.4\n' },
      ],
      good: [
        { kind: 'dockerfile', code: 'FROM python:3.12-slim@sha256:2ba5e5ba5bd4e2fbd6e88d4e7b5d2e6c58e1b1c86cd1f4e07e54a2a8f98a8d4f\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm@sha256:2ba5e5ba5bd4e2fbd6e88d4e7b5d2e6c58e1b1c86cd1f4e07e54a2a8f98a8d4f"\n}\n' },
      ],
    },
    aliases: { 'compose-lint': ['CL-0019'], semgrep: ['dockerfile-source-not-pinned'] },
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
