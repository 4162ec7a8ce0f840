import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../server/src/rule-api/rule';

/** Every finding's message comes from a template of its rule's metadata, filled from the rule's data. */
describe('formatMessage', () => {
  it('fills each placeholder that data names, left to right', () => {
    expect(formatMessage('Service "{service}" publishes {port} on {host}.', { service: 'web', port: 8080, host: '0.0.0.0' })).toBe('Service "web" publishes 8080 on 0.0.0.0.');
  });

  it('keeps placeholders that data does not name, and a template without data, as written', () => {
    expect(formatMessage('{a} and {b}', { a: 'x' })).toBe('x and {b}');
    expect(formatMessage('{a} and {b}', undefined)).toBe('{a} and {b}');
  });

  it('handles adjacent placeholders, placeholders at both ends, and text without any', () => {
    expect(formatMessage('{a}{b}', { a: '1', b: '2' })).toBe('12');
    expect(formatMessage('{a}', { a: '' })).toBe('');
    expect(formatMessage('no placeholders', { a: '1' })).toBe('no placeholders');
    expect(formatMessage('', {})).toBe('');
  });

  it('leaves braces that are not a placeholder alone', () => {
    expect(formatMessage('{} {a-b} {{a}} { a }', { a: 'x', 'a-b': 'y' })).toBe('{} {a-b} {x} { a }');
  });

  it('inserts data literally: no replacement patterns, no second pass over inserted text', () => {
    expect(formatMessage('{a} {b}', { a: "$& $1 $' {b}", b: 'B' })).toBe("$& $1 $' {b} B");
  });

  it('gives the same text on a second call with other data (the split template is reused)', () => {
    const t = 'Image {image} is {age}.';
    expect(formatMessage(t, { image: 'node:8', age: 'old' })).toBe('Image node:8 is old.');
    expect(formatMessage(t, { image: 'alpine:3.4', age: 'end of life' })).toBe('Image alpine:3.4 is end of life.');
  });
});
