import { isMap, isPair, isScalar, isSeq, visit, type Node } from 'yaml';
import type { ComposeModel } from './compose';
import type { DockerfileModel } from './dockerfile';
import type { LineIndex } from '../core/positions';
import type { Range } from '../core/types';

/**
 * Inline suppressions, one parser for both file kinds (both use `#` comments):
 *
 *   # bulkhead-ignore rule-a,rule-b -- reason     the next Dockerfile instruction (all its lines)
 *                                                 or the next YAML entry (its whole block)
 *   # bulkhead-ignore-file rule-a -- reason       the whole file
 */

export interface IgnoredRule {
  id: string;
  range: Range;
}

export interface IgnoreDirective {
  kind: 'line' | 'file';
  rules: IgnoredRule[];
  reason: string | null;
  /** The whole comment. */
  range: Range;
  line: number;
  /** Inclusive line span a `line` directive covers; null when nothing follows it. */
  scope: { from: number; to: number } | null;
}

const DIRECTIVE = /^([ \t]*)#[ \t]*(bulkhead-ignore(?:-file)?)(?=[ \t]|$)(.*)$/;
/** The same in JSON with comments (Dev Container configurations): `// bulkhead-ignore ...`. */
const SLASH_DIRECTIVE = /^([ \t]*)\/\/[ \t]*(bulkhead-ignore(?:-file)?)(?=[ \t]|$)(.*)$/;

/** Parses one comment line; `lineStart` is the offset of the line in the text. */
export function parseDirectiveLine(lineText: string, lineStart: number, index: LineIndex, marker: '#' | '//' = '#'): Omit<IgnoreDirective, 'scope'> | null {
  const m = (marker === '#' ? DIRECTIVE : SLASH_DIRECTIVE).exec(lineText);
  if (!m) return null;
  const [, indent, keyword, rest] = m;
  const restStart = lineStart + indent.length + lineText.slice(indent.length).indexOf(keyword) + keyword.length;
  const dash = rest.indexOf('--');
  const idsPart = dash >= 0 ? rest.slice(0, dash) : rest;
  const reason = dash >= 0 ? rest.slice(dash + 2).trim() || null : null;
  const rules: IgnoredRule[] = [];
  const re = /[^\s,]+/g;
  let t: RegExpExecArray | null;
  while ((t = re.exec(idsPart))) {
    const s = restStart + t.index;
    rules.push({ id: t[0], range: index.range(s, s + t[0].length) });
  }
  const line = index.positionAt(lineStart).line;
  return {
    kind: keyword === 'bulkhead-ignore-file' ? 'file' : 'line',
    rules,
    reason,
    range: index.range(lineStart + indent.length, lineStart + lineText.length),
    line,
  };
}

export function dockerfileDirectives(model: DockerfileModel): IgnoreDirective[] {
  const out: IgnoreDirective[] = [];
  const starts = model.instructions.map((i) => i.range.start.line);
  for (const c of model.comments) {
    const lineStart = model.index.lineStart(c.line);
    const d = parseDirectiveLine(model.index.lineText(c.line), lineStart, model.index);
    if (!d) continue;
    let scope: IgnoreDirective['scope'] = null;
    if (d.kind === 'line') {
      const k = starts.findIndex((l) => l > c.line);
      if (k >= 0) scope = { from: model.instructions[k].range.start.line, to: model.instructions[k].range.end.line };
    }
    out.push({ ...d, scope });
  }
  return out;
}

export function composeDirectives(model: ComposeModel): IgnoreDirective[] {
  const { index, text } = model;
  const candidates: number[] = [];
  for (let at = text.indexOf('bulkhead-ignore'); at >= 0; ) {
    const line = index.positionAt(at).line;
    if (DIRECTIVE.test(index.lineText(line))) candidates.push(line);
    at = text.indexOf('bulkhead-ignore', index.lineEnd(line));
  }
  if (candidates.length === 0) return [];

  // Lines inside multi-line scalars (block literals, folded or quoted text) are content, not comments.
  const scalarSpans: [number, number][] = [];
  // Where each entry or list item starts, and the line its value ends on.
  const blocks = new Map<number, number>();
  visit(model.doc, {
    Scalar(_, node) {
      const r = node.range;
      if (r && index.positionAt(r[0]).line !== index.positionAt(r[1]).line) scalarSpans.push([r[0], r[1]]);
    },
    Pair(_, pair) {
      if (!isPair(pair)) return;
      const k = (pair.key as Node | null)?.range;
      const v = (pair.value as Node | null)?.range;
      if (!k) return;
      const from = index.positionAt(k[0]).line;
      const to = index.positionAt(Math.max(k[1], v ? v[1] : k[1]) - 1).line;
      blocks.set(from, Math.max(blocks.get(from) ?? from, to));
    },
    Seq(_, seq) {
      for (const item of seq.items) {
        const r = (item as Node | null)?.range;
        if (!r || !(isMap(item) || isSeq(item) || isScalar(item))) continue;
        const from = index.positionAt(r[0]).line;
        const to = index.positionAt(Math.max(r[0] + 1, r[1]) - 1).line;
        blocks.set(from, Math.max(blocks.get(from) ?? from, to));
      }
    },
  });

  const out: IgnoreDirective[] = [];
  for (const line of candidates) {
    const lineStart = index.lineStart(line);
    const hashAt = lineStart + index.lineText(line).indexOf('#');
    if (scalarSpans.some(([s, e]) => hashAt > s && hashAt < e)) continue;
    const d = parseDirectiveLine(index.lineText(line), lineStart, index);
    if (!d) continue;
    let scope: IgnoreDirective['scope'] = null;
    if (d.kind === 'line') {
      let next = line + 1;
      while (next < index.lineCount && /^\s*(#.*)?$/.test(index.lineText(next))) next++;
      if (next < index.lineCount) scope = { from: next, to: blocks.get(next) ?? next };
    }
    out.push({ ...d, scope });
  }
  return out;
}
