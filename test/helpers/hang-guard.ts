/**
 * Timeouts in tests are hang guards, never speed checks. They are long enough that the slowest
 * test, on a 2-core machine shared with other work (where it runs ten times slower than alone, or
 * more), is far inside them; reaching one means something is stuck.
 */

/** A wait inside a test: for a publish, a poll, a child process, an answer. */
export const WAIT_MS = 300_000;

/** A whole test or hook (vitest's testTimeout and hookTimeout in test/vitest.config.mts). */
export const TEST_MS = 900_000;
