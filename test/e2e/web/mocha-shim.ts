/**
 * `import { describe, it, ... } from 'mocha'` in the web suite bundle: mocha's browser build
 * (loaded by web/index.ts) defines these as globals once `mocha.setup()` ran; the test files are
 * required after that, so each call is looked up when it is made.
 */
type Fn = (...args: unknown[]) => unknown;
const g = globalThis as unknown as Record<string, Fn & Record<string, Fn>>;
const call =
  (name: string): Fn =>
  (...args) =>
    g[name](...args);
const withVariants = (name: string) => Object.assign(call(name), { only: (...a: unknown[]) => g[name].only(...a), skip: (...a: unknown[]) => g[name].skip(...a) });

export const describe = withVariants('describe');
export const context = withVariants('context');
export const it = withVariants('it');
export const specify = withVariants('specify');
export const before = call('before');
export const after = call('after');
export const beforeEach = call('beforeEach');
export const afterEach = call('afterEach');
export default { describe, context, it, specify, before, after, beforeEach, afterEach };
