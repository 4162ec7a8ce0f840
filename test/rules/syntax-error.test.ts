import { expect, it } from 'vitest';
import { lint } from '../../server/src/engine/lint';
import rule from '../../server/src/rules/syntax-error';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'valid Compose', kind: 'compose', code: 'services:\n  web:\n    image: nginx:1.27\n' },
    { name: 'empty file', kind: 'compose', code: '' },
    { name: 'unknown tags such as !reset are not errors', kind: 'compose', code: 'services:\n  web:\n    ports: !reset []\n' },
  ],
  invalid: [
    {
      name: 'unclosed flow sequence',
      kind: 'compose',
      code: 'services:\n  web:\n    image: [nginx:1.27\n',
      errors: [{ messageId: 'yaml', at: '3:22-3:23' }],
    },
    {
      name: 'repeated keys: each is reported where it is repeated',
      code: 'services:\n  web:\n    image: a:1\n    image: b:2\n  web:\n    image: c:3\n',
      errors: [
        { messageId: 'duplicateKey', at: '4:5-4:10', message: 'The key "image" is repeated in this mapping, so Docker Compose rejects the file; keep one (Bulkhead reads the first)' },
        { messageId: 'duplicateKey', at: '5:3-5:6', message: 'The key "web" is repeated in this mapping, so Docker Compose rejects the file; keep one (Bulkhead reads the first)' },
      ],
    },
    {
      name: 'several documents',
      kind: 'compose',
      code: 'services: {}\n---\nservices: {}\n',
      errors: [{ messageId: 'multipleDocuments', at: '2:1-2:4' }],
    },
  ],
});

it('a repeated key does not hide the other rules\' findings (the shape of a service pasted twice)', () => {
  const text = 'services:\n  db:\n    image: postgres:17.2\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter2\n    ports:\n      - "5432:5432"\n    ports:\n      - "5433:5432"\n';
  const findings = lint({ kind: 'compose', text }, { now: new Date('2026-01-15') });
  expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.range.start.line + 1}`)).toEqual(['no-hardcoded-secrets 5', 'syntax-error 8']);
  expect(findings.map((f) => f.ruleId)).toContain('harden-service');
});

it('a Compose file with a syntax error gets that finding only, never an exception', () => {
  const findings = lint({ kind: 'compose', text: 'services:\n  web:\n    privileged: true\n  db: [\n' });
  expect(findings.map((f) => f.ruleId)).toEqual(['syntax-error']);
});
