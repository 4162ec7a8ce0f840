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

/** The longest text whose result `keptByText` keeps among many: about a page of a usual file. */
const SHORT_TEXT = 64 * 1024;

/**
 * `make` of a file's text, kept for the next call with the same text: up to `entries` results of
 * short texts (at most 64 Ki characters), and the result of the last long one only, since what is
 * made from a megabyte-sized file can take tens of MiB. Analyses of one folder's files, and the
 * editor's re-analysis on each keystroke, read the same related file again and again.
 */
export function keptByText<V>(make: (text: string) => V, entries: number): (text: string) => V {
  const short = new Map<string, V>();
  let long: { text: string; value: V } | null = null;
  return (text) => {
    if (text.length <= SHORT_TEXT) return kept(short, text, entries, make);
    if (long?.text !== text) long = { text, value: make(text) };
    return long.value;
  };
}
