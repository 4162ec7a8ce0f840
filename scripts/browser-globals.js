// Node globals that dependencies use on code paths the browser bundles reach, for the web worker
// (scripts/build.mjs injects this file into dist/browser/*.js; nothing else is polyfilled).
// dockerfile-ast looks for a UTF-8 byte-order mark with Buffer.from(char, 'UTF-8').
export const Buffer = {
  from(value, encoding) {
    if (typeof value !== 'string') return Uint8Array.from(value);
    if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) throw new Error(`the "${encoding}" encoding is not available in the browser build`);
    return new TextEncoder().encode(value);
  },
};
