/**
 * `node:assert/strict` for the web suite bundle (the web worker extension host has no Node
 * built-ins): the functions the e2e files use, with Node's strict semantics (Object.is for
 * equal, structural deep equality) and messages in the same spirit.
 */

export class AssertionError extends Error {
  override name = 'AssertionError';
  constructor(
    message: string,
    readonly actual?: unknown,
    readonly expected?: unknown,
  ) {
    super(message);
  }
}

const show = (v: unknown): string => {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : v instanceof RegExp ? String(v) : JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    return String(v);
  }
};

function fail(message: string | Error | undefined, fallback: string, actual?: unknown, expected?: unknown): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? fallback, actual, expected);
}

function deepEq(a: unknown, b: unknown, seen = new Map<object, object>()): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (a instanceof Date) return a.getTime() === (b as Date).getTime();
  if (a instanceof RegExp) return String(a) === String(b);
  if (a instanceof Map) {
    const m = b as Map<unknown, unknown>;
    return a.size === m.size && [...a].every(([k, v]) => m.has(k) && deepEq(v, m.get(k), seen));
  }
  if (a instanceof Set) {
    const s = b as Set<unknown>;
    return a.size === s.size && [...a].every((v) => s.has(v));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEq((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], seen));
}

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fail(message, `The expression evaluated to a falsy value: ${show(value)}`, value, true);
}

export function equal(actual: unknown, expected: unknown, message?: string | Error): void {
  if (!Object.is(actual, expected)) fail(message, `Expected values to be strictly equal:\n${show(actual)} !== ${show(expected)}`, actual, expected);
}

export function notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) fail(message, `Expected "actual" to be strictly unequal to: ${show(expected)}`, actual, expected);
}

export function deepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (!deepEq(actual, expected)) fail(message, `Expected values to be strictly deep-equal:\nactual:   ${show(actual)}\nexpected: ${show(expected)}`, actual, expected);
}

export function notDeepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (deepEq(actual, expected)) fail(message, `Expected "actual" not to be strictly deep-equal to: ${show(expected)}`, actual, expected);
}

export function match(actual: string, re: RegExp, message?: string | Error): void {
  if (typeof actual !== 'string' || !re.test(actual)) fail(message, `The input did not match the regular expression ${String(re)}. Input:\n${show(actual)}`, actual, re);
}

export function doesNotMatch(actual: string, re: RegExp, message?: string | Error): void {
  if (typeof actual !== 'string' || re.test(actual)) fail(message, `The input was expected to not match the regular expression ${String(re)}. Input:\n${show(actual)}`, actual, re);
}

export function throws(fn: () => unknown, message?: string | Error): void {
  try {
    fn();
  } catch {
    return;
  }
  fail(message, 'Missing expected exception.');
}

export async function rejects(p: Promise<unknown> | (() => Promise<unknown>), message?: string | Error): Promise<void> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch {
    return;
  }
  fail(message, 'Missing expected rejection.');
}

function assertFail(message?: string | Error): never {
  fail(message, 'Failed');
}
export { assertFail as fail };

export const strictEqual = equal;
export const notStrictEqual = notEqual;
export const deepStrictEqual = deepEqual;
export const notDeepStrictEqual = notDeepEqual;

const assert = Object.assign((value: unknown, message?: string | Error) => ok(value, message), {
  ok,
  equal,
  notEqual,
  deepEqual,
  notDeepEqual,
  strictEqual,
  notStrictEqual,
  deepStrictEqual,
  notDeepStrictEqual,
  match,
  doesNotMatch,
  throws,
  rejects,
  fail: assertFail,
  AssertionError,
  strict: undefined as unknown,
});
assert.strict = assert;
export { assert as strict };
export default assert;
