import { LineIndex } from '../core/positions';
import type { Finding, Fix, FixSafety, TextEdit } from '../core/types';

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Applies edits given as LSP ranges to a text. Edits must not overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const offs: OffsetEdit[] = edits.map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }));
  offs.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of offs) {
    if (e.start < pos) throw new Error('overlapping edits');
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/**
 * Picks the fixes to apply together: for each finding its first fix of the wanted safety, in
 * document order, skipping any fix whose edits overlap (or touch) an already chosen one, and
 * fixes identical to one already chosen (two findings sharing one edit).
 */
export function chooseFixes(text: string, findings: readonly Finding[], safety: FixSafety | 'any' = 'safe'): Fix[] {
  const index = new LineIndex(text);
  const chosen: Fix[] = [];
  const taken: [number, number][] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    const fix = f.fixes.find((x) => safety === 'any' || x.safety === safety);
    if (!fix || fix.otherFiles?.length) continue;
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) continue;
    const spans = fix.edits.map((e) => [index.offsetAt(e.range.start), index.offsetAt(e.range.end)] as [number, number]);
    const clash = spans.some(([s, e]) => taken.some(([ts, te]) => s < te && ts < e || (s === e && (s === ts || s === te)) || (ts === te && (ts === s || ts === e))));
    if (clash) continue;
    seen.add(key);
    taken.push(...spans);
    chosen.push(fix);
  }
  return chosen;
}

/** Applies every chosen fix; returns the new text and how many fixes went in. */
export function applyFixes(text: string, findings: readonly Finding[], safety: FixSafety | 'any' = 'safe'): { text: string; applied: Fix[] } {
  const applied = chooseFixes(text, findings, safety);
  return { text: applyEdits(text, applied.flatMap((f) => f.edits)), applied };
}
