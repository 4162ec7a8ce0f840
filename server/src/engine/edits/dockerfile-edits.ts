import type { DfInstruction, DockerfileModel } from '../../parse/dockerfile';
import type { TextEdit } from '../types';

/**
 * Minimal text edits on a Dockerfile. Every edit keeps the file's line endings and the
 * indentation of the line it touches, and never rewrites more than the lines it must.
 */

export function replace(model: DockerfileModel, start: number, end: number, newText: string): TextEdit {
  return { range: model.range(start, end), newText };
}

export function indentOf(model: DockerfileModel, line: number): string {
  return /^[ \t]*/.exec(model.index.lineText(line))![0];
}

/** Removes an instruction with all its lines (continuations, heredoc bodies) and its line break. */
export function deleteInstruction(model: DockerfileModel, instr: DfInstruction): TextEdit {
  const first = instr.range.start.line;
  const last = instr.range.end.line;
  const start = model.index.lineStart(first);
  const end = last + 1 < model.index.lineCount ? model.index.lineStart(last + 1) : model.index.lineEnd(last);
  // At the end of a file without a trailing newline, also take the preceding line break.
  const from = end === model.index.lineEnd(last) && first > 0 ? model.index.lineEnd(first - 1) : start;
  return replace(model, from, end, '');
}

/** Inserts whole lines before an instruction, indented like it. */
export function insertLinesBefore(model: DockerfileModel, instr: DfInstruction, lines: string[]): TextEdit {
  const line = instr.range.start.line;
  const at = model.index.lineStart(line);
  const indent = indentOf(model, line);
  const eol = model.index.eol;
  return replace(model, at, at, lines.map((l) => indent + l + eol).join(''));
}

/** Inserts whole lines after an instruction's last line, indented like it. */
export function insertLinesAfter(model: DockerfileModel, instr: DfInstruction, lines: string[]): TextEdit {
  const indent = indentOf(model, instr.range.start.line);
  const at = model.index.lineEnd(instr.range.end.line);
  const eol = model.index.eol;
  return replace(model, at, at, lines.map((l) => eol + indent + l).join(''));
}

/** Inserts lines at the very top, after parser directives (`# syntax=`, `# escape=`). */
export function insertLinesAtTop(model: DockerfileModel, lines: string[]): TextEdit {
  const eol = model.index.eol;
  const lastDirective = model.directives.length > 0 ? Math.max(...model.directives.map((d) => d.range.end.line)) : -1;
  if (lastDirective < 0) return replace(model, 0, 0, lines.map((l) => l + eol).join(''));
  const at = model.index.lineEnd(lastDirective);
  return replace(model, at, at, lines.map((l) => eol + l).join(''));
}

/**
 * Removes a word (a flag, an argument) together with the whitespace before it, or after it when
 * it is the first word on its line.
 */
export function removeWord(model: DockerfileModel, start: number, end: number): TextEdit {
  const t = model.text;
  let s = start;
  while (s > 0 && (t[s - 1] === ' ' || t[s - 1] === '\t')) s--;
  if (s > 0 && t[s - 1] !== '\n' && t[s - 1] !== '\r') return replace(model, s, end, '');
  let e = end;
  while (e < t.length && (t[e] === ' ' || t[e] === '\t')) e++;
  return replace(model, start, e, '');
}
