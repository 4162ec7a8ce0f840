import { Argument as AstArgument } from 'dockerfile-ast';
import type { Position } from '../core/types';

/**
 * dockerfile-ast 0.7.1's `Instruction.getRawArguments()`, the same state machine step for step,
 * written to allocate less: an argument's value is cut from the text in runs (`slice`) instead of
 * being grown one character at a time, and characters are compared as char codes. What it returns
 * (values and ranges) is what the library returns; `test/parse/dockerfile-ast-adapter.test.ts`
 * compares the two on samples, every corpus Dockerfile and random texts.
 *
 * Growing a string by one character per step made a rope per argument, and this tokeniser was the
 * largest single cost of parsing a Dockerfile (docs/benchmarks.md, round 5).
 */

interface InstructionInternals {
  escapeChar: string;
  document: { offsetAt(p: Position): number; positionAt(offset: number): Position; getText(): string; getLineOffsets?(): number[] };
  getInstructionRange(): { start: Position; end: Position };
  getTextContent(): string;
}

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const HASH = 35;
const DOLLAR = 36;

/**
 * `document.positionAt`, for offsets asked mostly in increasing order: the line is found by stepping
 * on from the previous answer's line instead of a binary search over every line (a binary search
 * when an offset comes before it), with the library's own rules (clamped to the text; an offset just
 * after a line break of its line moves before it). `offset` gives the offset a position stands for
 * without building the position. Falls back to the document's own methods if it does not expose its
 * line offsets.
 */
class LineCursor {
  private readonly lines: number[] | null;
  private readonly content: string;
  private line = -1;

  constructor(private readonly document: InstructionInternals['document']) {
    this.lines = typeof document.getLineOffsets === 'function' ? document.getLineOffsets() : null;
    this.content = document.getText();
  }

  /** The offset of `document.positionAt(at)`: `at` clamped to the text and moved before a line break it splits. */
  offset(at: number): number {
    const lines = this.lines;
    if (lines === null) return this.document.offsetAt(this.document.positionAt(at));
    let offset = Math.max(Math.min(at, this.content.length), 0);
    if (lines.length === 0) return offset;
    let line = this.line;
    if (line < 0 || lines[line] > offset) {
      let low = 0;
      let high = lines.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (lines[mid] > offset) high = mid;
        else low = mid + 1;
      }
      line = low - 1;
    } else {
      while (line + 1 < lines.length && lines[line + 1] <= offset) line++;
    }
    this.line = line;
    const lineStart = lines[line];
    while (offset > lineStart && isLineBreak(this.content.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  /** `document.positionAt(at)`. */
  position(at: number): Position {
    if (this.lines === null) return this.document.positionAt(at);
    const offset = this.offset(at);
    if (this.lines.length === 0) return { line: 0, character: offset };
    return { line: this.line, character: offset - this.lines[this.line] };
  }
}

/**
 * An argument whose range is built when something first reads it. dockerfile-ast reads the ranges
 * of about one argument in six while parsing, and Bulkhead's model keeps offsets, so most arguments
 * never need theirs: building them all was three objects per argument. `startOffset` and
 * `endOffset` are the offsets the range's positions stand for.
 */
export interface OffsetArgument extends AstArgument {
  readonly startOffset: number;
  readonly endOffset: number;
}

interface LazyFields {
  startOffset: number;
  endOffset: number;
  cursor: LineCursor;
  built: { start: Position; end: Position } | undefined;
}

// A subclass, so `instanceof Argument` holds. The library's constructor assigns `this.range`; the
// accessor below takes that assignment (the undefined passed here, or a range assigned later).
class LazyArgument extends (AstArgument as unknown as new (value: string, range: unknown) => object) {
  constructor(value: string, startOffset: number, endOffset: number, cursor: LineCursor) {
    super(value, undefined);
    const self = this as unknown as LazyFields;
    self.startOffset = startOffset;
    self.endOffset = endOffset;
    self.cursor = cursor;
  }
}
Object.defineProperty(LazyArgument.prototype, 'range', {
  get(this: LazyFields) {
    return (this.built ??= { start: this.cursor.position(this.startOffset), end: this.cursor.position(this.endOffset) });
  },
  set(this: LazyFields, range: LazyFields['built']) {
    this.built = range;
  },
});

/** Whether dockerfile-ast handed back one of the arguments made here (with offsets), not one it built itself. */
export function isOffsetArgument(a: AstArgument): a is OffsetArgument {
  return a instanceof LazyArgument;
}

const isLineBreak = (c: number) => c === CR || c === LF;

export function rawArguments(this: InstructionInternals): AstArgument[] {
  const args: AstArgument[] = [];
  const document = this.document;
  const range = this.getInstructionRange();
  const rangeStart = document.offsetAt(range.start);
  const extra = document.offsetAt(range.end) - rangeStart;
  const text = this.getTextContent().substring(extra);
  const offset = rangeStart + extra;
  // The library compares one character with the escape character: one longer never matches.
  const escape = this.escapeChar.length === 1 ? this.escapeChar.charCodeAt(0) : -2;
  const length = text.length;

  // The value of the argument being read: `done` plus the pending run text[runStart, runEnd).
  let done = '';
  let runStart = -1;
  let runEnd = -1;
  const append = (from: number, to: number) => {
    if (runStart >= 0 && runEnd === from) {
      runEnd = to;
      return;
    }
    if (runStart >= 0) done += text.slice(runStart, runEnd);
    runStart = from;
    runEnd = to;
  };
  const value = () => (runStart >= 0 ? done + text.slice(runStart, runEnd) : done);
  const cursor = new LineCursor(document);
  const push = (from: number, to: number) => {
    const startOffset = cursor.offset(offset + from);
    args.push(new LazyArgument(value(), startOffset, cursor.offset(offset + to), cursor) as AstArgument);
    done = '';
    runStart = -1;
  };

  let start = false;
  let comment = false;
  let found = -1;
  // A space or tab seen inside an escaped newline sequence.
  let escapedWhitespaceDetected = false;
  // Inside an escaped newline sequence.
  let escaping = false;
  let escapeMarker = -1;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === CR || c === LF) {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (c === CR || c === LF) {
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        push(found, escapeMarker === -1 ? i : escapeMarker);
        escapeMarker = -1;
        found = -1;
      }
    } else if (c === escape) {
      const next = i + 1 < length ? text.charCodeAt(i + 1) : -1;
      if (next === SPACE || next === TAB) {
        for (let j = i + 2; j < length; j++) {
          const after = text.charCodeAt(j);
          if (after === SPACE || after === TAB) continue;
          if (after === CR || after === LF) {
            if (after === CR) j++;
            comment = false;
            escaping = true;
            start = true;
            if (found !== -1) escapeMarker = i;
            i = j;
            break;
          }
          escapeMarker = i;
          if (found === -1) i = j - 1;
          break;
        }
      } else if (next === CR) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
      } else if (next === LF) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(found, escapeMarker);
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        // At the end of the text: stop.
        if (next === -1) break;
        if (next === DOLLAR) append(i, i + 2);
        else append(i + 1, i + 2);
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && c === HASH) {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(found, escapeMarker);
          found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        append(i, i + 1);
        if (found === -1) found = i;
      }
      start = false;
    }
  }
  if (found !== -1) push(found, escapeMarker === -1 ? length : escapeMarker);
  return args;
}
