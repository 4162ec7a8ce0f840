import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partitionPoint, pushTo } from '../../server/src/core/collections';
import { SEED } from '../robustness/arbitraries';

describe('pushTo', () => {
  it('groups values under their key, in the order they came', () => {
    const m = new Map<string, number[]>();
    for (const [k, v] of [['a', 1], ['b', 2], ['a', 3]] as const) pushTo(m, k, v);
    expect([...m]).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
  });
});

describe('partitionPoint', () => {
  it('is the first index where the predicate fails: 0 when it never holds, count when it always does', () => {
    const xs = [1, 3, 3, 5];
    expect([0, 1, 3, 4, 5, 6].map((x) => partitionPoint(xs.length, (k) => xs[k] < x))).toEqual([0, 0, 1, 3, 3, 4]);
    expect(partitionPoint(xs.length, (k) => xs[k] <= 3)).toBe(3);
    expect(partitionPoint(0, () => true)).toBe(0);
  });

  it('equals a scan from the start (random sorted lists and targets, seeded)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 })), fc.integer({ min: -1, max: 21 }), (raw, x) => {
        const xs = [...raw].sort((a, b) => a - b);
        const scan = xs.findIndex((v) => !(v < x));
        expect(partitionPoint(xs.length, (k) => xs[k] < x)).toBe(scan < 0 ? xs.length : scan);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
