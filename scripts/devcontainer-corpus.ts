import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseTree } from 'jsonc-parser/lib/esm/main.js';
import { lintDetailed, type LintResult } from '../server/src/engine/lint';
import type { Finding, LintConfig, RelatedFiles } from '../server/src/core/types';
import { LineIndex } from '../server/src/core/positions';
import { RULES } from '../server/src/rules';
import { activate } from '../server/src/engine/config';
import { CORPUS_DIR } from '../test/helpers/corpus';

/**
 * The Dev Container corpus (`../shared/corpus/devcontainer`, 381 configurations and 29
 * `scenarios.json` files of devcontainers/features whose values are configurations) linted with
 * the default rules, as a user sees them. `node scripts/run-ts.mjs scripts/devcontainer-corpus.ts`
 * prints the hit rates and, for every error and warning rule, 20 hits spread evenly over its
 * findings (the read sample of docs/corpus-review/devcontainer.md).
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

interface Hit {
  config: CorpusConfig;
  finding: Finding;
}

export function devcontainerReview(): string {
  const configs = devcontainerConfigs();
  const files = configs.filter((c) => !c.name.includes('#'));
  const hits = new Map<string, Hit[]>();
  let internal = 0;
  let syntax = 0;
  for (const c of configs) {
    const r = lintConfig(c);
    internal += r.internalErrors.length;
    for (const f of r.findings) {
      if (f.ruleId === 'syntax-error') syntax++;
      hits.set(f.ruleId, [...(hits.get(f.ruleId) ?? []), { config: c, finding: f }]);
    }
  }
  const out: string[] = [
    `${files.length} configuration files and ${configs.length - files.length} scenarios of ${new Set(configs.filter((c) => c.name.includes('#')).map((c) => c.abs)).size} scenarios.json files; default rules, end of life as of ${CORPUS_NOW.toISOString().slice(0, 10)}.`,
    `Internal errors: ${internal}. Syntax errors: ${syntax}.`,
    '',
    '| Rule | Severity | Files hit (of 381) | Scenarios hit | Findings |',
    '|---|---|---|---|---|',
  ];
  const ids = [...hits.keys()].sort();
  for (const id of ids) {
    const list = hits.get(id)!;
    const inFiles = new Set(list.filter((h) => !h.config.name.includes('#')).map((h) => h.config.name)).size;
    const inScenarios = new Set(list.filter((h) => h.config.name.includes('#')).map((h) => h.config.name)).size;
    out.push(`| \`${id}\` | ${list[0].finding.severity} | ${inFiles} (${((100 * inFiles) / files.length).toFixed(1)}%) | ${inScenarios} | ${list.length} |`);
  }
  for (const id of ids) {
    const rule = RULES.find((r) => r.meta.id === id);
    const severity = rule ? activate(rule, {})?.severity : undefined;
    if (severity !== 'error' && severity !== 'warning') continue;
    const list = hits.get(id)!;
    out.push('', `## \`${id}\` (${severity}, ${list.length} findings)`, '');
    const step = list.length / Math.min(20, list.length);
    for (let k = 0; k < Math.min(20, list.length); k++) {
      const { config, finding } = list[Math.floor(k * step)];
      const index = new LineIndex(config.text);
      const source = index.lineText(finding.range.start.line).trim().slice(0, 140);
      out.push(`${k + 1}. \`${config.name}:${finding.range.start.line + 1 + config.lineOffset}\` ${finding.message}`, `   \`${source.replace(/`/g, "'")}\``);
    }
  }
  return out.join('\n') + '\n';
}

if (require.main === module) {
  if (!HAS_DEVCONTAINER_CORPUS) {
    console.error(`corpus not found at ${DEVCONTAINER_DIR}`);
    process.exit(2);
  }
  process.stdout.write(devcontainerReview());
}
