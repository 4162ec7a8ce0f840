/**
 * A value computed once per key and kept in `cache` for the next call. The cache holds at most
 * `limit` entries: when it is full it starts again empty, which bounds memory whatever the keys
 * (they may come from workspace files) and costs nothing on the usual path.
 */
export function kept<K, V>(cache: Map<K, V>, key: K, limit: number, make: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
  }
  return value;
}
