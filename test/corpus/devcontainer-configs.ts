import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseTree } from 'jsonc-parser/lib/esm/main.js';
import { lintDetailed, type LintResult } from '../../server/src/engine/lint';
import type { LintConfig, RelatedFiles } from '../../server/src/core/types';
import { LineIndex } from '../../server/src/core/positions';
import { CORPUS_DIR } from '../helpers/corpus';

/**
 * The Dev Container corpus (`../shared/corpus/devcontainer`): its 381 configurations and the
 * scenarios of its 29 `scenarios.json` files (devcontainers/features), each a configuration of its
 * own, linted as a user would see them. Shared by the corpus test, the property tests, the fuzz run
 * and `scripts/devcontainer-corpus.ts`.
 */

export const DEVCONTAINER_DIR = join(CORPUS_DIR, 'devcontainer');
export const HAS_DEVCONTAINER_CORPUS = existsSync(join(DEVCONTAINER_DIR, 'MANIFEST.tsv'));
/** The date end-of-life checks are compared with, so the figures do not move with the calendar. */
export const CORPUS_NOW = new Date('2026-11-29');

export interface CorpusConfig {
  /** Path inside the corpus, with `#scenario` for a scenario of a scenarios.json. */
  name: string;
  /** The file the configuration is written in (absolute). */
  abs: string;
  /** Where the engine is told the configuration lives (paths in it resolve from there). */
  uri: string;
  text: string;
  /** Line of the file where `text` starts (scenarios are slices of their file). */
  lineOffset: number;
}

/** Every configuration of the corpus: the 381 files and each scenario of the 29 scenarios.json files. */
export function devcontainerConfigs(): CorpusConfig[] {
  const rows = readFileSync(join(DEVCONTAINER_DIR, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  const out: CorpusConfig[] = [];
  for (const row of rows) {
    const [path, , , , , kind] = row.split('\t');
    const abs = join(DEVCONTAINER_DIR, path);
    if (kind === 'devcontainer') out.push({ name: path, abs, uri: abs, text: readFileSync(abs, 'utf8'), lineOffset: 0 });
    if (kind !== 'devcontainer-scenarios') continue;
    const text = readFileSync(abs, 'utf8');
    const index = new LineIndex(text);
    for (const p of parseTree(text, [], { allowTrailingComma: true })?.children ?? []) {
      const [key, value] = p.children ?? [];
      if (!key || value?.type !== 'object') continue;
      out.push({
        name: `${path}#${String(key.value)}`,
        abs,
        uri: join(dirname(abs), '.devcontainer.json'),
        text: text.slice(value.offset, value.offset + value.length),
        lineOffset: index.positionAt(value.offset).line,
      });
    }
  }
  return out;
}

export const corpusFiles: RelatedFiles = {
  read(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

export function lintConfig(c: CorpusConfig, config: LintConfig = { now: CORPUS_NOW }): LintResult {
  return lintDetailed({ text: c.text, kind: 'devcontainer', uri: c.uri, related: corpusFiles }, config);
}

