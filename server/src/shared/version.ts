import { version } from '../../../package.json';

/**
 * Bulkhead's version, read from package.json at build time: esbuild inlines this one field into
 * each bundle (the CLI's `--version`, the server's `serverInfo` and log, the VS Code client's log),
 * so a release changes it in one place.
 */
export const VERSION: string = version;
