import { DEFAULT_MAX_FILE_SIZE } from '../core/types';
import { defineRule } from '../rule-api/rule';

/**
 * Reports a file too large to analyse. The engine checks the size before it parses anything (see
 * lint.ts), so a huge file costs the editor, the CLI and CI nothing; this module holds the metadata,
 * so the finding can be configured, documented and turned off like any rule.
 */
export default defineRule({
  meta: {
    id: 'file-too-large',
    practice: 10,
    title: 'File too large to analyse',
    severity: 'info',
    kind: 'risk',
    severityReason: 'Information: nothing in the file was checked, which the reader should know, but the size itself is no risk.',
    targets: ['dockerfile', 'compose', 'devcontainer'],
    docs: {
      summary: `The file has more characters than the size limit (${DEFAULT_MAX_FILE_SIZE.toLocaleString('en-US')} by default), so it was not parsed and no other rule ran on it.`,
      rationale:
        'A linter that runs on every keystroke and in CI must stay fast whatever a repository holds: a generated or ' +
        'corrupted file of many megabytes would otherwise block the language server or a CI job. Real Dockerfiles and ' +
        'Compose files are a few kilobytes, so a file over the limit is almost always generated, vendored or broken. ' +
        'It is filed under practice 10 (lifecycle maintenance): a file nobody can review is a maintenance defect, and ' +
        'it has not been checked.',
      howToFix:
        'Split or shrink the file, or exclude it (`ignore:` in `.bulkhead.yaml`). `maxFileSize` in `.bulkhead.yaml` (up to ' +
        '10,000,000) or, in the editor, the `bulkhead.maxFileSize` setting raises the limit. Turning this rule off hides the ' +
        'finding, but the file is still not analysed. Bulkhead stops reading a file from disk at the limit, so a huge file costs little.',
    },
    messages: {
      tooLarge: 'This file was not analysed: it has {size} characters, over the limit of {limit}',
      tooLargeBytes: 'This file was not analysed: it has {bytes} bytes, and more than the limit of {limit} characters',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM alpine:3.22\nRUN apk add --no-cache curl\nUSER 10001\n', config: { maxFileSize: 40 } }],
      good: [{ kind: 'dockerfile', code: 'FROM alpine:3.22\nUSER 10001\n', config: { maxFileSize: 40 } }],
    },
  },
});
