/**
 * With BULKHEAD_E2E_FORCE_FAIL=1 (or `npm run test:e2e -- --force-fail`), a test that always fails
 * is added: the run must then end with "e2e: N passed, 1 failed" and a non-zero exit code.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { e2eEnv, ENV } from './result';

if (e2eEnv(ENV.forceFail) === '1') {
  describe('forced failure', () => {
    it(`fails on purpose (${ENV.forceFail}=1)`, () => {
      assert.fail(`${ENV.forceFail}=1 asks for a failing test`);
    });
  });
}
