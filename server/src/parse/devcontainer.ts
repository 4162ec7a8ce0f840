import { createScanner, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import type { Range } from '../core/types';
import { LineIndex } from '../core/positions';
import { stringSpan, type StringSpan } from './json-strings';
import { parseCount } from './parse-count';

/**
 * The Dev Container model every rule reads: `devcontainer.json` parsed once as JSON with comments
 * and trailing commas (what VS Code and the Dev Containers CLI accept), with the offsets of every
 * property, value and comment. Offsets become positions only through `LineIndex`.
 */

export type { JsonNode };

/** Nesting deeper than this is refused before parsing: the parser recurses, real files nest a few levels. */
export const MAX_JSON_DEPTH = 256;

export interface JsonProperty {
  key: string;
  /** The property node (key start to value end). */
  node: JsonNode;
  keyNode: JsonNode;
  /** Null for a half-typed `"key":` with no value. */
  value: JsonNode | null;
  /** Key start to value end. */
  range: Range;
  keyRange: Range;
  valueRange: Range | null;
}

export interface SyntaxProblem {
  message: string;
  range: Range;
}

export interface JsonComment {
  start: number;
  end: number;
  /** Line of the comment's start. */
  line: number;
  block: boolean;
}

const TOKEN = { openBrace: 1, closeBrace: 2, openBracket: 3, closeBracket: 4, lineComment: 12, blockComment: 13, eof: 17 } as const;

const MESSAGES: Record<number, string> = {
  1: 'unexpected character',
  2: 'invalid number',
  3: 'a property name in double quotes is expected',
  4: 'a value is expected',
  5: 'a colon is expected',
  6: 'a comma is expected',
  7: 'a closing brace is expected',
  8: 'a closing bracket is expected',
  9: 'the end of the file is expected',
  10: 'invalid comment',
  11: 'unterminated comment',
  12: 'unterminated string',
  13: 'unterminated number',
  14: 'invalid unicode escape',
  15: 'invalid escape character',
  16: 'invalid character',
};

export class DevcontainerModel {
  readonly index: LineIndex;
  readonly root: JsonNode | null;
  readonly syntaxErrors: SyntaxProblem[] = [];
  readonly comments: JsonComment[] = [];
  /** Top-level properties; the last of duplicated keys wins, as in the Dev Containers tools. */
  readonly top: Map<string, JsonProperty>;
  private readonly propertyCache = new Map<JsonNode, Map<string, JsonProperty>>();

  constructor(readonly text: string) {
    this.index = new LineIndex(text);
    const depth = this.scan();
    let root: JsonNode | undefined;
    if (depth > MAX_JSON_DEPTH) {
      this.syntaxErrors.push({ message: `nesting deeper than ${MAX_JSON_DEPTH} levels`, range: this.visibleRange(0, 1) });
    } else {
      const errors: ParseError[] = [];
      // An empty file (or one with only comments) is a configuration being written, not an error.
      root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
      for (const e of errors) this.syntaxErrors.push({ message: MESSAGES[e.error] ?? 'invalid JSON', range: this.visibleRange(e.offset, e.offset + e.length) });
      if (root && root.type !== 'object' && errors.length === 0) {
        this.syntaxErrors.push({ message: 'a dev container configuration is a JSON object ({ ... })', range: this.visibleRange(root.offset, root.offset + root.length) });
      }
    }
    this.root = root && root.type === 'object' ? root : null;
    this.top = this.root ? this.properties(this.root) : new Map();
  }

  /** One pass of the scanner: collects comments and returns the deepest nesting. */
  private scan(): number {
    const scanner = createScanner(this.text, false);
    let depth = 0;
    let max = 0;
    for (let kind = scanner.scan(); kind !== TOKEN.eof; kind = scanner.scan()) {
      if (kind === TOKEN.openBrace || kind === TOKEN.openBracket) max = Math.max(max, ++depth);
      else if (kind === TOKEN.closeBrace || kind === TOKEN.closeBracket) depth = Math.max(0, depth - 1);
      else if (kind === TOKEN.lineComment || kind === TOKEN.blockComment) {
        const start = scanner.getTokenOffset();
        this.comments.push({ start, end: start + scanner.getTokenLength(), line: scanner.getTokenStartLine(), block: kind === TOKEN.blockComment });
      }
    }
    return max;
  }

  range(start: number, end: number): Range {
    return this.index.range(start, end);
  }

  rangeOf(node: JsonNode): Range {
    return this.index.range(node.offset, node.offset + node.length);
  }

  /** An object's properties (last duplicate wins), computed once per object. */
  properties(node: JsonNode | null | undefined): Map<string, JsonProperty> {
    if (!node || node.type !== 'object') return new Map();
    let out = this.propertyCache.get(node);
    if (out) return out;
    out = new Map();
    for (const p of node.children ?? []) {
      const keyNode = p.children?.[0];
      if (p.type !== 'property' || !keyNode || typeof keyNode.value !== 'string') continue;
      const value = p.children?.[1] ?? null;
      out.delete(keyNode.value);
      out.set(keyNode.value, { key: keyNode.value, node: p, keyNode, value, range: this.rangeOf(p), keyRange: this.rangeOf(keyNode), valueRange: value ? this.rangeOf(value) : null });
    }
    this.propertyCache.set(node, out);
    return out;
  }

  get(key: string): JsonProperty | undefined {
    return this.top.get(key);
  }

  /** Follows a path of keys through nested objects: `path('build', 'dockerfile')`. */
  path(...keys: string[]): JsonProperty | undefined {
    let cur: JsonProperty | undefined;
    let obj: JsonNode | null = this.root;
    for (const k of keys) {
      cur = this.properties(obj).get(k);
      if (!cur) return undefined;
      obj = cur.value;
    }
    return cur;
  }

  /** The items of an array node; nothing for other nodes. */
  items(node: JsonNode | null | undefined): JsonNode[] {
    return node?.type === 'array' ? (node.children ?? []) : [];
  }

  /** The value of a string node with each character's offset; null for other nodes. */
  string(node: JsonNode | null | undefined): StringSpan | null {
    return node?.type === 'string' ? stringSpan(this.text, node.offset, node.length) : null;
  }

  /** A string node's value; null for other nodes. */
  stringValue(node: JsonNode | null | undefined): string | null {
    return node?.type === 'string' && typeof node.value === 'string' ? node.value : null;
  }

  /** Strings as one string or an array of strings (`dockerComposeFile`, `runServices`...). */
  stringList(node: JsonNode | null | undefined): { value: string; node: JsonNode }[] {
    if (!node) return [];
    const nodes = node.type === 'array' ? this.items(node) : [node];
    return nodes.flatMap((n) => (n.type === 'string' && typeof n.value === 'string' ? [{ value: n.value, node: n }] : []));
  }

  /** A range that covers at least one visible character (errors at the end of a line or file point back). */
  private visibleRange(start: number, end: number): Range {
    const len = this.text.length;
    start = Math.max(0, Math.min(start, len));
    end = Math.max(start, Math.min(end, len));
    const line = this.index.positionAt(start).line;
    const lineEnd = this.index.lineEnd(line);
    end = Math.min(end, lineEnd);
    if (end > start && this.text.slice(start, end).trim() !== '') return this.index.range(start, end);
    if (lineEnd > start && this.text.slice(start, lineEnd).trim() !== '') {
      const word = /^\S+/.exec(this.text.slice(start, lineEnd).trimStart());
      const s = start + (this.text.slice(start, lineEnd).length - this.text.slice(start, lineEnd).trimStart().length);
      return this.index.range(s, s + (word ? word[0].length : 1));
    }
    let s = start - 1;
    while (s >= 0 && /\s/.test(this.text[s])) s--;
    if (s >= 0) return this.index.range(s, s + 1);
    // Nothing visible before: the first visible character, else the first line break (all of a CRLF).
    const v = this.text.search(/\S/);
    if (v >= 0) return this.index.range(v, v + 1);
    return this.index.range(0, Math.min(this.text.startsWith('\r\n') ? 2 : 1, len));
  }
}

export function parseDevcontainer(text: string): DevcontainerModel {
  parseCount.devcontainer++;
  return new DevcontainerModel(text);
}
