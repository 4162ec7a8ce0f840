import { createScanner } from 'jsonc-parser/lib/esm/main.js';
import type { TextEdit } from '../core/types';
import type { DevcontainerModel, JsonNode } from '../parse/devcontainer';

/**
 * Minimal text edits on JSON with comments: remove properties or array items (with their comma,
 * and their line when they stand on one), replace a value, add a property. Comments, trailing
 * commas and the file's indentation are kept; nothing is reformatted.
 */

const COMMA = 5;
const TRIVIA = new Set([12, 13, 14, 15]);

/** Offset of the comma that follows `offset` (past whitespace and comments), or -1. */
function commaAfter(text: string, offset: number): number {
  const scanner = createScanner(text, false);
  scanner.setPosition(offset);
  for (let kind = scanner.scan(); ; kind = scanner.scan()) {
    if (kind === COMMA) return scanner.getTokenOffset();
    if (!TRIVIA.has(kind)) return -1;
  }
}

function endOf(node: JsonNode): number {
  return node.offset + node.length;
}

/**
 * Removes some children (properties of an object, items of an array) of one container. Runs of
 * neighbouring children go in one edit; a run that fills its lines takes the lines with it.
 */
export function removeChildren(model: DevcontainerModel, container: JsonNode, remove: readonly JsonNode[]): TextEdit[] {
  const children = container.children ?? [];
  const position = positions(container);
  // Only the removed children are looked at: a file with thousands of items gets a fix per finding in linear time.
  const at = [...new Set(remove.map((n) => position.get(n)).filter((i): i is number => i !== undefined))].sort((a, b) => a - b);
  const edits: TextEdit[] = [];
  for (let k = 0; k < at.length; k++) {
    const i = at[k];
    while (k + 1 < at.length && at[k + 1] === at[k] + 1) k++;
    edits.push(...removeRun(model, children, i, at[k]));
  }
  return edits;
}

/** Each child's index in its container, computed once per container. */
const indexes = new WeakMap<JsonNode, Map<JsonNode, number>>();
function positions(container: JsonNode): Map<JsonNode, number> {
  let m = indexes.get(container);
  if (!m) indexes.set(container, (m = new Map((container.children ?? []).map((c, i) => [c, i]))));
  return m;
}

function removeRun(model: DevcontainerModel, children: readonly JsonNode[], i: number, j: number): TextEdit[] {
  const { text, index } = model;
  const start = children[i].offset;
  const end = endOf(children[j]);
  const comma = commaAfter(text, end);
  const prev = i > 0 ? children[i - 1] : null;
  const next = j + 1 < children.length ? children[j + 1] : null;
  const startLine = index.positionAt(start).line;
  const afterRun = comma >= 0 ? comma + 1 : end;
  const endLine = index.positionAt(afterRun).line;
  const before = text.slice(index.lineStart(startLine), start);
  const rest = text.slice(afterRun, index.lineEnd(endLine)).trim();
  const ownLines = before.trim() === '' && (rest === '' || rest.startsWith('//') || (rest.startsWith('/*') && rest.endsWith('*/')));
  const edits: TextEdit[] = [];
  if (ownLines && (next === null || index.positionAt(next.offset).line > endLine)) {
    const from = index.lineStart(startLine);
    const to = endLine + 1 < index.lineCount ? index.lineStart(endLine + 1) : text.length;
    edits.push({ range: index.range(from, to), newText: '' });
    // The last entry without a trailing comma: the comma before it goes too.
    if (next === null && comma < 0 && prev) {
      const c = commaAfter(text, endOf(prev));
      if (c >= 0 && c < from) edits.push({ range: index.range(c, c + 1), newText: '' });
    }
    return edits;
  }
  if (next) return [{ range: index.range(start, next.offset), newText: '' }];
  if (prev) return [{ range: index.range(endOf(prev), end), newText: '' }];
  // The only entry, inline: the container becomes empty (`[]`, `{}`) when nothing else is in it.
  const parent = children[i].parent;
  const to = comma >= 0 ? comma + 1 : end;
  if (parent && text.slice(parent.offset + 1, start).trim() === '' && text.slice(to, endOf(parent) - 1).trim() === '') {
    return [{ range: index.range(parent.offset + 1, endOf(parent) - 1), newText: '' }];
  }
  return [{ range: index.range(start, to), newText: '' }];
}

/** Removes one property or array item. */
export function removeNode(model: DevcontainerModel, node: JsonNode): TextEdit[] {
  return node.parent ? removeChildren(model, node.parent, [node]) : [];
}

export function replaceNode(model: DevcontainerModel, node: JsonNode, newText: string): TextEdit {
  return { range: model.rangeOf(node), newText };
}

/** A JSON string literal. */
export function jsonString(value: string): string {
  return JSON.stringify(value);
}

/** Adds `"key": value` (value is JSON text) as the last property of an object, in its style. */
export function addProperty(model: DevcontainerModel, object: JsonNode, key: string, valueJson: string): TextEdit {
  const { text, index } = model;
  const entry = `${jsonString(key)}: ${valueJson}`;
  const props = object.children ?? [];
  const last = props[props.length - 1];
  if (!last) {
    const at = object.offset + 1;
    const pos = index.positionAt(at);
    return { range: index.range(at, at), newText: index.positionAt(endOf(object)).line > pos.line ? `${index.eol}${indentOf(model, object)}  ${entry}` : ` ${entry} ` };
  }
  const comma = commaAfter(text, endOf(last));
  const multiLine = index.positionAt(last.offset).line > index.positionAt(object.offset).line;
  if (!multiLine) {
    const at = endOf(last);
    return { range: index.range(at, at), newText: `, ${entry}` };
  }
  const indent = indentOf(model, last);
  if (comma >= 0) {
    const at = comma + 1;
    return { range: index.range(at, at), newText: `${index.eol}${indent}${entry},` };
  }
  const at = endOf(last);
  return { range: index.range(at, at), newText: `,${index.eol}${indent}${entry}` };
}

function indentOf(model: DevcontainerModel, node: JsonNode): string {
  const line = model.index.positionAt(node.offset).line;
  return /^[ \t]*/.exec(model.index.lineText(line))![0];
}

/**
 * Removes words from inside one string item (a `runArgs` item that holds several flags), each run
 * of removed words with the whitespace before the next word (or after the previous one, at the
 * end). When no word is left, the item itself goes.
 */
export function removeWordsInString(model: DevcontainerModel, item: JsonNode, words: readonly { start: number; end: number }[], all: readonly { start: number; end: number }[]): TextEdit[] {
  const sorted = [...all].sort((a, b) => a.start - b.start);
  const gone = new Set(words.map((w) => w.start));
  if (sorted.every((w) => gone.has(w.start))) return removeNode(model, item);
  const edits: TextEdit[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (!gone.has(sorted[i].start)) continue;
    let j = i;
    while (j + 1 < sorted.length && gone.has(sorted[j + 1].start)) j++;
    const from = j + 1 < sorted.length ? sorted[i].start : sorted[i - 1].end;
    const to = j + 1 < sorted.length ? sorted[j + 1].start : sorted[j].end;
    edits.push({ range: model.range(from, to), newText: '' });
    i = j;
  }
  return edits;
}
