import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex } from '../server/src/core/positions';
import { defaultSeverityLabel } from '../server/src/engine/docs';
import { unfoldFindings } from '../server/src/engine/fold-advice';
import { RULES } from '../server/src/rules';
import type { Finding, Target } from '../server/src/core/types';
import { CORPUS_DIR, HAS_CORPUS } from '../test/helpers/corpus';
import { account, CORPUS_NOW, figures, inProblems, lintCorpus, readBefore, type Analysed, type Fate, type Figures, type KindStats } from '../test/corpus/compare';

/**
 * `npm run corpus-report`: lints every file of ../shared/corpus/real and writes docs/corpus-report.md:
 * the noise figures of issue 15 with default settings, before (a frozen copy of main at 6f2b2ee) and
 * after; what became of every finding of before; and, with every rule switched on (opt-in rules too),
 * per rule how many files and findings it has, with a few example locations for false-alarm review.
 */

const EXAMPLES = 6;
const TARGETS = { dfMedian: 2, dfP90: 4, composeMedian: 3, composeP90: 8, crowded: 50 };
const BUCKET_LABELS = ['0', '1', '2', '3', '4', '5–8', '9+'];
const pct = (n: number, total: number) => `${((100 * n) / total).toFixed(1)}%`;

function noiseSection(before: Figures, after: Figures, fates: Map<Fate, number>, reasons: Map<string, number>, allBefore: number): string[] {
  const row = (label: string, b: string | number, a: string | number, target: string) => `| ${label} | ${b} | ${a} | ${target} |`;
  const out = [
    '## Signal over noise: default settings, before and after issue 15',
    '',
    '"Before" is main at 6f2b2ee, the default settings of the time (a frozen copy of its findings, `test/corpus/before-findings.tsv.gz`); ' +
      '"after" is this tree with default settings, the build context listed as the CLI lists it. The Problems panel counts what VS Code ' +
      'lists there: errors, warnings and information, not hints.',
    '',
    '| Figure | Before | After | Target |',
    '|---|---|---|---|',
    row('Dockerfile: Problems entries per file, median', before.dockerfile.median, after.dockerfile.median, `≤ ${TARGETS.dfMedian}`),
    row('Dockerfile: Problems entries per file, p90', before.dockerfile.p90, after.dockerfile.p90, `≤ ${TARGETS.dfP90}`),
    row('Compose: Problems entries per file, median', before.compose.median, after.compose.median, `≤ ${TARGETS.composeMedian}`),
    row('Compose: Problems entries per file, p90', before.compose.p90, after.compose.p90, `≤ ${TARGETS.composeP90}`),
    row('Most Problems entries in one file (Dockerfile / Compose)', `${before.dockerfile.max} / ${before.compose.max}`, `${after.dockerfile.max} / ${after.compose.max}`, '—'),
    row('Positions with 3 or more Problems entries', before.crowded, after.crowded, `≤ ${TARGETS.crowded}`),
    row('A rule reporting twice on one range', before.twice, after.twice, '0'),
    row('Files failing the default `--fail-on`', `${pct(before.failing.warning, before.total)} (warning)`, `${pct(after.failing.error, after.total)} (error)`, 'what a reviewer would block'),
    row('Files failing `--fail-on warning`', pct(before.failing.warning, before.total), pct(after.failing.warning, after.total), '—'),
    row('Files failing `--fail-on info`', pct(before.failing.info, before.total), pct(after.failing.info, after.total), '—'),
    '',
    'Files by Problems-panel entries:',
    '',
    `| Entries | ${BUCKET_LABELS.join(' | ')} |`,
    `|---|${BUCKET_LABELS.map(() => '---').join('|')}|`,
  ];
  const hist = (label: string, s: KindStats) => `| ${label} | ${s.histogram.join(' | ')} |`;
  out.push(hist('Dockerfiles before', before.dockerfile), hist('Dockerfiles after', after.dockerfile), hist('Compose before', before.compose), hist('Compose after', after.compose));
  const fate = (f: Fate) => fates.get(f) ?? 0;
  out.push(
    '',
    `What became of the ${allBefore} findings of before (checked by \`test/corpus/no-loss.test.ts\`; none may be lost):`,
    '',
    '| Fate | Findings |',
    '|---|---|',
    `| Unchanged | ${fate('same')} |`,
    `| Same rule and place, now a hint (advice) | ${fate('hint')} |`,
    `| Folded into a \`harden-service\` finding that names it (\`members\` in the JSON) | ${fate('folded')} |`,
    `| Merged into the one finding of its instruction or image, which names it | ${fate('merged')} |`,
    `| Dropped, for a reason that holds for the file | ${fate('dropped')} |`,
    '',
    'Dropped, by reason:',
    '',
    ...[...reasons].sort((a, b) => b[1] - a[1]).map(([r, n]) => `- ${n} × ${r}`),
  );
  return out;
}

interface Hit {
  path: string;
  line: number;
  source: string;
  message: string;
}

