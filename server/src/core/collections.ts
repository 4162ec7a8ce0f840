/**
 * Two small shapes the engine needs in many places, written once: a map of lists (grouping items
 * by a key), and the binary search over something sorted.
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
