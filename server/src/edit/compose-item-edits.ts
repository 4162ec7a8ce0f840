import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { ComposeModel, Service } from '../parse/compose';
import type { TextEdit } from '../core/types';

/**
 * Edits inside one Compose list item: a pair added to a nested map (`host_ip:` on a long-syntax
 * port, `read_only:` on a long-syntax volume), text inserted into or replaced within a scalar
 * (`127.0.0.1:` in front of `"8080:80"`, `:ro` after a volume). They keep quotes, comments and
 * line endings, like the edits in `yaml-edits.ts`.
 */

export interface ScalarSpan {
  /** Offset of the first character inside the quotes (or of a plain scalar). */
  start: number;
  end: number;
  /** The written text, which is also the scalar's value. */
  text: string;
  quoted: boolean;
}

/**
 * Where a scalar's characters are written, when every written character is one character of the
 * value: a one-line plain scalar, or a quoted one without escapes. Null otherwise (block scalars,
 * `\"` escapes, `''`, folded lines), so callers offer no edit they cannot place exactly.
 */
export function scalarSpan(model: ComposeModel, node: Node | null | undefined): ScalarSpan | null {
  if (!isScalar(node) || !node.range) return null;
  let [start, end] = node.range;
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    start++;
    end--;
  } else if (node.type !== 'PLAIN') {
    return null;
  }
  if (end < start) return null;
  const text = model.text.slice(start, end);
  if (/[\r\n]/.test(text)) return null;
  if (node.type === 'QUOTE_DOUBLE' && text.includes('\\')) return null;
  if (node.type === 'QUOTE_SINGLE' && text.includes("'")) return null;
  return { start, end, text, quoted: node.type !== 'PLAIN' };
}

/**
 * Replaces `[from, to)` of a scalar's written text (offsets relative to the span's start). A plain
 * scalar inside a flow collection (`[a, b]`, `{k: v}`) cannot hold `,`, `[`, `]`, `{` or `}`: when
 * the new value needs one, the whole scalar is rewritten double-quoted.
 */
export function editInScalar(model: ComposeModel, span: ScalarSpan, from: number, to: number, newText: string, inFlow = false): TextEdit {
  if (inFlow && !span.quoted && /[,[\]{}]/.test(newText)) {
    const value = span.text.slice(0, from) + newText + span.text.slice(to);
    return { range: model.index.range(span.start, span.end), newText: JSON.stringify(value) };
  }
  return { range: model.index.range(span.start + from, span.start + to), newText };
}

/**
 * Adds `key: value` (one line, no indentation) as the last pair of a map: on a new line at the
 * column of the map's last key in block style, as `, key: value` before the `}` in flow style.
 */
export function addMapPair(model: ComposeModel, map: YAMLMap, line: string): TextEdit | null {
  if (!map.range) return null;
  if (map.flow) {
    const close = map.range[1] - 1;
    if (model.text[close] !== '}') return null;
    let at = close;
    while (at > 0 && /[ \t]/.test(model.text[at - 1])) at--;
    const newText = (map.items.length > 0 ? ', ' : '') + line;
    return { range: model.index.range(at, at), newText };
  }
  const last = map.items[map.items.length - 1];
  const keyStart = (last?.key as Node | null | undefined)?.range?.[0];
  if (!last || keyStart === undefined) return null;
  const column = model.index.positionAt(keyStart).character;
  const end = model.index.offsetAt(model.pairRange(last).end);
  const at = model.index.lineEnd(model.index.positionAt(Math.max(keyStart, end - 1)).line);
  return { range: model.index.range(at, at), newText: model.index.eol + ' '.repeat(column) + line };
}

/**
 * Whether nodes are written inside the service's own block and carry no anchor (nor does the
 * service's map), so editing them changes this service only: not an `x-` block other services
 * merge or alias, nor a list another service aliases.
 */
export function writtenIn(service: Service, ...nodes: (Node | null | undefined)[]): boolean {
  const key = (service.pair.key as Node | null)?.range;
  const map = service.pair.value as Node | null;
  if (!key || !isMap(map) || !map.range || anchored(map)) return false;
  return nodes.every((n) => !!n?.range && !anchored(n) && n.range[0] >= key[0] && n.range[1] <= map.range![1]);
}

function anchored(node: Node): boolean {
  return typeof (node as { anchor?: string }).anchor === 'string';
}
