import { describe, expect, it } from 'vitest';
import { lintDetailed } from '../../server/src/engine/lint';

/**
 * Any text is a Dockerfile to BuildKit (unknown lines are build errors, not a failed parse), so
 * the Dockerfile parser must never give up: a thrown parse error costs the user every finding.
 * Cases found by `npm run fuzz` (minimised).
 */
describe('the Dockerfile parser never gives up', () => {
  it.each([
    // dockerfile-ast's Run.getHeredocs throws ("Cannot read properties of undefined (reading 'getRange')")
    // on a line continuation ended by a lone CR and followed by a comment line.
    ['a continuation ended by a lone CR, then a comment', 'RUN \\\r#t\n'],
    ['the same inside a real file', 'FROM alpine:3.20\nRUN apk add curl \\\r# comment\n    && true\nUSER root\n'],
  ])('%s', (_name, text) => {
    const r = lintDetailed({ kind: 'dockerfile', text });
    expect(r.findings.filter((f) => f.messageId === 'unparsable').map((f) => f.message)).toEqual([]);
  });
});
