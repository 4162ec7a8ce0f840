/**
 * Memoises a pure function of one object (a shell command, an instruction). Several rules ask the
 * same question of the same command (what does it install? does it download?); the answer is
 * computed once per parsed document and dropped with it. The answer is kept on the object under
 * a private symbol, which is much cheaper to read back than a WeakMap lookup on this hot path.
 * Memoised functions never return undefined (they return null for "none").
 */
export function memoize<K extends object, V>(fn: (key: K) => V): (key: K) => V {
  const slot = Symbol('memo');
  return (key: K): V => {
    const holder = key as unknown as Record<symbol, V | undefined>;
    let value = holder[slot];
    if (value === undefined) value = holder[slot] = fn(key);
    return value;
  };
}
