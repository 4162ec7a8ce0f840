import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dockerfile } from 'dockerfile-ast';
import { parseDockerfileAst, withOriginalDockerfileAst } from '../../server/src/parse/dockerfile-ast-adapter';
import { HAS_CORPUS, realCorpus } from '../helpers/corpus';
import { randomText, SEED, tokenSoup } from '../robustness/arbitraries';

/** Everything Bulkhead reads from dockerfile-ast, plus the comments assigned to each stage. */
function signature(d: Dockerfile): unknown {
  const stages = d as unknown as { buildStages: { getComments(): { getContent(): string }[] }[] };
  return {
    directives: d.getDirectives().map((x) => [x.getName(), x.getValue()]),
    comments: d.getComments().map((c) => [c.getContent(), c.getRange()]),
    stageComments: stages.buildStages.map((s) => s.getComments().map((c) => c.getContent())),
    instructions: d.getInstructions().map((i) => {
      const flags = 'getFlags' in i ? (i as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags().map((f) => [f.getName(), f.getValue()]) : null;
      // Ask twice: the second answer comes from the cache and must be the same, and unaffected by callers' mutations.
      const first = i.getArguments().map((a) => [a.getValue(), a.getRange()]);
      i.getArguments().splice(0);
      const second = i.getArguments().map((a) => [a.getValue(), a.getRange()]);
      expect(second).toEqual(first);
      return [i.getKeyword(), i.getRange(), first, flags];
    }),
  };
}

const same = (text: string): boolean => JSON.stringify(signature(parseDockerfileAst(text))) === JSON.stringify(withOriginalDockerfileAst(() => signature(parseDockerfileAst(text))));

/** Texts made of what the argument tokeniser branches on: escapes before spaces, tabs and line ends, comments in continuations, `$`. */
const ESCAPE_HEAVY = fc
  .array(fc.constantFrom('RUN ', 'ONBUILD RUN ', 'ENV ', 'COPY --from=a ', 'FROM a\n', '# escape=`\n', 'a', 'bc', '$', '#', ' ', '  ', '\t', '\n', '\r\n', '\r', '\\', '`', '\\ ', '\\\t', '\\\n', '\\\r\n', '\\  \n', '` \n', '\\$', '\\#', '"', "'", 'é'), { maxLength: 40 })
  .map((parts) => parts.join(''));

const SAMPLES = [
  '# syntax=docker/dockerfile:1\nARG A=1\n# before FROM\nFROM alpine:3.22 AS a\n# in a\nRUN --mount=type=cache,target=/x \\\n  # comment in a continuation\n  echo hi\nFROM a\n# in b\nCOPY --from=a /x /y\n',
  'FROM x\nRUN <<EOF\n# not a comment\nEOF\n# after\nENV A="b c" D=e\n',
];

describe('dockerfile-ast adapter', () => {
  it('returns exactly what the unpatched library returns (samples)', () => {
    for (const text of SAMPLES) expect(signature(parseDockerfileAst(text))).toEqual(withOriginalDockerfileAst(() => signature(parseDockerfileAst(text))));
  });

  it.skipIf(!HAS_CORPUS)('returns exactly what the unpatched library returns (every corpus Dockerfile)', () => {
    for (const f of realCorpus().filter((x) => x.kind === 'dockerfile')) {
      const text = readFileSync(f.abs, 'utf8');
      const patched = signature(parseDockerfileAst(text));
      const original = withOriginalDockerfileAst(() => signature(parseDockerfileAst(text)));
      if (JSON.stringify(patched) !== JSON.stringify(original)) throw new Error(`the adapter changes what dockerfile-ast returns for ${f.path}`);
    }
  });

  it('returns exactly what the unpatched library returns (random texts, seeded)', () => {
    const params = { seed: SEED, numRuns: 1500 };
    fc.assert(fc.property(ESCAPE_HEAVY, same), params);
    fc.assert(fc.property(tokenSoup('dockerfile'), same), params);
    fc.assert(fc.property(randomText, same), params);
  });

  it('assigns each comment to its stage when there are many of both', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `FROM alpine:3.22 AS s${i}\n${'# note\n'.repeat(10)}RUN true\n`).join('');
    const d = parseDockerfileAst(text) as unknown as { buildStages: { getComments(): unknown[] }[] };
    expect(d.buildStages).toHaveLength(2000);
    expect(d.buildStages.every((s) => s.getComments().length === 10)).toBe(true);
  });
});
