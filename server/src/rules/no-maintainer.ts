import { defineRule } from '../engine/rule';

export default defineRule({
  meta: {
    id: 'no-maintainer',
    practice: 20,
    title: 'Replace MAINTAINER with a label',
    severity: 'info',
    targets: ['dockerfile'],
    docs: {
      summary: 'The Dockerfile uses the deprecated `MAINTAINER` instruction.',
      rationale:
        '`MAINTAINER` has been deprecated since Docker 1.13. It fills a single legacy `Author` field that most ' +
        'tools ignore, while registries, scanners and `docker inspect` read labels. Keeping ownership in the ' +
        'standard OCI label means people who find the image in production know whom to ask about it.',
      howToFix: 'Replace it with `LABEL org.opencontainers.image.authors="name <email>"`.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#maintainer-deprecated',
        'https://github.com/opencontainers/image-spec/blob/main/annotations.md',
      ],
    },
    messages: {
      maintainer: '"MAINTAINER" is deprecated; set the org.opencontainers.image.authors label instead',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n' }],
      good: [{ kind: 'dockerfile', code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n' }],
    },
    aliases: {
      hadolint: ['DL4000'],
      buildkit: ['MaintainerDeprecated'],
      trivy: ['DS-0022'],
      checkov: ['CKV_DOCKER_6'],
      kics: ['maintainer_instruction_being_used'],
      semgrep: ['maintainer-is-deprecated'],
    },
  },
  dockerfile({ model, report }) {
    for (const instr of model.all('MAINTAINER')) report({ messageId: 'maintainer', range: instr.keywordRange });
  },
});
