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
      name: 'duplicated key: only the first error is reported',
      kind: 'compose',
      code: 'services:\n  web:\n    image: a:1\n    image: b:2\n  web:\n    image: c:3\n',
      errors: [{ messageId: 'yaml', at: '4:5-4:10', message: 'YAML syntax error: Map keys must be unique' }],
    },
    {
      name: 'several documents',
      kind: 'compose',
      code: 'services: {}\n---\nservices: {}\n',
      errors: [{ messageId: 'multipleDocuments', at: '2:1-2:4' }],
    },
  ],
});

it('a Compose file with a syntax error gets that finding only, never an exception', () => {
  const findings = lint({ kind: 'compose', text: 'services:\n  web:\n    privileged: true\n  db: [\n' });
  expect(findings.map((f) => f.ruleId)).toEqual(['syntax-error']);
});
