import { readFileSync } from 'node:fs';
import type { Target } from '../../server/src/core/types';
import { HAS_CORPUS, realCorpus } from '../helpers/corpus';

export interface CorpusText {
  path: string;
  kind: Target;
  text: string;
}

/** The real-world corpus's Dockerfiles and Compose files with their text; empty without the corpus. */
export function corpusTexts(): CorpusText[] {
  if (!HAS_CORPUS) return [];
  return realCorpus().map((f) => ({ path: f.path, kind: f.kind, text: readFileSync(f.abs, 'utf8') }));
}

/** A handful of small files of each kind, for truncation at every offset: the same ones on every run. */
export function smallFiles(texts: readonly CorpusText[], perKind: number, maxLength: number): CorpusText[] {
  const pick = (kind: Target) =>
    texts
      .filter((t) => t.kind === kind && t.text.length >= maxLength / 3 && t.text.length <= maxLength)
      .sort((a, b) => (a.path < b.path ? -1 : 1))
      .filter((_, i, all) => i % Math.max(1, Math.floor(all.length / perKind)) === 0)
      .slice(0, perKind);
  return [...pick('dockerfile'), ...pick('compose')];
}
