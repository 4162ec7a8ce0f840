import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { buildChecklist, type ChecklistFile } from '../../server/src/engine/checklist';
import { lintDetailed } from '../../server/src/engine/lint';
import { escapeMarkdown, problemOf, renderChecklistMarkdown } from '../../server/src/shared/checklist-markdown';
import type { ChecklistReport, Forge } from '../../server/src/shared/checklist-report';
import type { LintConfig, Target } from '../../server/src/core/types';

/**
 * The export is asserted through a GitHub-flavoured Markdown parser (marked, GFM on): the table's
 * rows and cells, the `<details>` blocks, the links and the task list, not the raw text.
 */

const NOW: LintConfig = { now: new Date('2025-01-15T00:00:00Z') };
const SHA = '0123456789abcdef0123456789abcdef01234567';

const COMPOSE = [
  'services:',
  '  web:',
  '    image: nginx:1.27.3',
  '    user: "10001"',
  '    privileged: true',
  '    ports: ["8080:80"]',
  '    # bulkhead-ignore no-hardcoded-secrets -- a throw-away password for the local mock',
  '    environment: { DB_PASSWORD: "Sup3rS3cretProd!" }',
  '',
].join('\n');
const DOCKERFILE = '# bulkhead-ignore-file oci-labels\nFROM python:3.12-slim\nUSER root\n';

function file(path: string, kind: Target, text: string, config: LintConfig = NOW): ChecklistFile {
  return { path, kind, text, ...lintDetailed({ kind, text }, config), config, layers: config.rules ? [{ source: { kind: 'settings', scope: 'workspace' }, rules: config.rules }] : [] };
}

function sample(forge?: Forge): ChecklistReport {
  const config: LintConfig = { ...NOW, rules: { 'require-resource-limits': 'off' } };
  return buildChecklist([file('deploy/compose.yaml', 'compose', COMPOSE, config), file('app/Dockerfile', 'dockerfile', DOCKERFILE)], { config, ...(forge ? { forge } : {}) });
}

const tokens = (md: string) => marked.lexer(md, { gfm: true });
const all = (ts: Token[]): Token[] => ts.flatMap((t) => [t, ...all(((t as { tokens?: Token[] }).tokens ?? []).concat(((t as Tokens.List).items ?? []) as Token[]))]);
const links = (ts: Token[]) => all(ts).filter((t): t is Tokens.Link => t.type === 'link');

/** The tokens between `<details>` and `</details>` for the practice whose summary starts with "N.". */
function block(ts: Token[], practice: number): Token[] {
  const start = ts.findIndex((t) => t.type === 'html' && new RegExp(`^<details><summary>\\S+ ${practice}\\. `).test(t.raw));
  if (start < 0) return [];
  const end = ts.findIndex((t, i) => i > start && t.type === 'html' && t.raw.trim() === '</details>');
  return ts.slice(start + 1, end);
}
const listTexts = (ts: Token[]) => ts.filter((t): t is Tokens.List => t.type === 'list').flatMap((l) => l.items.map((i) => i.text));

