import { defineRule } from '../rule-api/rule';
import { copySources, gitRef, sourceKind } from '../knowledge/downloads';

export default defineRule({
  meta: {
    id: 'no-add-remote',
    practice: 10,
    title: 'Verify what ADD downloads',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'A remote `ADD` without a checksum puts whatever the server returns into the image: a supply-chain risk a reviewer asks to pin.',
    targets: ['dockerfile'],
    docs: {
      summary:
        '`ADD` downloads a URL without `--checksum=sha256:...`, or fetches a Git repository at a branch or tag ' +
        'instead of a full commit hash.',
      rationale:
        'A remote `ADD` puts whatever the server returns at build time into the image. Without a checksum, a ' +
        'replaced release file, a compromised mirror or a man in the middle goes unnoticed, and the same ' +
        'Dockerfile builds different images over time. Branches and tags of a Git repository move (tags can be ' +
        'deleted and pushed again); only a commit hash names fixed content.',
      howToFix:
        'Add the expected digest: `ADD --checksum=sha256:<digest> https://example.com/tool.tgz /tmp/` (BuildKit ' +
        'refuses a file that does not match). For Git, name the commit: ' +
        '`ADD https://github.com/org/repo.git#<40-hex commit> /src` (or `--checksum=<commit>` with the Dockerfile ' +
        'frontend 1.16 or later). Alternatively download with `RUN curl` and check the file with `sha256sum -c`. There is ' +
        'no automatic fix: the digest or commit has to come from a source you trust, not from the linter.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#add',
        'https://docs.docker.com/reference/dockerfile/#add---checksum',
      ],
    },
    messages: {
      url: 'ADD downloads "{url}" without --checksum, so a changed or tampered file goes unnoticed; add --checksum=sha256:<digest>',
      gitRef: 'ADD fetches "{url}" at "{ref}", which can move; pin a full commit hash instead',
      gitDefault: 'ADD fetches "{url}" at whatever its default branch points to; pin a full commit hash',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM alpine:3.20\nADD https://example.com/tool-1.2.tgz /tmp/\n' }],
      good: [
        {
          kind: 'dockerfile',
          code:
            'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d ' +
            'https://example.com/tool-1.2.tgz /tmp/\n',
        },
      ],
    },
    aliases: {
      hadolint: ['DL3020'],
      kics: ['add_instead_of_copy', 'curl_or_wget_instead_of_add'],
      trivy: ['DS-0005'],
      checkov: ['CKV_DOCKER_4'],
    },
  },
  dockerfile({ model, report }) {
    for (const outer of model.instructions) {
      const instr = outer.trigger ?? outer;
      if (instr.keyword !== 'ADD') continue;
      const checksum = instr.flag('checksum');
      const checksumValue = checksum?.value ? model.resolve(checksum.value, outer) : null;
      for (const src of copySources(model.text, instr)) {
        const url = model.resolve(src.value, outer).value;
        const kind = sourceKind(url);
        if (kind === 'url' && !checksum?.value) {
          report({ messageId: 'url', data: { url }, range: src.range });
        } else if (kind === 'git') {
          const { ref, pinned } = gitRef(url);
          const hexChecksum = checksumValue !== null && (checksumValue.unresolved.length > 0 || /^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(checksumValue.value));
          if (pinned || hexChecksum) continue;
          const repo = url.replace(/[#?][^]*$/, '');
          if (ref) report({ messageId: 'gitRef', data: { url: repo, ref }, range: src.range });
          else report({ messageId: 'gitDefault', data: { url: repo }, range: src.range });
        }
      }
    }
  },
});
