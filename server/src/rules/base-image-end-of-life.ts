import { defineRule, type BaseContext } from '../rule-api/rule';
import type { Fix, Range } from '../core/types';
import { knownImage } from '../knowledge/base-images';
import { EOL_DATA_TAKEN_ON } from '../knowledge/eol-data';
import { imageCycle, isEndOfLife, oldestSupported, osCycle, whenText, type CycleMatch } from '../knowledge/end-of-life';
import { composeImages, devcontainerImages, dockerfileImages, spanRange, tagSpan, type ImageUse } from '../knowledge/image-uses';

type Ctx = BaseContext<'runtime' | 'os' | 'both'>;

function check(ctx: Ctx, model: Parameters<typeof spanRange>[0], uses: ImageUse[]): void {
  const now = ctx.config.now ?? new Date();
  for (const use of uses) {
    const image = knownImage(use.ref);
    // Docker-in-Docker images belong to docker-in-docker-engine.
    if (image?.kind === 'docker') continue;
    const tag = tagSpan(use.ref);
    const main = imageCycle(use.ref, image);
    const mainEnded = main !== null && isEndOfLife(main.eol, now);
    const os = osCycle(use.ref, image);
    const osEnded = os !== null && isEndOfLife(os.eol, now) && tag !== null;
    // One finding per image: the runtime's, naming the distribution too when both have ended.
    if (mainEnded) report(ctx, model, use, main, osEnded ? os : null, spanRange(model, use, tag), now);
    else if (osEnded) {
      const span: [number, number] = [tag![0] + os!.span![0], tag![0] + os!.span![1]];
      report(ctx, model, use, os!, null, spanRange(model, use, span), now, 'os');
    }
  }
}

function report(
  ctx: Ctx,
  model: Parameters<typeof spanRange>[0],
  use: ImageUse,
  hit: CycleMatch,
  os: CycleMatch | null,
  range: Range,
  now: Date,
  kind: 'runtime' | 'os' = 'runtime',
): void {
  const messageId = kind === 'os' ? 'os' : os ? 'both' : 'runtime';
  const fixes: Fix[] = [];
  const tag = tagSpan(use.ref);
  const target = oldestSupported(hit.product, now);
  // Only a plain version tag (`node:16`, `python:3.8`) has a certain replacement.
  if (kind === 'runtime' && target && tag && use.start !== null && use.ref.tag === hit.cycle && use.ref.digest === null) {
    const edit = { range: spanRange(model, use, tag), newText: target };
    fixes.push(ctx.fix(`Change the tag to "${target}", the oldest ${hit.product.label} release still supported`, [edit]));
  }
  ctx.report({
    messageId,
    data: {
      image: use.ref.text,
      product: hit.product.label,
      cycle: hit.cycle,
      when: whenText(hit.eol!),
      ...(os ? { osProduct: os.product.label, osCycle: os.cycle, osWhen: whenText(os.eol!) } : {}),
    },
    range,
    fixes,
  });
}

export default defineRule({
  meta: {
    id: 'base-image-end-of-life',
    practice: 10,
    title: 'Do not build on end-of-life releases',
    severity: 'warning',
    kind: 'risk',
    severityReason:
      'An end-of-life release gets no security fixes, so new vulnerabilities in it stay open; a warning rather than an error because moving to a new release takes planning.',
    targets: ['dockerfile', 'compose', 'devcontainer'],
    fix: 'suggestion',
    docs: {
      summary:
        'A `FROM` image, a Compose `image:` or a dev container `image` names a release that no longer gets security fixes: an old distribution ' +
        '(`debian:stretch`, `ubuntu:18.04`, `alpine:3.12`, `centos:7`), language runtime (`node:16`, `python:3.8`, `golang:1.19`, ' +
        '`php:7.4`) or server (`postgres:11`, `mysql:5.7`, `mongo:4.4`), or a tag built on one (`python:3.11-slim-buster`).',
      rationale:
        'After its end of life a release receives no more patches, and the image tag stops being rebuilt. Every ' +
        'vulnerability found from then on stays in your image for good, and scanners report a growing list nobody can fix ' +
        'by rebuilding. The dates come from an offline table bundled with Bulkhead (endoflife.date data taken on ' +
        `${EOL_DATA_TAKEN_ON}, with the source of each product in \`server/src/knowledge/eol-data.ts\`), so the check runs ` +
        'without a network; a release missing from the table is never reported. Debian counts until the end of Debian LTS, ' +
        'Ubuntu until the end of standard support (ESM needs a subscription). The release comes from the tag after ARG ' +
        'defaults are applied; a major-only tag such as `php:7` counts as end of life once its whole release line is. ' +
        'Docker-in-Docker images are checked by `docker-in-docker-engine`.',
      howToFix:
        'Move to a supported release of the same image and rebuild. A plain version tag gets a quick fix to the oldest ' +
        'release still supported (the smallest upgrade); other tags (`-alpine`, `-slim-buster`, codenames) must be chosen ' +
        'by hand because variant names change between releases. A database major upgrade needs a data migration: plan it ' +
        'before changing the tag.',
      references: ['https://endoflife.date/', 'https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image'],
    },
    messages: {
      runtime: 'Image "{image}" runs {product} {cycle}, which reached end of life {when} and gets no security fixes; move to a supported release',
      os: 'Image "{image}" is built on {product} {cycle}, which reached end of life {when}; choose a tag based on a supported release',
      both: 'Image "{image}" runs {product} {cycle}, which reached end of life {when}, on {osProduct} {osCycle}, which reached end of life {osWhen}; neither gets security fixes, move to a supported release',
    },
    examples: {
      bad: [
        { kind: 'dockerfile', code: 'FROM node:16-alpine\nCMD ["node", "server.js"]\n', config: { now: '2026-11-29' } },
        { kind: 'compose', code: 'services:\n  db:\n    image: postgres:11\n', config: { now: '2026-11-29' } },
        { kind: 'devcontainer', code: '{\n  "image": "python:3.8-bullseye"\n}\n', config: { now: '2026-11-29' } },
      ],
      good: [
        { kind: 'dockerfile', code: 'FROM node:24-alpine\nCMD ["node", "server.js"]\n', config: { now: '2026-11-29' } },
        { kind: 'compose', code: 'services:\n  db:\n    image: postgres:16\n', config: { now: '2026-11-29' } },
      ],
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
