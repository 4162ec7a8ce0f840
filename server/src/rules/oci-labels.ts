import { defineRule } from '../rule-api/rule';
import { insertLinesAfter } from '../edit/dockerfile-edits';
import { stageChain } from '../parse/dockerfile';

/** Placeholder values for the fix, per label; anything else gets `<value>`. */
const PLACEHOLDERS: Readonly<Record<string, string>> = {
  'org.opencontainers.image.source': '<repository URL>',
  'org.opencontainers.image.licenses': '<SPDX license expression>',
  'org.opencontainers.image.revision': '<git commit>',
  'org.opencontainers.image.version': '<version>',
  'org.opencontainers.image.created': '<RFC 3339 date>',
  'org.opencontainers.image.url': '<URL>',
  'org.opencontainers.image.documentation': '<documentation URL>',
  'org.opencontainers.image.authors': '<contact>',
  'org.opencontainers.image.vendor': '<vendor>',
  'org.opencontainers.image.title': '<title>',
  'org.opencontainers.image.description': '<description>',
};

const unquote = (s: string) => s.replace(/^(["'])(.*)\1$/, '$2');

export default defineRule({
  meta: {
    id: 'oci-labels',
    practice: 20,
    title: 'Label the image with its source',
    severity: 'info',
    kind: 'advice',
    severityReason: 'Advice: labels help trace an image to its source; their absence is no risk.',
    targets: ['dockerfile'],
    fix: 'suggestion',
    docs: {
      summary:
        'The final stage (with the stages it builds on) sets none of the required OCI image labels; by default ' +
        '`org.opencontainers.image.source`.',
      rationale:
        'Labels are how an image found in a registry, a cluster or a scanner report is traced back to the code and the team ' +
        'that made it. `org.opencontainers.image.source` is the one tools act on: registries link the image to its ' +
        'repository, dependency bots find release notes through it, and incident responders know where to patch. It is the ' +
        'default because it is the most useful and never changes between builds; add `licenses`, `revision`, `version` or ' +
        'others with the `required` option. Labels set by the base image describe the base, not your image, so only the ' +
        'final stage and the stages it builds on count. Compose files are not checked: a service that builds its image uses ' +
        'the Dockerfile\'s labels.',
      howToFix:
        'Add a `LABEL` after the final `FROM`, for example `LABEL org.opencontainers.image.source="https://github.com/acme/api"`. ' +
        'Values that change per build (`revision`, `created`, `version`) are best passed in: `ARG VCS_REF` then ' +
        '`LABEL org.opencontainers.image.revision=$VCS_REF`, or `docker buildx build --label ...`. The quick fix inserts the ' +
        'missing labels with placeholder values to fill in.',
      references: ['https://github.com/opencontainers/image-spec/blob/main/annotations.md', 'https://docs.docker.com/reference/dockerfile/#label'],
    },
    messages: {
      missing: 'The final image has no {labels} label; add it so the image can be traced back to its source',
      missingMany: 'The final image lacks the labels {labels}; add them so the image can be traced back to its source',
    },
    options: {
      required: {
        type: 'string[]',
        default: ['org.opencontainers.image.source'],
        description: 'Labels the final image must set, for example `org.opencontainers.image.licenses` or `org.opencontainers.image.revision`.',
      },
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM node:22-slim\nCOPY . /app\nCMD ["node", "/app/server.js"]\n' }],
      good: [
        {
          kind: 'dockerfile',
          code: 'FROM node:22-slim\nLABEL org.opencontainers.image.source="https://github.com/acme/api"\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
        },
      ],
    },
    aliases: { hadolint: ['DL3049'] },
  },
  dockerfile({ model, report, fix, options }) {
    const final = model.finalStage;
    if (!final) return;
    const required = (options.required as string[]).filter((l) => l.trim() !== '');
    const set = new Set<string>();
    for (const stage of stageChain(final)) {
      for (const instr of stage.instructions) {
        if (instr.keyword === 'LABEL') for (const p of instr.properties) set.add(unquote(p.name));
      }
    }
    const missing = required.filter((l) => !set.has(l));
    if (missing.length === 0) return;
    const e = model.escape;
    const lines = missing.map((l, i) => {
      const pair = `${l}="${PLACEHOLDERS[l] ?? '<value>'}"`;
      const head = i === 0 ? `LABEL ${pair}` : `      ${pair}`;
      return i < missing.length - 1 ? `${head} ${e}` : head;
    });
    report({
      messageId: missing.length === 1 ? 'missing' : 'missingMany',
      data: { labels: missing.map((l) => `"${l}"`).join(', ') },
      range: final.from.range,
      fixes: [fix(`Add ${missing.length === 1 ? 'the label' : 'the labels'} ${missing.map((l) => `"${l}"`).join(', ')}`, [insertLinesAfter(model, final.from, lines)])],
    });
  },
});
