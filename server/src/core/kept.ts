/**
 * A value computed once per key and kept in `cache` for the next call. The cache holds at most
 * `limit` entries: when it is full it starts again empty, which bounds memory whatever the keys
 * (they may come from workspace files) and costs nothing on the usual path. Any value is kept,
 * `undefined` and `null` too (a file that is absent stays absent until the cache is dropped).
 */
export function kept<K, V>(cache: Map<K, V>, key: K, limit: number, make: (key: K) => V): V {
  if (cache.has(key)) return cache.get(key) as V;
  const value = make(key);
  if (cache.size >= limit) cache.clear();
  cache.set(key, value);
  return value;
}
