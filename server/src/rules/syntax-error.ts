import { defineRule } from '../rule-api/rule';

export default defineRule({
  meta: {
    id: 'syntax-error',
    practice: 10,
    title: 'File could not be parsed',
    severity: 'error',
    kind: 'risk',
    severityReason: 'An error: the file cannot be analysed, and Docker would reject it too.',
    targets: ['dockerfile', 'compose', 'devcontainer'],
    docs: {
      summary:
        'The file is not valid YAML, or not valid JSON with comments (a Dev Container configuration), or could not be read as a ' +
        'Dockerfile, so no security check could run on it; or a Compose mapping repeats a key, which Docker Compose rejects but ' +
        'which leaves the rest of the file readable, so the other rules still run.',
      rationale:
        'A file Bulkhead cannot parse is a file nobody has checked: every other rule is skipped until it parses. ' +
        'Docker Compose would refuse it too. It is filed under practice 10 (lifecycle maintenance) because a broken ' +
        'build or deployment file is a maintenance defect, not a practice of its own.',
      howToFix:
        'Fix the error at the reported position: in YAML an indentation, an unclosed bracket or quote, or one of two repeated keys; ' +
        'in `devcontainer.json` a missing comma, quote or bracket (comments and trailing commas are fine).',
    },
    messages: {
      yaml: 'YAML syntax error: {reason}',
      multipleDocuments: 'A Compose file holds one YAML document; this one has several (`---`)',
      duplicateKey: 'The key "{key}" is repeated in this mapping, so Docker Compose rejects the file; keep one (Bulkhead reads the first)',
      unparsable: 'The file could not be parsed: {reason}',
      json: 'JSON syntax error: {reason}',
    },
    examples: {
      bad: [
        { kind: 'compose', code: 'services:\n  web:\n    image: [nginx:1.27\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm"\n  "remoteUser": "vscode"\n}\n' },
      ],
      good: [
        { kind: 'compose', code: 'services:\n  web:\n    image: nginx:1.27\n' },
        { kind: 'devcontainer', code: '{\n  // comments and trailing commas are fine\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n}\n' },
      ],
    },
  },
  compose({ model, report }) {
    // A repeated key leaves the document whole: each is reported, and the other rules still run.
    for (const d of model.duplicateKeys) report({ messageId: 'duplicateKey', data: { key: d.key }, range: d.range });
    const first = model.syntaxErrors[0];
    if (!first) return;
    if (/multiple documents/i.test(first.message)) report({ messageId: 'multipleDocuments', range: first.range });
    else report({ messageId: 'yaml', data: { reason: first.message }, range: first.range });
  },
  devcontainer({ model, report }) {
    const first = model.syntaxErrors[0];
    if (first) report({ messageId: 'json', data: { reason: first.message }, range: first.range });
  },
});
