// `yaml` publishes one source in two builds: CommonJS for Node (its `node` export condition) and
// ES modules for everything else (the web extension bundles that one already). Bundled from
// CommonJS, every call into the package goes through esbuild's interop getters, and each module of
// the package reaches the others through `exports` objects; bundled from ES modules, they are plain
// function calls. On the real corpus the ES module build parses Compose files about 20% faster and
// Bulkhead's whole Compose analysis is about 15% faster. The two builds differ only in that the
// CommonJS one reports warnings with `process.emitWarning` (Bulkhead never calls the API that warns:
// `YAML.parse`, `toJS`) and prints its tokens when LOG_TOKENS or LOG_STREAM is set in the environment.
// This plugin points every `import ... from 'yaml'` of a bundle at the ES module build.
import { dirname, join } from 'node:path';

/** @type {import('esbuild').Plugin} */
export const yamlEsm = {
  name: 'yaml-esm',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, async (args) => {
      const manifest = await build.resolve('yaml/package.json', { kind: args.kind, resolveDir: args.resolveDir });
      if (manifest.errors.length > 0) return { errors: manifest.errors };
      return { path: join(dirname(manifest.path), 'browser', 'index.js') };
    });
  },
};
