import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDetailed } from '../../server/src/engine/lint';
import type { Target } from '../../server/src/core/types';
import { RULES } from '../../server/src/rules';
import { CORPUS_DIR, HAS_CORPUS } from '../helpers/corpus';
import { KICS_MAP, type Covered } from './kics-map';

interface Sample {
  kind: Target;
  query: string;
  file: string;
  positive: boolean;
  expectedLines: number[];
}

const KICS = join(CORPUS_DIR, 'kics');

function linesFor(sample: Sample, m: Covered): number[] {
  const rules = RULES.filter((r) => m.rules.includes(r.meta.id));
  const config = { ...m.config, rules: { ...Object.fromEntries(rules.map((r) => [r.meta.id, r.meta.severity])), ...m.config?.rules }, now: new Date('2026-11-29') };
  const text = readFileSync(join(KICS, sample.file), 'utf8');
  const { findings, internalErrors } = lintDetailed({ text, kind: sample.kind, uri: `/kics/${sample.file}` }, config, rules);
  expect(internalErrors).toEqual([]);
  const lines = findings
    .filter((f) => (!m.messageIds || m.messageIds.includes(f.messageId)) && (!m.messagePattern || m.messagePattern.test(f.message)))
    .map((f) => f.range.start.line + 1);
  return [...new Set(lines)].sort((a, b) => a - b);
}

describe.skipIf(!HAS_CORPUS)('conformance with KICS samples (../shared/corpus/kics)', () => {
  const samples: Sample[] = HAS_CORPUS ? JSON.parse(readFileSync(join(KICS, 'expected.json'), 'utf8')) : [];
  const queries = [...new Set(samples.map((s) => s.query))];

  it('every KICS query is either mapped to Bulkhead rules or says why it is not covered', () => {
    expect(queries.length).toBe(69);
    expect(queries.filter((q) => !(q in KICS_MAP))).toEqual([]);
    expect(Object.keys(KICS_MAP).filter((q) => !queries.includes(q))).toEqual([]);
    for (const m of Object.values(KICS_MAP)) if ('rules' in m) for (const id of m.rules) expect(RULES.map((r) => r.meta.id)).toContain(id);
  });

  for (const query of queries) {
    const m = KICS_MAP[query];
    if (!m || !('rules' in m)) continue;
    describe(query, () => {
      for (const sample of samples.filter((s) => s.query === query)) {
        const name = sample.file.split('/').pop()!;
        const diff = m.differences?.[name];
        const expected = diff ? diff.lines : [...new Set(sample.expectedLines)].sort((a, b) => a - b);
        it(`${name}: ${sample.positive ? 'flagged on the expected lines' : 'clean'}${diff ? ` (differs: ${diff.why})` : ''}`, () => {
          expect(linesFor(sample, m)).toEqual(expected);
        });
      }
    });
  }
});
