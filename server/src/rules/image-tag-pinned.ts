import { defineRule } from '../rule-api/rule';
import type { Range } from '../core/types';
import { tagProblem } from '../knowledge/image-tags';
import { composeImages, devcontainerImages } from '../knowledge/image-uses';
import { referencedNames } from '../knowledge/secrets';
import { scalarText } from '../parse/compose-values';
import { parseImageRef, type ImageRef } from '../parse/image-ref';

/**
 * Where to underline: the tag itself when it is written literally in the reference, otherwise
 * (no tag, or a tag that comes from a variable) the whole reference.
 */
function problemOffsets(raw: string, start: number, ref: ImageRef, untagged: boolean): [number, number] {
  if (!untagged && ref.tag !== null) {
    const written = parseImageRef(raw);
    if (written.tag !== null && written.tag === ref.tag && !written.tag.includes('$')) {
      return [start + written.tagStart, start + written.tagStart + written.tag.length];
    }
  }
  return [start, start + raw.length];
}

function via(names: string[], what: string): string {
  return names.length === 0 ? '' : ` (from ${what} "${names.join('", "')}")`;
}

export default defineRule({
  meta: {
    id: 'image-tag-pinned',
    practice: 13,
    title: 'Pin base and service images to a version',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'A moving tag (`latest`, none) changes what is deployed without a change in the file, so a review of the file reviews nothing.',
    targets: ['dockerfile', 'compose', 'devcontainer'],
    docs: {
      summary:
        'A `FROM` base image, a Compose `image:` or a dev container `image` has no tag, uses `latest`, or uses a channel tag that moves by design (`stable`, `edge`, `lts-alpine`, `nightly`...).',
      rationale:
        'A reference without a fixed version resolves to whatever the registry serves on the day of the build or the pull. ' +
        'Two builds of the same commit then differ, a rollback does not roll back, and a compromised or broken upstream ' +
        'release reaches you without any change on your side. ' +
        'Major-only tags such as `node:22` or `python:3` are accepted on purpose: they follow one release line, which is a ' +
        'deliberate choice, while `latest` and channel names jump across major versions. A digest (`@sha256:...`) always ' +
        'passes. References built from variables without a known value (an `ARG` without a default, `${TAG}` in Compose) are ' +
        'skipped; `ARG` defaults and Compose `${VAR:-default}` are resolved and checked. In a dev container, an `image` with a ' +
        'variable (`${templateOption:imageVariant}`) is skipped, and so is the Dockerfile a dev container builds: its own `FROM` is checked there.',
      howToFix:
        'Name the exact version you tested, such as `python:3.12.7-slim-bookworm`, and for reproducible builds add its digest: ' +
        '`python:3.12.7-slim-bookworm@sha256:<digest>` (get it with `docker buildx imagetools inspect`). Let a bot such as ' +
        'Renovate or Dependabot raise the version so updates stay deliberate and reviewed. ' +
        'In Compose, a service with `build:` is skipped: its `image:` names the image being built. There is no automatic ' +
        'fix: which version (and digest) to pin is a choice only you can make, and the tool cannot look it up offline.',
      references: [
        'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions',
        'https://docs.docker.com/reference/dockerfile/#from',
        'https://docs.docker.com/reference/compose-file/services/#image',
      ],
    },
    messages: {
      untagged: 'Image "{image}"{via} has no tag, so it pulls whatever "latest" is at build time; pin a version tag or a digest',
      latest: 'Image "{image}"{via} uses the "latest" tag, which points at a new image after every release; pin a version tag or a digest',
      floating: 'Image "{image}"{via} uses the moving tag "{tag}"; pin a version tag or a digest',
    },
    examples: {
      bad: [
        { kind: 'dockerfile', code: 'FROM node:latest\nCOPY . /app\n' },
        { kind: 'compose', code: 'services:\n  db:\n    image: postgres\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:latest"\n}\n' },
      ],
      good: [
        { kind: 'dockerfile', code: 'FROM node:22.11.0-bookworm-slim AS build\nRUN npm ci\nFROM build\nCMD ["node", "server.js"]\n' },
        { kind: 'compose', code: 'services:\n  db:\n    image: postgres:16.4@sha256:5f8c3b2e8d04a6bd1ab9f0e0c0f6a1e4b6f0a5e1c8d2b3a4f5e6d7c8b9a0f1e2\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm"\n}\n' },
      ],
    },
    aliases: {
      hadolint: ['DL3006', 'DL3007'],
      trivy: ['DS-0001'],
      checkov: ['CKV_DOCKER_7'],
      kics: ['image_version_not_explicit', 'image_version_using_latest'],
      dclint: ['service-image-require-explicit-tag'],
      'compose-lint': ['CL-0004'],
      semgrep: ['avoid-latest-version', 'missing-image-version'],
    },
  },
  dockerfile({ model, report }) {
    for (const stage of model.stages) {
      const image = stage.image;
      const tok = stage.from.args[0];
      if (!image || !tok || stage.baseStage || stage.unresolved.length > 0) continue;
      if (image.text.toLowerCase() === 'scratch') continue;
      const problem = tagProblem(image);
      if (!problem) continue;
      const [s, e] = model.verbatim(tok) ? problemOffsets(tok.value, tok.start, image, problem === 'untagged') : [tok.start, tok.end];
      const args = referencedNames(stage.imageText).filter((n) => model.globalArgs.get(n));
      report({
        messageId: problem,
        data: { image: image.text, tag: image.tag ?? '', via: via([...new Set(args)], 'ARG') },
        range: model.range(s, e),
      });
    }
  },
  compose({ model, report }) {
    for (const use of composeImages(model)) {
      const problem = tagProblem(use.ref);
      if (!problem) continue;
      const entry = use.entry!;
      const text = scalarText(entry.value)!;
      let range: Range = use.range;
      const offs = entry.via === null ? model.offsetsOf(entry.value) : null;
      if (offs) {
        // `use.range` is the written value without its quotes: underline the tag there when the text is literal.
        const start = model.index.offsetAt(use.range.start);
        const inner = model.text.slice(start, model.index.offsetAt(use.range.end));
        const [s, e] = inner === text ? problemOffsets(inner, start, use.ref, problem === 'untagged') : offs;
        range = model.index.range(s, e);
      }
      const vars = text.includes('$') ? [...new Set(referencedNames(text))] : [];
      report({ messageId: problem, data: { image: use.ref.text, tag: use.ref.tag ?? '', via: via(vars, 'the default of variable') }, range });
    }
  },
  devcontainer({ model, report }) {
    for (const use of devcontainerImages(model)) {
      const problem = tagProblem(use.ref);
      if (!problem) continue;
      const [s, e] = use.start !== null ? problemOffsets(use.ref.text, use.start, use.ref, problem === 'untagged') : [model.index.offsetAt(use.range.start), model.index.offsetAt(use.range.end)];
      report({ messageId: problem, data: { image: use.ref.text, tag: use.ref.tag ?? '', via: '' }, range: model.range(s, e) });
    }
  },
});
