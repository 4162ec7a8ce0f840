import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Target } from '../../server/src/core/types';

/**
 * The external corpora (KICS samples and real-world files) live outside the repository, in
 * `../shared/corpus` next to the clone, or wherever BULKHEAD_CORPUS points.
 */
const CANDIDATES = [process.env.BULKHEAD_CORPUS, join(__dirname, '../../../shared/corpus'), join(process.cwd(), '../shared/corpus')].filter((p): p is string => !!p);
export const CORPUS_DIR = resolve(CANDIDATES.find((p) => existsSync(join(p, 'real/MANIFEST.tsv'))) ?? CANDIDATES[0]);
export const HAS_CORPUS = existsSync(join(CORPUS_DIR, 'real/MANIFEST.tsv'));

export interface CorpusFile {
  path: string;
  abs: string;
  kind: Target;
}

export function realCorpus(): CorpusFile[] {
  const rows = readFileSync(join(CORPUS_DIR, 'real/MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  const out: CorpusFile[] = [];
  for (const row of rows) {
    const [path, , , , kind] = row.split('\t');
    if (kind === 'dockerfile' || kind === 'compose') out.push({ path, abs: join(CORPUS_DIR, 'real', path), kind });
  }
  return out;
}

if (!HAS_CORPUS) {
  // Visible in the test output: the corpus suites are skipped, never counted as passed.
  console.warn(`[bulkhead] corpus not found at ${CORPUS_DIR}: corpus suites are SKIPPED (set BULKHEAD_CORPUS)`);
}
