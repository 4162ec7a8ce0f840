import { describe, expect, it } from 'vitest';
import { parseCaseFile } from './case-file';

describe('conformance case files', () => {
  it('reads cases, their attributes, their code and the files next to them', () => {
    const text = [
      '# a note',
      '=== positive: a hit @lines 2, 3 @kind compose @config {"now":"2026-11-29"} @with no-sudo',
      'services:',
      '  web: {}',
      '--- file Dockerfile',
      'FROM alpine:3.22',
      '',
      '=== negative: clean @known not yet',
      'FROM alpine:3.22',
      '',
      '',
    ].join('\n');
    const [p, n] = parseCaseFile('r', text, 'r.cases');
    expect(p).toMatchObject({ rule: 'r', positive: true, name: 'a hit', kind: 'compose', lines: [2, 3], with: ['no-sudo'], code: 'services:\n  web: {}\n', files: { Dockerfile: 'FROM alpine:3.22\n' }, line: 2 });
    expect(p.config?.now).toEqual(new Date('2026-11-29'));
    expect(n).toMatchObject({ positive: false, name: 'clean', known: 'not yet', code: 'FROM alpine:3.22\n', files: {}, with: [] });
  });

  it('rejects a positive case without lines, a bad kind and a nameless case, naming the place', () => {
    expect(() => parseCaseFile('r', '=== positive: x\nFROM a\n', 'r.cases')).toThrow('r.cases:1: a positive case lists the lines');
    expect(() => parseCaseFile('r', '=== negative: x @kind yaml\n', 'r.cases')).toThrow('r.cases:1: @kind');
    expect(() => parseCaseFile('r', '=== negative:  @kind compose\n', 'r.cases')).toThrow('r.cases:1: a case needs a name');
    expect(() => parseCaseFile('r', '=== positive: x @lines 0\n', 'r.cases')).toThrow('@lines must be line numbers');
  });
});
