import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPracticeTable, renderRuleDocFile, renderRulesTable, renderSeverityPolicy } from '../server/src/engine/docs';
import { configFileSchema, settingsContribution } from '../server/src/engine/schemas';
import { RULES } from '../server/src/rules';

/**
 * Every generated artefact, computed from the rule metadata: the README tables between their
 * markers, one docs page per rule, the `.bulkhead.yaml` JSON Schema and the settings section of
 * package.json. `npm run gen` writes them; test/engine/generated.test.ts
 * fails when a committed copy is stale.
 */

function replaceBetween(text: string, name: string, content: string): string {
  const start = `<!-- bulkhead:${name}:start -->`;
  const end = `<!-- bulkhead:${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md lacks the ${start} … ${end} markers`);
  return `${text.slice(0, a + start.length)}\n${content}\n${text.slice(b)}`;
}

export function generatedFiles(root: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const metas = RULES.map((r) => r.meta);

  let readme = readFileSync(join(root, 'README.md'), 'utf8');
  readme = replaceBetween(readme, 'rules', renderRulesTable(metas));
  readme = replaceBetween(readme, 'practices', renderPracticeTable(metas));
  readme = replaceBetween(readme, 'severity-policy', renderSeverityPolicy(metas));
  out.set('README.md', readme);

  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  pkg.contributes.configuration = settingsContribution(metas);
  out.set('package.json', JSON.stringify(pkg, null, 2) + '\n');
  out.set('docs/bulkhead.schema.json', JSON.stringify(configFileSchema(metas), null, 2) + '\n');

  const docsDir = join(root, 'docs/rules');
  const wanted = new Set(metas.map((m) => `${m.id}.md`));
  for (const m of metas) out.set(`docs/rules/${m.id}.md`, renderRuleDocFile(m));
  // Pages of rules that no longer exist are deleted (null).
  if (existsSync(docsDir)) for (const f of readdirSync(docsDir)) if (!wanted.has(f)) out.set(`docs/rules/${f}`, null);
  return out;
}
