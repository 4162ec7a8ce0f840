import { defineRule } from '../rule-api/rule';
import { isFullImage, slimTag } from '../knowledge/base-images';
import { dockerfileImages, spanRange, tagSpan } from '../knowledge/image-uses';
import { stageChain } from '../parse/dockerfile';

export default defineRule({
  meta: {
    id: 'minimal-base-image',
    practice: 11,
    title: 'Base the final image on a minimal variant',
    severity: 'info',
    kind: 'advice',
    severityReason: 'Advice: a smaller base ships fewer packages to patch, but a full base is no defect.',
    targets: ['dockerfile'],
    fix: 'suggestion',
    docs: {
      summary:
        'The final stage is based on a full distribution (`ubuntu`, `debian` without `-slim`, `centos`, `fedora`, `rockylinux`, ' +
        '`almalinux`, `amazonlinux`, `oraclelinux`, `opensuse`, a full UBI) or on a full language image (`node`, `python`, ' +
        '`ruby`, `perl` without a `-slim` or `-alpine` variant).',
      rationale:
        'Every package in the final image is attack surface you ship and must patch: shells, compilers, package managers, ' +
        'network tools an intruder can use after a break-in. The full language images are built on `buildpack-deps`, which ' +
        'carries compilers and hundreds of development packages; the `-slim` variants leave them out and often cut the ' +
        'number of reported vulnerabilities by half or more. Only the final stage is judged: build stages are thrown away. ' +
        'Toolchain images (`golang`, `maven`, `rust`, JDK images) in the final stage are reported by `multi-stage-build`, ' +
        'and `php` is not reported because its Debian variants are already built on `debian:*-slim`.',
      howToFix:
        'Use the `-slim` variant of the same version (`python:3.12-slim`, `node:22-slim`, `debian:12-slim`), an `-alpine` ' +
        'variant when your software works with musl, `ubi-minimal`/`ubi-micro` for Red Hat, or a distroless image for ' +
        'compiled programs. Install only the runtime libraries you need, with `--no-install-recommends`. A quick fix ' +
        'rewrites the tag when the same-version slim tag is certain; test the result, since slim images lack some ' +
        'libraries and tools.',
      references: [
        'https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image',
        'https://hub.docker.com/_/python',
        'https://github.com/GoogleContainerTools/distroless',
      ],
    },
    messages: {
      full: 'The final image is based on the full image "{image}"; use a minimal variant such as "{suggestion}" to ship fewer packages',
      fullNoSuggestion: 'The final image is based on the full image "{image}"; use a slim, minimal or distroless variant to ship fewer packages',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM python:3.12\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n' }],
      good: [
        {
          kind: 'dockerfile',
          code: 'FROM python:3.12 AS build\nRUN pip wheel --wheel-dir /wheels -r requirements.txt\n\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n',
        },
      ],
    },
  },
  dockerfile({ model, report, fix }) {
    const final = model.finalStage;
    if (!final) return;
    const root = stageChain(final).at(-1)!;
    const use = dockerfileImages(model, ['from']).find((u) => u.stage === root);
    if (!use) return;
    const image = isFullImage(use.ref);
    if (!image) return;
    const slim = slimTag(use.ref, image);
    const tag = tagSpan(use.ref);
    if (slim && tag && use.start !== null) {
      const suggestion = use.ref.text.slice(0, tag[0]) + slim + use.ref.text.slice(tag[1]);
      report({
        messageId: 'full',
        data: { image: use.ref.text, suggestion },
        range: use.range,
        fixes: [fix(`Use the slim variant "${slim}"`, [{ range: spanRange(model, use, tag), newText: slim }])],
      });
      return;
    }
    report({ messageId: 'fullNoSuggestion', data: { image: use.ref.text }, range: use.range });
  },
});
