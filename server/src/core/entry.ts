/**
 * `table[key]` for a key read from a file (a command name, a flag, an image name, a Compose key):
 * only the table's own entries. A plain object also answers `constructor`, `toString`,
 * `__proto__`... with what every object inherits, so `RUN constructor remove x` made a rule throw
 * and other names could have put a function into a message or a fix.
 */
export function entryOf<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
