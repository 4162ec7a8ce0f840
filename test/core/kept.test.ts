import { describe, expect, it } from 'vitest';
import { kept, keptByText } from '../../server/src/core/kept';

describe('kept: a value computed once per key, in a bounded cache', () => {
  it('computes a key once and returns the kept value after', () => {
    const cache = new Map<string, string[]>();
    const made: string[] = [];
    const make = (k: string) => (made.push(k), [k.toUpperCase()]);
    const first = kept(cache, 'alpine', 4, make);
    expect(first).toEqual(['ALPINE']);
    expect(kept(cache, 'alpine', 4, make)).toBe(first);
    expect(made).toEqual(['alpine']);
  });

  it('starts again empty when full, so it never holds more than the limit', () => {
    const cache = new Map<number, number>();
    for (let i = 0; i < 10; i++) kept(cache, i, 3, (k) => k * 2);
    // 0,1,2 fill it; 3 clears it and 3,4,5 fill it again; 6 clears; 9 clears and is alone.
    expect([...cache.entries()]).toEqual([[9, 18]]);
    expect(kept(cache, 9, 3, () => -1)).toBe(18);
  });

  it('keeps undefined and null like any value: an absent file is not looked up again', () => {
    const cache = new Map<string, string | null | undefined>();
    let reads = 0;
    const read = (k: string) => (reads++, k === 'missing' ? undefined : null);
    expect(kept(cache, 'missing', 4, read)).toBeUndefined();
    expect(kept(cache, 'missing', 4, read)).toBeUndefined();
    expect(kept(cache, 'unreadable', 4, read)).toBeNull();
    expect(kept(cache, 'unreadable', 4, read)).toBeNull();
    expect(reads).toBe(2);
  });

  it('keeps nothing for a key whose computation throws', () => {
    const cache = new Map<string, number>();
    expect(() => kept(cache, 'bad', 3, () => { throw new Error('no'); })).toThrow('no');
    expect(cache.size).toBe(0);
  });
});

describe('keptByText: results of short texts kept, and of the last long one', () => {
  it('makes a text once while it is kept; a long text is kept until another long one comes', () => {
    const made: number[] = [];
    const lengthOf = keptByText((text: string) => (made.push(text.length), { length: text.length }), 2);
    const long = (c: string) => c.repeat(64 * 1024 + 1);
    const a = lengthOf('a');
    expect(lengthOf(' a'.slice(1))).toBe(a);
    const x = lengthOf(long('x'));
    expect(lengthOf(long('x'))).toBe(x);
    lengthOf(long('y'));
    expect(lengthOf(long('x'))).not.toBe(x);
    // Short texts: two kept; a third starts the cache again, so 'a' is made afresh.
    lengthOf('b');
    lengthOf('c');
    expect(lengthOf('a')).not.toBe(a);
    expect(made).toEqual([1, 65537, 65537, 65537, 1, 1, 1]);
  });
});
