import { runCli } from './cli/main';

/**
 * A reader that stops early (`bulkhead rules | head`) closes the pipe: the rest of the output has
 * nowhere to go, which is not an error of the run. Exit quietly with the run's own code instead of
 * Node's unhandled `EPIPE` stack trace.
 */
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

/** The `bulkhead` command (`dist/cli.js`). */
const code = runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
});
process.exitCode = code;
