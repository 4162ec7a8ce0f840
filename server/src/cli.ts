import { runCli } from './cli/main';

/** The `bulkhead` command (`dist/cli.js`). */
const code = runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
});
process.exitCode = code;
