import { describe, expect, it } from 'vitest';
import { computeChecklist } from '../../server/src/engine/checklist';
import { escapeMarkdown, renderChecklistMarkdown, type MarkdownPractice } from '../../server/src/shared/checklist-markdown';
import { PRACTICES } from '../../server/src/shared/practices';

const range = (line: number) => ({ start: { line, character: 2 }, end: { line, character: 6 } });

function practices(overrides: Record<number, Partial<MarkdownPractice>> = {}): MarkdownPractice[] {
  return PRACTICES.map((p) => ({ practice: p.number, status: 'passed' as const, review: p.review, findings: [], ...overrides[p.number] }));
}

describe('renderChecklistMarkdown', () => {
  it('has a score heading, the three groups in order and one task item per practice', () => {
    const md = renderChecklistMarkdown(practices());
    expect(md.startsWith('## Docker security practices: 20/20 passed\n')).toBe(true);
    const groups = [...md.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(groups).toEqual(['Docker and host configuration', 'Securing images', 'Container monitoring']);
    const items = [...md.matchAll(/^- \[( |x)\] \*\*(\d+)\. /gm)];
    expect(items.map((m) => Number(m[2]))).toEqual(PRACTICES.map((p) => p.number));
    expect(items.every((m) => m[1] === ' ')).toBe(true);
  });

  it('with ticks: checked boxes and "N/20 done"', () => {
    const md = renderChecklistMarkdown(practices(), { ticks: [2, 4], scope: '3 files in the workspace' });
    expect(md).toContain('## Docker security practices: 2/20 done\n');
    expect(md).toContain('- [x] **2. Protect the Docker daemon socket** — ✅ passed\n');
    expect(md).toContain('- [ ] **3. Avoid privileged containers** — ✅ passed\n');
    expect(md).toMatch(/^3 files in the workspace: ❌ 0 with findings · ✅ 20 passed · 👤 0 need a person · ➖ 0 not applicable$/m);
  });

  it('lists findings as path:line links with the rule and message, and review notes for needs-person', () => {
    const md = renderChecklistMarkdown(
      practices({
        3: { status: 'findings', findings: [{ path: 'deploy/my app/compose.yaml', range: range(6), ruleId: 'no-privileged', severity: 'error', message: 'Service "web" runs `privileged: true`' }] },
        1: { status: 'needs-person' },
        6: { status: 'not-applicable' },
      }),
    );
    expect(md).toContain(
      '- [ ] **3. Avoid privileged containers** — ❌ 1 finding\n  - [deploy/my app/compose.yaml:7](deploy/my%20app/compose.yaml#L7) `no-privileged` — Service "web" runs `privileged: true`\n',
    );
    expect(md).toContain(`- [ ] **1. Keep the host and Docker engine up to date** — 👤 needs a person\n  - Review: ${PRACTICES[0].review}\n`);
    expect(md).toContain('- [ ] **6. Do not rely on the default bridge network** — ➖ not applicable\n');
  });

  it('caps long finding lists', () => {
    const findings = Array.from({ length: 30 }, (_, i) => ({ path: 'Dockerfile', range: range(i), ruleId: 'r', severity: 'warning' as const, message: 'm' }));
    const md = renderChecklistMarkdown(practices({ 13: { status: 'findings', findings } }), { maxFindings: 10 });
    expect(md.match(/\(Dockerfile#L\d+\)/g)).toHaveLength(10);
    expect(md).toContain('  - … and 20 more (run `bulkhead check` for all of them)\n');
  });

  it('renders the engine result directly', () => {
    const md = renderChecklistMarkdown(computeChecklist([]));
    expect(md).toContain('👤 needs a person');
    expect(md).toContain('➖ not applicable');
  });
});

describe('escapeMarkdown', () => {
  it('escapes what would turn into markup, but not code spans or underscores inside words', () => {
    expect(escapeMarkdown('add --checksum=sha256:<digest> *now* [x]')).toBe('add --checksum=sha256:\\<digest\\> \\*now\\* \\[x\\]');
    expect(escapeMarkdown('"SYS_ADMIN" and `a_*b*` and _emph_')).toBe('"SYS_ADMIN" and `a_*b*` and \\_emph\\_');
    expect(escapeMarkdown('two\nlines')).toBe('two lines');
  });
});
