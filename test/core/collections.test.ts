import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstCovering, partitionPoint, pushTo } from '../../server/src/core/collections';
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

describe('firstCovering', () => {
  it('gives each point the lowest-index span that holds it, ends included, or -1', () => {
    const spans = [
      { from: 5, to: 9 },
      { from: 2, to: 6 },
      { from: 6, to: 6 },
      { from: 12, to: 12 },
    ];
    expect([...firstCovering([0, 2, 5, 6, 7, 9, 10, 12, 6, 2], spans)]).toEqual([-1, 1, 0, 0, 0, 0, -1, 3, 0, 1]);
    expect([...firstCovering([1, 2], [])]).toEqual([-1, -1]);
    expect([...firstCovering([], spans)]).toEqual([]);
  });

  it('equals a scan of the spans in order (random points and spans, seeded)', () => {
    const span = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 8 })).map(([from, len]) => ({ from, to: from + len }));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 })), fc.array(span, { maxLength: 12 }), (points, spans) => {
        expect([...firstCovering(points, spans)]).toEqual(points.map((p) => spans.findIndex((s) => s.from <= p && p <= s.to)));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
