import type { Plugin } from 'esbuild';
export const yamlEsm: Plugin;
