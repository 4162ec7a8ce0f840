import { afterEach } from 'vitest';
import { runCli } from '../../server/src/cli/main';
import { makeWorkspace } from './workspace';

/** Runs the CLI in process, as a terminal-less CI job would, and captures what it prints. */
export function runCaptured(argv: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, isTTY: false, env: {} });
  return { code, stdout, stderr };
}

/**
 * Call once at the top of a test file: returns a function that makes a throw-away workspace from
 * `{relativePath: content}`; every workspace a test made is removed after it.
 */
export function testWorkspaces(): (files: Record<string, string>) => string {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  return (files) => {
    const ws = makeWorkspace(files);
    cleanups.push(ws.cleanup);
    return ws.dir;
  };
}
