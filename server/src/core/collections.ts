/**
 * Small shapes the engine needs in several places, written once: a map of lists (grouping items by
 * a key), the binary search over something sorted, and which line span covers each line.
 */

/** Appends `value` to the list under `key`, starting the list when the key is new. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The first index in `[0, count)` at which `before(index)` is false, or `count` when it never is.
 * `before` must hold for a run of indices from 0 and not after it (a sorted list asked "is this
 * entry before what I look for?"): a binary search, log2(count) calls.
 */
export function partitionPoint(count: number, before: (index: number) => boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A span of lines, both ends included. */
export interface LineSpan {
  from: number;
  to: number;
}

/**
 * For each point, the index of the first span (the lowest index) with `from <= point <= to`, or -1.
 * A file can hold thousands of both (findings and the comments or services they fall in), so this
 * is a sweep in point order with the spans that have started in a heap by index, not a test of
 * every point against every span: O((points + spans) log spans).
 */
export function firstCovering(points: readonly number[], spans: readonly LineSpan[]): Int32Array {
  const out = new Int32Array(points.length).fill(-1);
  if (spans.length === 0) return out;
  const order = points.map((_, k) => k).sort((a, b) => points[a] - points[b]);
  const starts = spans.map((_, i) => i).sort((a, b) => spans[a].from - spans[b].from);
  const open = new IndexHeap();
  let next = 0;
  for (const k of order) {
    const at = points[k];
    while (next < starts.length && spans[starts[next]].from <= at) open.push(starts[next++]);
    // A span that ended before this point ended before every later one: it leaves when it comes to the top.
    while (open.size > 0 && spans[open.top()].to < at) open.pop();
    if (open.size > 0) out[k] = open.top();
  }
  return out;
}

/** A binary min-heap of indices. */
class IndexHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  top(): number {
    return this.items[0];
  }
  push(v: number): void {
    const a = this.items;
    let i = a.push(v) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent] <= v) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = v;
  }
  pop(): void {
    const a = this.items;
    const last = a.pop()!;
    if (a.length === 0) return;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= a.length) break;
      if (child + 1 < a.length && a[child + 1] < a[child]) child++;
      if (a[child] >= last) break;
      a[i] = a[child];
      i = child;
    }
    a[i] = last;
  }
}
