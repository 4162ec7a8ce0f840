import type { DfInstruction, DfProperty, DockerfileModel, Token } from '../parse/dockerfile';
import type { ShellWord } from '../parse/shell';
import type { TextEdit } from '../core/types';

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

/** `keyword` written in the case of `written`: `add` -> `copy`, `Add` -> `Copy`, `ADD` -> `COPY`. */
export function keywordLike(written: string, keyword: string): string {
  if (written === written.toLowerCase()) return keyword.toLowerCase();
  if (written === written.toUpperCase()) return keyword.toUpperCase();
  return keyword[0].toUpperCase() + keyword.slice(1).toLowerCase();
}

/** Replaces an instruction's keyword, keeping its case (`add` becomes `copy`). */
export function replaceKeyword(model: DockerfileModel, instr: DfInstruction, keyword: string): TextEdit {
  const start = model.offset(instr.keywordRange.start);
  const end = model.offset(instr.keywordRange.end);
  return replace(model, start, end, keywordLike(model.text.slice(start, end), keyword));
}

/**
 * Removes a span of words (a flag, a flag and its value, a property) from a continued line without
 * leaving an empty continuation line behind: a span alone on a line that ends with the
 * continuation character takes the whole line; a span alone on the instruction's last line also
 * takes the continuation character that led to it; a span glued to the text before it (a quote)
 * goes with the blanks after it; otherwise it goes with the blanks before it.
 */
export function removeSpan(model: DockerfileModel, start: number, end: number, continuation = model.escape): TextEdit {
  const t = model.text;
  const first = model.index.positionAt(start).line;
  const last = model.index.positionAt(end).line;
  const lineStart = model.index.lineStart(first);
  const lineEnd = model.index.lineEnd(last);
  const before = t.slice(lineStart, start);
  const after = t.slice(end, lineEnd).trim();
  if (before.trim() === '' && after === continuation) {
    const next = last + 1 < model.index.lineCount ? model.index.lineStart(last + 1) : lineEnd;
    return replace(model, lineStart, next, '');
  }
  if (before.trim() === '' && after === '' && first > 0) {
    const prev = model.index.lineEnd(first - 1);
    const prevText = t.slice(model.index.lineStart(first - 1), prev);
    const cont = prevText.trimEnd();
    if (cont.endsWith(continuation)) {
      let s = model.index.lineStart(first - 1) + cont.length - continuation.length;
      while (s > 0 && (t[s - 1] === ' ' || t[s - 1] === '\t')) s--;
      return replace(model, s, lineEnd, '');
    }
  }
  if (start > 0 && !/[ \t\r\n]/.test(t[start - 1])) {
    // Glued to what precedes it (the opening quote of `sh -c "sudo make"`): take the blanks after it.
    let e = end;
    while (e < t.length && (t[e] === ' ' || t[e] === '\t')) e++;
    return replace(model, start, e, '');
  }
  return removeWord(model, start, end);
}

/** Removes one string of an exec-form JSON array (`"-k"`) with the comma that separates it. */
export function removeJsonItem(model: DockerfileModel, token: Token): TextEdit {
  return removeJsonItems(model, token, token);
}

/** Removes consecutive strings of an exec-form JSON array, from `first` to `last`, with one comma. */
export function removeJsonItems(model: DockerfileModel, first: Token, last: Token): TextEdit {
  const t = model.text;
  const s = first.start - 1;
  const e = last.end + 1;
  let k = e;
  while (k < t.length && /\s/.test(t[k])) k++;
  if (t[k] === ',') {
    k++;
    while (k < t.length && (t[k] === ' ' || t[k] === '\t')) k++;
    return replace(model, s, k, '');
  }
  let b = s;
  while (b > 0 && /\s/.test(t[b - 1])) b--;
  if (t[b - 1] === ',') b--;
  return replace(model, b, e, '');
}

/**
 * Removes one `ENV`/`ARG`/`LABEL` property, or the whole instruction when it has no other. `together`
 * lists every property the caller removes from the instruction (one fix each): when they are all
 * of its properties, each fix removes the instruction, so applying them all leaves no empty `ENV`.
 */
export function removeProperty(model: DockerfileModel, instr: DfInstruction, prop: DfProperty, together: readonly DfProperty[] = [prop]): TextEdit {
  if (instr.properties.every((p) => p === prop || together.includes(p))) return deleteInstruction(model, instr);
  return removeSpan(model, model.offset(prop.range.start), model.offset(prop.range.end));
}

/** Adds a flag right after the instruction keyword: `RUN --mount=... apt-get ...`. */
export function addFlag(model: DockerfileModel, instr: DfInstruction, flag: string): TextEdit {
  const at = model.offset(instr.keywordRange.end);
  return replace(model, at, at, ' ' + flag);
}

/**
 * Removes shell words from an instruction: whole exec-form strings when the words are consecutive
 * JSON items (`["curl", "-k", ...]`), otherwise the span with `removeSpan` (a heredoc script continues
 * lines with `\` whatever the Dockerfile's escape character).
 */
export function removeWords(model: DockerfileModel, instr: DfInstruction, words: readonly { start: number; end: number }[]): TextEdit[] {
  if (words.length === 0) return [];
  const json = instr.json ?? [];
  const at = words.map((w) => json.findIndex((t) => t.start === w.start && t.end === w.end));
  if (at.length > 0 && at.every((n, i) => n >= 0 && (i === 0 || n === at[i - 1] + 1))) return [removeJsonItems(model, json[at[0]], json[at[at.length - 1]])];
  const start = words[0].start;
  const end = words[words.length - 1].end;
  const inHeredoc = instr.heredocs.some((h) => start >= h.contentStart && end <= h.contentEnd);
  return [removeSpan(model, start, end, inHeredoc ? '\\' : model.escape)];
}

/**
 * Inserts an option right after a command word (`install` -> `install --no-cache-dir`). In the
 * exec form the option becomes its own JSON string. Null when the word's text is not where its
 * offsets say (a script relocated from an escaped string).
 */
export function insertAfterWord(model: DockerfileModel, outer: DfInstruction, word: ShellWord, option: string): TextEdit | null {
  const instr = outer.trigger ?? outer;
  const exec = instr.json !== null && model.shell(instr).length === 0;
  if (exec) return instr.json!.some((t) => t.start === word.start && t.end === word.end) ? replace(model, word.end, word.end, `", "${option}`) : null;
  if (model.text.slice(word.start, word.end) !== word.value) return null;
  return replace(model, word.end, word.end, ' ' + option);
}
