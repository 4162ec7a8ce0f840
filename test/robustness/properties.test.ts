import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Target } from '../../server/src/core/types';
import { HAS_CORPUS } from '../helpers/corpus';
import { applyMutations, corpusMutation, kindArb, randomText, SEED, tokenSoup } from './arbitraries';
import { corpusTexts, smallFiles } from './corpus-texts';
import { checkInvariants } from './invariants';
import { devcontainerConfigs, HAS_DEVCONTAINER_CORPUS } from '../corpus/devcontainer-configs';

/**
 * Property tests: for every input, lint returns (no exception, no rule error), every range lies
 * inside the document and is non-empty, findings are sorted, and the safe fixes chosen for fix-all
 * never overlap. A modest number of inputs here; `npm run fuzz` runs 100,000+ and reports the
 * slowest (no time bound here: it would fail at random on a loaded machine; the growth checks in
 * pathological.test.ts and regexes.test.ts guard against super-linear work).
 * Seeded: a failure prints its seed and path, and BULKHEAD_FUZZ_SEED=<seed> replays it.
 */
/** Inputs per property (corpus mutations, which lint whole real files, get fewer); BULKHEAD_PROPERTY_RUNS scales both. */
const RUNS = Number(process.env.BULKHEAD_PROPERTY_RUNS ?? 1000);
const CORPUS_RUNS = Math.ceil(RUNS * 0.4);

function holds(text: string, kind: Target, extra: { twice?: boolean; fixAll?: boolean } = {}): void {
  const r = checkInvariants(text, kind, extra);
  if (r.problems.length > 0) throw new Error(`${kind} input ${JSON.stringify(text.length > 2000 ? text.slice(0, 2000) + '…' : text)}:\n- ${r.problems.join('\n- ')}`);
}

const params = (numRuns: number) => ({ seed: SEED, numRuns });

describe(`lint never fails, whatever the text (fast-check seed ${SEED})`, () => {
  it('random text (any UTF-16 code units), as either kind', () => {
    fc.assert(fc.property(randomText, kindArb, (text, kind) => holds(text, kind)), params(RUNS));
  });

  it('Dockerfile vocabulary in random order, fixes applied too', () => {
    fc.assert(fc.property(tokenSoup('dockerfile'), (text) => holds(text, 'dockerfile', { twice: true, fixAll: true })), params(RUNS));
  });

  it('Compose vocabulary in random order, fixes applied too', () => {
    fc.assert(fc.property(tokenSoup('compose'), (text) => holds(text, 'compose', { twice: true, fixAll: true })), params(RUNS));
  });

  it('Dev Container (JSONC) vocabulary in random order, fixes applied too', () => {
    fc.assert(fc.property(tokenSoup('devcontainer'), (text) => holds(text, 'devcontainer', { twice: true, fixAll: true })), params(RUNS));
  });
});

const texts = corpusTexts();

describe.skipIf(!HAS_CORPUS)(`mutations of real files from ../shared/corpus/real (fast-check seed ${SEED})`, () => {
  it('deleted, duplicated and swapped lines, random bytes, truncation, indentation and line-ending flips', () => {
    fc.assert(
      fc.property(corpusMutation(texts), (m) => {
        const { text, kind } = applyMutations(texts, m);
        holds(text, kind, { fixAll: true });
      }),
      params(CORPUS_RUNS),
    );
  });

  it('truncated at every offset: one small Dockerfile and one small Compose file', () => {
    const files = smallFiles(texts, 1, 900);
    expect(files.map((f) => f.kind)).toEqual(['dockerfile', 'compose']);
    for (const f of files) {
      for (let end = 0; end <= f.text.length; end++) {
        const r = checkInvariants(f.text.slice(0, end), f.kind);
        if (r.problems.length > 0) throw new Error(`${f.path} cut at ${end}:\n- ${r.problems.join('\n- ')}`);
      }
    }
  });
});

describe.skipIf(!HAS_DEVCONTAINER_CORPUS)(`mutations of Dev Container configurations from ../shared/corpus/devcontainer (fast-check seed ${SEED})`, () => {
  const configs = HAS_DEVCONTAINER_CORPUS ? devcontainerConfigs().map((c) => ({ path: c.name, kind: 'devcontainer' as const, text: c.text })) : [];
  it('deleted, duplicated and swapped lines, random bytes, truncation, indentation and line-ending flips', () => {
    fc.assert(
      fc.property(corpusMutation(configs), (m) => {
        const { text, kind } = applyMutations(configs, m);
        holds(text, kind, { fixAll: true });
      }),
      params(CORPUS_RUNS),
    );
  }, 120_000);
});
