import { defineRule } from '../rule-api/rule';
import { keywordLike, replace } from '../edit/dockerfile-edits';
import type { DfInstruction, DockerfileModel } from '../parse/dockerfile';
import type { TextEdit } from '../core/types';

/**
 * `MAINTAINER Jane <j@x>` as `LABEL org.opencontainers.image.authors="Jane <j@x>"`. MAINTAINER takes
 * its text literally while LABEL expands variables, so `"`, `$` and the escape character are escaped.
 */
function asLabel(model: DockerfileModel, instr: DfInstruction): TextEdit | null {
  const esc = model.escape;
  const continuation = new RegExp(`${esc === '\\' ? '\\\\' : esc}[ \\t]*(\\r?\\n|\\r)`, 'g');
  const text = instr.argsText.replace(continuation, ' ').replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  const quoted = [...text].map((c) => (c === '"' || c === '$' || c === esc ? esc + c : c)).join('');
  const keyword = keywordLike(instr.keywordText, 'LABEL');
  return replace(model, instr.start, instr.end, `${keyword} org.opencontainers.image.authors="${quoted}"`);
}

export default defineRule({
  meta: {
    id: 'no-maintainer',
    practice: 20,
    title: 'Replace MAINTAINER with a label',
    severity: 'info',
    kind: 'advice',
    severityReason: 'Advice: a deprecated instruction that still works; the safe fix moves it to a label.',
    targets: ['dockerfile'],
    fix: 'safe',
    docs: {
      summary: 'The Dockerfile uses the deprecated `MAINTAINER` instruction.',
      rationale:
        '`MAINTAINER` has been deprecated since Docker 1.13. It fills a single legacy `Author` field that most ' +
        'tools ignore, while registries, scanners and `docker inspect` read labels. Keeping ownership in the ' +
        'standard OCI label means people who find the image in production know whom to ask about it.',
      howToFix:
        'Replace it with `LABEL org.opencontainers.image.authors="name <email>"`. The quick fix does this (quotes, `$` and the ' +
        'escape character in the text are escaped, since LABEL expands variables) and is safe to apply in bulk.',
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
  dockerfile({ model, report, fix }) {
    for (const instr of model.all('MAINTAINER')) {
      const edit = asLabel(model, instr);
      report({ messageId: 'maintainer', range: instr.keywordRange, fixes: edit ? [fix('Replace MAINTAINER with the org.opencontainers.image.authors label', [edit], 'safe')] : [] });
    }
  },
});
