import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import type { Finding, Range } from '../../server/src/core/types';
import { matchFindings } from '../../server/src/lsp/code-actions';
import { toDiagnostic } from '../../server/src/lsp/diagnostics';
import type { DocumentAnalysis } from '../../server/src/lsp/document-analyses';

/**
 * Which findings a code-action request's diagnostics stand for. A client that keeps `data` names the
 * finding by index; one that drops it (some Neovim and Emacs setups) is matched by rule and range.
 * A select-all quick fix sends every diagnostic of the file, so the match must stay linear.
 */

const range = (line: number, from: number, to: number): Range => ({ start: { line, character: from }, end: { line, character: to } });

const finding = (ruleId: string, r: Range): Finding => ({ ruleId, practice: 3, range: r, message: ruleId, severity: 'warning', fixes: [] }) as unknown as Finding;

/** An analysis whose findings array counts the reads of its elements. */
function analysis(findings: Finding[], version = 3): { a: DocumentAnalysis; reads: () => number } {
  let reads = 0;
  const counted = new Proxy(findings, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { a: { uri: 'file:///w/Dockerfile', version, findings: counted } as unknown as DocumentAnalysis, reads: () => reads };
}

/** A diagnostic as the server publishes it, as a client sends it back: with its data, or (index null) without. */
const sent = (f: Finding, index: number | null, version = 3): Diagnostic => {
  const d = toDiagnostic(f, version, index ?? 0);
  if (index === null) delete d.data;
  return d;
};

/** The rule the server followed before: the first finding with the diagnostic's rule and range, each finding once. */
function oracle(findings: Finding[], diagnostics: Diagnostic[]): number[] {
  const out: number[] = [];
  for (const d of diagnostics) {
    const i = findings.findIndex((f) => f.ruleId === String(d.code) && JSON.stringify(f.range) === JSON.stringify(d.range));
    if (i >= 0 && !out.includes(i)) out.push(i);
  }
  return out;
}

describe('matchFindings', () => {
  const findings = [finding('no-root', range(1, 0, 4)), finding('pin-tag', range(1, 0, 4)), finding('no-root', range(1, 0, 4)), finding('no-root', range(2, 5, 9))];

  it('without data: the first finding with the same rule and range, each finding once, in the order sent', () => {
    const { a } = analysis(findings);
    const ds = [sent(findings[3], null), sent(findings[2], null), sent(findings[0], null), sent(findings[1], null), sent(finding('no-root', range(2, 5, 8)), null), sent(finding('other', range(1, 0, 4)), null)];
    const got = matchFindings(a, ds);
    expect(got.map((m) => m.index)).toEqual([3, 0, 1]);
    expect(got.map((m) => m.diagnostic)).toEqual([ds[0], ds[1], ds[3]]);
    expect(got.map((m) => m.index)).toEqual(oracle(findings, ds));
  });

  it('with data: the index it carries when rule and range agree; another version or a moved range matches nothing', () => {
    const { a } = analysis(findings);
    const ds = [sent(findings[2], 2), sent(findings[2], 2), sent(findings[3], 0), sent(findings[0], 0, 2), { ...sent(findings[1], 1), source: 'other' }];
    expect(matchFindings(a, ds).map((m) => m.index)).toEqual([2]);
  });

  it('agrees with the first-match rule on seeded lists with repeated rules and ranges', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const fs = Array.from({ length: 1 + next(12) }, () => finding(['a', 'b', 'c'][next(3)], range(next(3), next(2), 2 + next(2))));
      const ds = Array.from({ length: next(15) }, () => sent(finding(['a', 'b', 'c', 'd'][next(4)], range(next(3), next(2), 2 + next(2))), null));
      expect(matchFindings(analysis(fs).a, ds).map((m) => m.index)).toEqual(oracle(fs, ds));
    }
  });

  // A search of the findings per diagnostic reads n²/2 elements: 100x at 10x the size.
  const growth = (reads: (n: number) => number, what: string) => {
    const small = reads(1_000);
    const large = reads(10_000);
    expect(large / small, `${what}: ${small} reads at 1,000, ${large} at 10,000`).toBeLessThan(12);
  };
  const many = (n: number) => Array.from({ length: n }, (_, i) => finding('no-secret-env', range(i, 4, 20)));

  it('reads each finding a bounded number of times: a select-all request with 10x the diagnostics, about 10x the reads', () => {
    for (const withData of [false, true]) {
      growth((n) => {
        const fs = many(n);
        const { a, reads } = analysis(fs);
        expect(matchFindings(a, fs.map((f, i) => sent(f, withData ? i : null)))).toHaveLength(n);
        return reads();
      }, withData ? 'with data' : 'without data');
    }
  });

  it('a request per diagnostic on one version: the findings are indexed once, not searched per request', () => {
    growth((n) => {
      const fs = many(n);
      const { a, reads } = analysis(fs);
      for (let i = 0; i < n; i++) expect(matchFindings(a, [sent(fs[i], null)])[0].index).toBe(i);
      return reads();
    }, 'one diagnostic per request, without data');
  });
});
