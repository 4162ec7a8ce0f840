/** What suite/index.ts writes to BULKHEAD_E2E_RESULT_FILE and the launchers read back. */
export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
  tests: { title: string; state: 'passed' | 'failed' | 'pending'; durationMs?: number; error?: string }[];
}

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
