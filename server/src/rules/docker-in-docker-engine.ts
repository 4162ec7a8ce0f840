import { defineRule, type BaseContext } from '../rule-api/rule';
import { knownImage } from '../knowledge/base-images';
import { imageCycle, isEndOfLife, whenText } from '../knowledge/end-of-life';
import { composeImages, devcontainerImages, dockerfileImages, spanRange, tagSpan, type ImageUse } from '../knowledge/image-uses';

function check(ctx: BaseContext<'engine' | 'cli'>, model: Parameters<typeof spanRange>[0], uses: ImageUse[]): void {
  const now = ctx.config.now ?? new Date();
  for (const use of uses) {
    const image = knownImage(use.ref);
    if (image?.kind !== 'docker') continue;
    const hit = imageCycle(use.ref, image);
    if (!hit || !isEndOfLife(hit.eol, now)) continue;
    const dind = (use.ref.tag ?? '').toLowerCase().split('-').includes('dind');
    ctx.report({
      messageId: dind ? 'engine' : 'cli',
      data: { image: use.ref.text, cycle: hit.cycle, when: whenText(hit.eol!) },
      range: spanRange(model, use, tagSpan(use.ref)),
    });
  }
}

export default defineRule({
  meta: {
    id: 'docker-in-docker-engine',
    practice: 1,
    title: 'Keep Docker-in-Docker on a supported engine',
    severity: 'warning',
    kind: 'risk',
    severityReason:
      'A Docker engine that no longer gets fixes usually runs privileged, so its known escapes reach the host; a warning, as for other end-of-life releases.',
    targets: ['dockerfile', 'compose', 'devcontainer'],
    docs: {
      summary:
        'A `FROM`, a Compose `image:` or a dev container `image` uses the official `docker` image at a Docker release that reached its end of life, such as ' +
        '`docker:19.03-dind` or `docker:20.10`.',
      rationale:
        'A `docker:<version>-dind` container runs a complete Docker daemon, nearly always privileged, so its engine is as ' +
        'exposed as the host\'s own: an engine that no longer gets fixes keeps known escapes and API flaws. The plain ' +
        '`docker:<version>` image carries the same release of the CLI and tools. The end-of-life dates come from the bundled ' +
        'table used by `base-image-end-of-life` (endoflife.date data for Docker Engine); releases without an announced end ' +
        '(25.0, 28, 29 when the data was taken) are not reported. This rule owns the `docker` image: ' +
        '`base-image-end-of-life` skips it, so one old engine gives one finding.',
      howToFix:
        'Move to a maintained Docker release (`docker:28-dind`, `docker:29-dind`) and keep the CI runner or host daemon on ' +
        'a matching version. Better still, build without a daemon (BuildKit in rootless mode, `docker buildx` with a remote ' +
        'builder, Kaniko, Buildah) so no privileged engine runs inside a container at all. No quick fix is offered: the ' +
        'engine version must match what your pipeline and host expect.',
      references: [
        'https://hub.docker.com/_/docker',
        'https://endoflife.date/docker-engine',
        'https://docs.docker.com/engine/security/rootless/',
      ],
    },
    messages: {
      engine: 'Docker-in-Docker image "{image}" runs Docker Engine {cycle}, which reached end of life {when}; use a maintained engine release',
      cli: 'Image "{image}" ships Docker {cycle}, which reached end of life {when}; use a maintained Docker release',
    },
    examples: {
      bad: [
        { kind: 'compose', code: 'services:\n  dind:\n    image: docker:20.10-dind\n    privileged: true\n', config: { now: '2026-11-29' } },
        { kind: 'dockerfile', code: 'FROM docker:19.03\nCOPY ci.sh /ci.sh\n', config: { now: '2026-11-29' } },
      ],
      good: [{ kind: 'compose', code: 'services:\n  dind:\n    image: docker:29-dind-rootless\n', config: { now: '2026-11-29' } }],
    },
  },
  dockerfile(ctx) {
    check(ctx, ctx.model, dockerfileImages(ctx.model, ['from']));
  },
  compose(ctx) {
    check(ctx, ctx.model, composeImages(ctx.model));
  },
  devcontainer(ctx) {
    check(ctx, ctx.model, devcontainerImages(ctx.model));
  },
});
