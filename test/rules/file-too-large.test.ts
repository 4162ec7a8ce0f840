import { describe, expect, it } from 'vitest';
import { fixAll } from '../../server/src/engine/fix-all';
import { DEFAULT_MAX_FILE_SIZE, lint, lintDetailed } from '../../server/src/engine/lint';
import rule from '../../server/src/rules/file-too-large';
import { testRule } from '../helpers/rule-tester';

const SMALL = { maxFileSize: 20 };

testRule(rule, {
  valid: [
    { name: 'under the limit', kind: 'dockerfile', code: 'FROM alpine:3.22\n', config: SMALL },
    { name: 'exactly at the limit', kind: 'dockerfile', code: 'FROM alpine:3.22\n'.padEnd(20, '#'), config: SMALL },
    { name: 'the default limit', kind: 'compose', code: 'services:\n  web:\n    image: nginx:1.27\n' },
  ],
  invalid: [
    {
      name: 'a Dockerfile over the limit: one finding on the first character',
      kind: 'dockerfile',
      code: 'FROM alpine:3.22\nUSER root\n',
      config: SMALL,
      errors: [{ messageId: 'tooLarge', at: '1:1-1:2', message: 'This file was not analysed: it has 27 characters, over the limit of 20' }],
    },
    {
      name: 'a Compose file over the limit',
      kind: 'compose',
      code: 'services:\n  web:\n    privileged: true\n',
      config: SMALL,
      errors: [{ messageId: 'tooLarge', at: '1:1-1:2' }],
    },
    {
      name: 'a file that starts with a line break: the range covers it',
      kind: 'dockerfile',
      code: '\r\nFROM alpine:3.22\nUSER root\n',
      config: SMALL,
      errors: [{ messageId: 'tooLarge', at: '1:1-2:1' }],
    },
    {
      name: 'a file that starts with a surrogate pair: the range does not split it',
      kind: 'dockerfile',
      code: '😀 FROM alpine:3.22\nUSER root\n',
      config: SMALL,
      errors: [{ messageId: 'tooLarge', at: '1:1-1:3' }],
    },
  ],
});

describe('the engine size bound', () => {
  const huge = 'FROM alpine:3.22\nUSER root\n' + '# padding\n'.repeat(DEFAULT_MAX_FILE_SIZE / 10);

  it('a text over the default limit gets this finding only: nothing is parsed, no rule runs', () => {
    expect(huge.length).toBeGreaterThan(DEFAULT_MAX_FILE_SIZE);
    const result = lintDetailed({ kind: 'dockerfile', text: huge });
    expect(result.internalErrors).toEqual([]);
    expect(result.findings.map((f) => [f.ruleId, f.severity])).toEqual([['file-too-large', 'info']]);
  });

  it('the limit is configurable, the severity too; turned off, the file is still not analysed', () => {
    expect(lint({ kind: 'dockerfile', text: huge }, { maxFileSize: Infinity }).some((f) => f.ruleId === 'non-root-user')).toBe(true);
    expect(lint({ kind: 'dockerfile', text: huge }, { rules: { 'file-too-large': 'error' } }).map((f) => [f.ruleId, f.severity])).toEqual([['file-too-large', 'error']]);
    expect(lint({ kind: 'dockerfile', text: huge }, { rules: { 'file-too-large': 'off' } })).toEqual([]);
  });

  it('fix-all refuses a file over the limit and leaves it as it is', () => {
    const text = 'FROM alpine:3.22\n# bulkhead-ignore made-up-rule\nUSER 10001\n';
    expect(fixAll({ kind: 'dockerfile', text }, {}).applied).toBe(1);
    const refused = fixAll({ kind: 'dockerfile', text }, { maxFileSize: 20 });
    expect(refused).toMatchObject({ text, applied: 0, refused: 'the file is too large to analyse' });
  });
});
