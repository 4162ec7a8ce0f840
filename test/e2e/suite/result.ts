/** What suite/index.ts writes to BULKHEAD_E2E_RESULT_FILE and the launchers read back. */
export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
  tests: { title: string; state: 'passed' | 'failed' | 'pending'; durationMs?: number; error?: string }[];
}

/**
 * The suite's workspace copy also holds the repository's examples/, a `.git` naming this commit and
 * remote (text files, as Bulkhead reads them), and in `file` what `bulkhead checklist examples
 * --format markdown` printed there: the view's export of examples/ must be the same text.
 */
export const CHECKLIST_PARITY = {
  file: '.e2e/checklist-examples.md',
  commit: '0123456789abcdef0123456789abcdef01234567',
  remote: 'git@github.com:bulkhead-security/e2e-fixture.git',
  web: 'https://github.com/bulkhead-security/e2e-fixture',
} as const;

/** Environment variables that the launchers pass into the extension host. */
export const ENV = {
  /** Where run() writes its SuiteResult as JSON. */
  resultFile: 'BULKHEAD_E2E_RESULT_FILE',
  /** The folder the extension under test was loaded from (the unpacked VSIX); the suite checks it. */
  extensionPath: 'BULKHEAD_E2E_EXTENSION_PATH',
  /** The copy of test/e2e/fixtures/workspace that the window has open. */
  workspace: 'BULKHEAD_E2E_WORKSPACE',
  /** "1": add a test that fails, to prove that a failure fails the run. */
  forceFail: 'BULKHEAD_E2E_FORCE_FAIL',
  /** Only run tests whose full title contains this text (mocha grep). */
  grep: 'BULKHEAD_E2E_GREP',
} as const;

/**
 * Starts every line of the mocha report (an invisible separator, U+2063): the code-server launcher
 * receives the window's whole console and prints only these lines.
 */
export const REPORT_MARK = '\u2063';

/** Which extension host the launcher forced the extension into (`node` unless set): the suite checks it. */
export const HOST_ENV = 'BULKHEAD_E2E_HOST';

/**
 * The web worker extension host has no `process.env`: there the web runner (web/index.ts) reads the
 * launcher's variables from a file and puts them here before the test files load.
 */
export const WEB_ENV_GLOBAL = '__bulkheadE2eEnv';

/** An environment variable the launcher set, in either extension host. */
export function e2eEnv(name: string): string | undefined {
  const web = (globalThis as Record<string, unknown>)[WEB_ENV_GLOBAL] as Record<string, string> | undefined;
  if (web) return web[name];
  return typeof process !== 'undefined' ? process.env?.[name] : undefined;
}

/** The web run: the small extension that carries the suite into the web worker host, and its settings file. */
export const WEB_RUNNER = { publisher: 'bulkhead', name: 'bulkhead-e2e-web-runner', config: 'suite/config.json' } as const;

/** What the launcher writes to the web runner's config file. */
export interface WebRunnerConfig {
  /** The launcher's variables (ENV and HOST_ENV). */
  env: Record<string, string>;
  /** Where run() writes its SuiteResult: a URI the window's file system can write (vscode-remote://...). */
  resultUri: string;
}