export function corpusReport(): string {
  const before = readBefore();
  const defaults = lintCorpus();
  const everything = lintCorpus({ rules: Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.severity])) });

  const fates = new Map<Fate, number>();
  const reasons = new Map<string, number>();
  for (const a of defaults) {
    const r = account(a, before.get(a.file.path) ?? []);
    for (const [k, v] of r.fates) fates.set(k, (fates.get(k) ?? 0) + v);
    for (const d of r.dropped) reasons.set(`\`${d.row.ruleId}\`: ${d.reason}`, (reasons.get(`\`${d.row.ruleId}\`: ${d.reason}`) ?? 0) + 1);
    if (r.lost.length > 0) throw new Error(`a finding of before is lost in ${a.file.path}: ${r.lost[0].ruleId} at line ${r.lost[0].range.start.line + 1}`);
  }
  const beforeFigures = figures(defaults.map((a) => ({ kind: a.file.kind, findings: before.get(a.file.path) ?? [] })));
  const afterFigures = figures(defaults.map((a) => ({ kind: a.file.kind, findings: a.findings })));
  const allBefore = [...before.values()].reduce((s, rows) => s + rows.length, 0);

  // Per rule: what the default run shows in Problems and as hints (folded findings count as hints).
  const byDefault = new Map<string, { problems: number; hints: number }>();
  for (const a of defaults) {
    for (const f of unfoldFindings(a.findings)) {
      const c = byDefault.get(f.ruleId) ?? { problems: 0, hints: 0 };
      if (inProblems(f.severity)) c.problems++;
      else c.hints++;
      byDefault.set(f.ruleId, c);
    }
  }

  const hits = new Map<string, Hit[]>();
  const filesHit = new Map<string, Set<string>>();
  const counts: Record<Target, number> = { dockerfile: 0, compose: 0, devcontainer: 0 };
  let findings = 0;
  for (const a of everything as Analysed[]) {
    counts[a.file.kind]++;
    const index = new LineIndex(a.text);
    for (const x of a.findings as Finding[]) {
      findings++;
      const list = hits.get(x.ruleId) ?? [];
      list.push({ path: a.file.path, line: x.range.start.line + 1, source: index.lineText(x.range.start.line).trim().slice(0, 120), message: x.message });
      hits.set(x.ruleId, list);
      const set = filesHit.get(x.ruleId) ?? new Set();
      set.add(a.file.path);
      filesHit.set(x.ruleId, set);
    }
  }
  const date = CORPUS_NOW.toISOString().slice(0, 10);
  const out: string[] = [
    '<!-- Generated by `npm run corpus-report`. -->',
    '',
    '# Findings on the real-world corpus',
    '',
    `${counts.dockerfile} Dockerfiles and ${counts.compose} Compose files from ${new Set(defaults.map((a) => a.file.path.split('/')[0])).size} public repositories (\`../shared/corpus/real\`, see its README); end-of-life dates compared with ${date}.`,
    '',
    ...noiseSection(beforeFigures, afterFigures, fates, reasons, allBefore),
    '',
    '## Hits read by hand',
    '',
    'Samples of the hits of the rules added or widened this round, each read and judged, with the false positives found and fixed:',
    '',
    '- [corpus-review/recall.md](corpus-review/recall.md): the new risk rules and the widened checks of issue 18 (20 hits of each new error or warning rule, or all of them when fewer).',
    '- [corpus-review/devcontainer.md](corpus-review/devcontainer.md): the Dev Container configurations of `../shared/corpus/devcontainer` (381 files): hit rates and 20 hits of each error or warning rule.',
    '',
    '## Findings per rule',
    '',
    `Every rule switched on at its own severity, including the opt-in ones (the strict profile plus opt-in rules): ${findings} findings in all. ` +
      'The hit rate is the share of files of the rule\'s kind that get at least one finding. The last column counts the default run: ' +
      'findings in the Problems panel, then hints (advice, including what `harden-service` folds). Examples are spread evenly over the hits, not chosen.',
    '',
    '| Rule | Default | Files hit | Hit rate | Findings | Default run: Problems / hints |',
    '|---|---|---|---|---|---|',
  ];
  const metas = [...RULES.map((r) => r.meta)].sort((a, b) => a.id.localeCompare(b.id));
  for (const m of metas) {
    const n = filesHit.get(m.id)?.size ?? 0;
    const total = m.targets.reduce((s, t) => s + counts[t], 0);
    const d = byDefault.get(m.id) ?? { problems: 0, hints: 0 };
    out.push(`| [\`${m.id}\`](rules/${m.id}.md) | ${defaultSeverityLabel(m)} | ${n} | ${pct(n, total)} | ${hits.get(m.id)?.length ?? 0} | ${d.problems} / ${d.hints} |`);
  }
  for (const m of metas) {
    const list = hits.get(m.id) ?? [];
    if (list.length === 0) continue;
    out.push('', `## \`${m.id}\``, '');
    const step = Math.max(1, Math.floor(list.length / EXAMPLES));
    for (let i = 0; i < list.length && i / step < EXAMPLES; i += step) {
      const h = list[i];
      out.push(`- \`${h.path}:${h.line}\` ${h.message}`, `  \`${h.source.replace(/`/g, "'")}\``);
    }
  }
  return out.join('\n') + '\n';
}

if (require.main === module) {
  if (!HAS_CORPUS) {
    console.error(`corpus not found at ${CORPUS_DIR}`);
    process.exit(2);
  }
  const root = process.cwd();
  writeFileSync(join(root, 'docs/corpus-report.md'), corpusReport());
  console.log('wrote docs/corpus-report.md');
}