describe('renderChecklistMarkdown (parsed as GitHub-flavoured Markdown)', () => {
  const report = sample();
  const md = renderChecklistMarkdown(report, { files: 2 });
  const ts = tokens(md);

  it('a heading with the score and a summary line in the same words as the view', () => {
    const h = ts.find((t): t is Tokens.Heading => t.type === 'heading')!;
    expect(h.depth).toBe(2);
    expect(h.text).toMatch(/^Docker security practices: \d+\/20 passed$/);
    const para = ts.find((t): t is Tokens.Paragraph => t.type === 'paragraph')!;
    expect(para.text).toMatch(/^Checked 2 files: \d+ with findings, \d+ passed, 1 partly checked, \d+ need a person, \d+ not applicable\.$/);
  });

  it('a summary table: one row per practice with status and counts by severity', () => {
    const table = ts.find((t): t is Tokens.Table => t.type === 'table')!;
    expect(table.header.map((c) => c.text)).toEqual(['Practice', 'Status', 'Errors', 'Warnings', 'Info', 'Hints', 'Ignored']);
    expect(table.rows).toHaveLength(20);
    const row = (n: number) => table.rows[n - 1].map((c) => c.text);
    expect(row(3)).toEqual(['3. Privileged', '❌ 1 finding', '1', '', '', '', '']);
    expect(row(5)).toEqual(['5. Quotas', '◐ partly checked', '', '', '', '', '']);
    expect(row(6)[1]).toMatch(/^💡 \d+ findings?$/); // advice (hints) only: no ❌
    expect(row(14)).toEqual(['14. Secrets', '✅ passed, 1 ignored', '', '', '', '', '1']);
    expect(row(12)).toEqual(['12. Image scan', '👤 needs a person', '', '', '', '', '']);
    const icons = table.rows.map((r) => r[1].text.split(' ')[0]);
    table.rows.forEach((r, i) => {
      const serious = Number(r[2].text || 0) + Number(r[3].text || 0);
      expect(icons[i] === '❌', `row ${i + 1}: ❌ exactly when there are errors or warnings`).toBe(serious > 0);
    });
  });

  it('findings in <details> blocks with the severity on each line and file:line links', () => {
    const three = block(ts, 3);
    expect(listTexts(three)).toEqual([expect.stringMatching(/^❌ error \[deploy\/compose\.yaml:5\]\(deploy\/compose\.yaml#L5\) `no-privileged`: Service "web" runs privileged/)]);
    expect(links(three).map((l) => [l.text, l.href])).toEqual([['deploy/compose.yaml:5', 'deploy/compose.yaml#L5']]);
    const four = listTexts(block(ts, 4));
    expect(four[0]).toMatch(/^⚠️ warning \[app\/Dockerfile:3\]/);
    // Practices with only info or hints are counted by rule, with their severity.
    expect(listTexts(block(ts, 6))).toEqual([expect.stringMatching(/^💡 \d+ hints?: `bind-ports-to-localhost`/)]);
    // The HTML around the blocks is well formed.
    const html = marked.parse(md, { async: false });
    expect(html.match(/<details>/g)?.length).toBe(html.match(/<\/details>/g)?.length);
    expect(html).toContain('<a href="deploy/compose.yaml#L5">deploy/compose.yaml:5</a>');
  });

  it('a suppressed error is listed with its reason; a file-wide ignore in the configuration section', () => {
    expect(listTexts(block(ts, 14))).toEqual([
      expect.stringMatching(/^🔇 ignored error \[deploy\/compose\.yaml:8\]\(deploy\/compose\.yaml#L8\) `no-hardcoded-secrets` \(ignore on line 7\): reason: “a throw-away password for the local mock”$/),
    ]);
    const config = ts.findIndex((t) => t.type === 'heading' && (t as Tokens.Heading).text === 'Configuration');
    const items = listTexts(ts.slice(config + 1, config + 3));
    expect(items).toContain('◐ require-resource-limits: off (default warning), in workspace settings (bulkhead.rules)');
    expect(items).toContain('🔇 `oci-labels` ignored in all of app/Dockerfile (line 1): **no reason given**');
    // The partly checked practice says why in its block.
    expect(listTexts(block(ts, 5))).toEqual(['◐ not fully checked: require-resource-limits: off (default warning), in workspace settings (bulkhead.rules)']);
  });

  it('"a person confirms" is a task list with a line for every practice that has a review, findings or not', () => {
    const at = ts.findIndex((t) => t.type === 'heading' && (t as Tokens.Heading).text === 'A person confirms');
    const list = ts.slice(at + 1).find((t): t is Tokens.List => t.type === 'list')!;
    const numbers = list.items.map((i) => Number(/^\*\*(\d+)\./.exec(i.text)?.[1] ?? /^(\d+)\./.exec(i.text)?.[1]));
    expect(numbers).toEqual(report.practices.filter((p) => p.review).map((p) => p.practice));
    expect(numbers).toEqual(expect.arrayContaining([1, 12, 15, 17]));
    expect(list.items.every((i) => i.task && !i.checked)).toBe(true);
  });

  it('with ticks (the view): a Reviewed column, ticked boxes and "N/20 reviewed"', () => {
    const t = tokens(renderChecklistMarkdown(report, { files: 2, ticks: [1, 3] }));
    expect((t.find((x) => x.type === 'heading') as Tokens.Heading).text).toMatch(/ · 2\/20 reviewed$/);
    const table = t.find((x): x is Tokens.Table => x.type === 'table')!;
    expect(table.header[0].text).toBe('Reviewed');
    expect(table.rows.filter((r) => r[0].text === '✔️').map((r) => r[1].text)).toEqual(['1. Host updates', '3. Privileged']);
    const list = t.filter((x): x is Tokens.List => x.type === 'list').find((l) => l.items.some((i) => i.task))!;
    expect(list.items.filter((i) => i.checked).map((i) => i.text)).toEqual([expect.stringMatching(/^\*\*1\. /)]);
  });

  it('links resolve on the forge when there is one, pinned to the commit', () => {
    const forge: Forge = { host: 'github', web: 'https://github.com/acme/shop', commit: SHA, prefix: '' };
    const t = tokens(renderChecklistMarkdown(sample(forge), { files: 2 }));
    expect(links(block(t, 3)).map((l) => l.href)).toEqual([`https://github.com/acme/shop/blob/${SHA}/deploy/compose.yaml#L5`]);
    expect(links(t).find((l) => l.text === '`0123456`')?.href).toBe(`https://github.com/acme/shop/commit/${SHA}`);
  });

  it('caps the errors and warnings listed per practice and counts the rest', () => {
    const many = Array.from({ length: 5 }, (_, i) => `  s${i}:\n    image: nginx:1.27.3\n    user: "1"\n    privileged: true\n`).join('');
    const r = buildChecklist([file('compose.yaml', 'compose', `services:\n${many}`)], { config: NOW });
    const items = listTexts(block(tokens(renderChecklistMarkdown(r, { files: 1, maxFindings: 3 })), 3));
    expect(items).toHaveLength(4);
    expect(items[3]).toBe('and ❌ 2 errors: `no-privileged` ×2');
  });
});

describe('escapeMarkdown and problemOf', () => {
  it('escape what would turn into markup (table pipes too), but not code spans or underscores inside words', () => {
    expect(escapeMarkdown('add --checksum=sha256:<digest> *now* [x]')).toBe('add --checksum=sha256:\\<digest\\> \\*now\\* \\[x\\]');
    expect(escapeMarkdown('"SYS_ADMIN" and `a_*b*` and _emph_')).toBe('"SYS_ADMIN" and `a_*b*` and \\_emph\\_');
    expect(escapeMarkdown('a | b `c|d`')).toBe('a \\| b `c\\|d`');
    expect(escapeMarkdown('two\nlines')).toBe('two lines');
  });

  it('keeps what is wrong and leaves out the remedy after "; "', () => {
    expect(problemOf('Service "web" has no limit; add limits under deploy.resources.limits')).toBe('Service "web" has no limit');
    expect(problemOf('Service "web" runs privileged: it gets every capability')).toBe('Service "web" runs privileged: it gets every capability');
  });
});
