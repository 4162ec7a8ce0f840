/** Bulkhead's version, as in package.json (a test checks they agree): the CLI, the server's `serverInfo` and `--version`. */
export const VERSION = '0.1.0';
