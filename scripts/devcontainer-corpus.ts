import { LineIndex } from '../server/src/core/positions';
import type { Finding } from '../server/src/core/types';
import { RULES } from '../server/src/rules';
import { activate } from '../server/src/engine/config';
import { CORPUS_NOW, DEVCONTAINER_DIR, devcontainerConfigs, HAS_DEVCONTAINER_CORPUS, lintConfig, type CorpusConfig } from '../test/corpus/devcontainer-configs';

/**
 * `node scripts/run-ts.mjs scripts/devcontainer-corpus.ts`: the Dev Container corpus linted with the
 * default rules, as a user sees them. Prints the hit rates and, for every error and warning rule,
 * 20 hits spread evenly over its findings: the read sample of docs/corpus-review/devcontainer.md.
 */

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
