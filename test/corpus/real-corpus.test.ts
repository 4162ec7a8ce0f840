import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintDetailed } from '../../server/src/engine/lint';
import { HAS_CORPUS, realCorpus } from '../helpers/corpus';

describe.skipIf(!HAS_CORPUS)('real-world corpus (../shared/corpus/real)', () => {
  it('analyses every Dockerfile and Compose file without an exception or a failing rule', () => {
    const files = realCorpus();
    expect(files.filter((f) => f.kind === 'dockerfile').length).toBe(1728);
    expect(files.filter((f) => f.kind === 'compose').length).toBe(568);
    for (const f of files) {
      const text = readFileSync(f.abs, 'utf8');
      let result;
      try {
        result = lintDetailed({ text, kind: f.kind, uri: f.abs });
      } catch (e) {
        throw new Error(`lint threw on ${f.path}: ${e instanceof Error ? e.stack : String(e)}`);
      }
      if (result.internalErrors.length > 0) {
        const e = result.internalErrors[0];
        throw new Error(`rule ${e.ruleId} threw on ${f.path}: ${e.message}\n${e.stack}`);
      }
      for (const finding of result.findings) {
        const { start, end } = finding.range;
        const ok = start.line < end.line || (start.line === end.line && start.character < end.character);
        if (!ok) throw new Error(`empty or inverted range from ${finding.ruleId} in ${f.path}: ${JSON.stringify(finding.range)}`);
      }
    }
  });
});
