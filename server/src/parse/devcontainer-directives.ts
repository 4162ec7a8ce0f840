import type { DevcontainerModel, JsonNode } from './devcontainer';
import { parseDirectiveLine, type IgnoreDirective } from './ignore-directives';

/**
 * Inline suppressions in Dev Container configurations, written as JSONC line comments:
 *
 *   // bulkhead-ignore rule-a,rule-b -- reason     the next property or array item (all its lines)
 *   // bulkhead-ignore-file rule-a -- reason       the whole file
 *
 * The comment must stand on a line of its own; `//` inside a string is not a comment.
 */
export function devcontainerDirectives(model: DevcontainerModel): IgnoreDirective[] {
  const { index, text } = model;
  const candidates = model.comments.filter((c) => !c.block && /^\/\/[ \t]*bulkhead-ignore/.test(text.slice(c.start, c.start + 40)));
  if (candidates.length === 0) return [];
  const blocks = entryBlocks(model);
  // Lines that hold nothing but comments (or nothing): a directive's scope starts after them.
  const commentOnly = new Set<number>();
  for (const c of model.comments) {
    const from = index.positionAt(c.start).line;
    const to = index.positionAt(c.end).line;
    for (let l = from; l <= to; l++) {
      const lineStart = index.lineStart(l);
      const before = text.slice(lineStart, Math.max(lineStart, c.start));
      const after = text.slice(Math.min(index.lineEnd(l), Math.max(lineStart, c.end)), index.lineEnd(l));
      if ((l > from || before.trim() === '') && (l < to || after.trim() === '')) commentOnly.add(l);
    }
  }
  const out: IgnoreDirective[] = [];
  for (const c of candidates) {
    const line = c.line;
    const lineStart = index.lineStart(line);
    if (text.slice(lineStart, c.start).trim() !== '') continue;
    const d = parseDirectiveLine(index.lineText(line), lineStart, index, '//');
    if (!d) continue;
    let scope: IgnoreDirective['scope'] = null;
    if (d.kind === 'line') {
      let next = line + 1;
      while (next < index.lineCount && (commentOnly.has(next) || index.lineText(next).trim() === '')) next++;
      if (next < index.lineCount) scope = { from: next, to: blocks.get(next) ?? next };
    }
    out.push({ ...d, scope });
  }
  return out;
}

/** For each line where a property or array item starts, the last line of the longest one. */
function entryBlocks(model: DevcontainerModel): Map<number, number> {
  const blocks = new Map<number, number>();
  const stack: JsonNode[] = model.root ? [model.root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.children ?? []) {
      if (node.type === 'array' || child.type === 'property') {
        const from = model.index.positionAt(child.offset).line;
        const to = model.index.positionAt(child.offset + Math.max(1, child.length) - 1).line;
        blocks.set(from, Math.max(blocks.get(from) ?? from, to));
      }
      if (child.children) stack.push(child);
    }
  }
  return blocks;
}
