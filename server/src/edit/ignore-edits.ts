import type { ComposeModel } from '../parse/compose';
import { DevcontainerModel } from '../parse/devcontainer';
import { devcontainerDirectives } from '../parse/devcontainer-directives';
import { DockerfileModel } from '../parse/dockerfile';
import { LineIndex } from '../core/positions';
import { composeDirectives, dockerfileDirectives, type IgnoreDirective } from '../parse/ignore-directives';
import type { Range, TextEdit } from '../core/types';
import { insertLinesAtTop } from './dockerfile-edits';

/**
 * The edits behind "Ignore <rule> on this line" and "Ignore <rule> in this file", computed on the
 * model the findings came from (nothing is parsed again). They merge into an existing comment when
 * there is one, take the indentation of the line they annotate, and in Dockerfiles keep parser
 * directives (`# syntax=`, `# escape=`) first.
 */

/** A parsed file of any kind, as the engine's LintResult holds it. */
export type IgnorableModel = DockerfileModel | ComposeModel | DevcontainerModel;

function directivesOf(model: IgnorableModel): { directives: IgnoreDirective[]; index: LineIndex; dockerfile?: DockerfileModel } {
  if (model instanceof DockerfileModel) return { directives: dockerfileDirectives(model), index: model.index, dockerfile: model };
  if (model instanceof DevcontainerModel) return { directives: devcontainerDirectives(model), index: model.index };
  return { directives: composeDirectives(model), index: model.index };
}

/** The comment marker of a file kind: JSON with comments uses `//`. */
function marker(model: IgnorableModel): string {
  return model instanceof DevcontainerModel ? '//' : '#';
}

/** Appends a rule id to an existing directive (before its `-- reason`). */
function mergeInto(index: LineIndex, d: IgnoreDirective, ruleId: string): TextEdit | null {
  if (d.rules.some((r) => r.id === ruleId)) return null;
  const last = d.rules[d.rules.length - 1];
  if (last) return { range: { start: last.range.end, end: last.range.end }, newText: `,${ruleId}` };
  // A directive with no ids yet: put the id right after the keyword.
  const line = index.lineText(d.line);
  const kw = line.indexOf('bulkhead-ignore');
  const after = kw + (d.kind === 'file' ? 'bulkhead-ignore-file' : 'bulkhead-ignore').length;
  const pos = { line: d.line, character: after };
  return { range: { start: pos, end: pos }, newText: ` ${ruleId}` };
}

/** The line a line-ignore must stand above: the instruction's first line (Dockerfile) or the finding's line (YAML). */
function anchorLine(range: Range, dockerfile?: DockerfileModel): number {
  const instr = dockerfile?.instructions.find((i) => i.range.start.line <= range.start.line && range.start.line <= i.range.end.line);
  return instr ? instr.range.start.line : range.start.line;
}

export function ignoreLineEdit(model: IgnorableModel, ruleId: string, range: Range): TextEdit | null {
  const { directives, index, dockerfile } = directivesOf(model);
  const line = anchorLine(range, dockerfile);
  const existing = directives.find((d) => d.kind === 'line' && d.scope !== null && d.scope.from === line && d.line === line - 1);
  if (existing) return mergeInto(index, existing, ruleId);
  // Indented like the annotated line (for a YAML list item, like its dash).
  const indent = /^[ \t]*/.exec(index.lineText(line))![0];
  const start = { line, character: 0 };
  return { range: { start, end: start }, newText: `${indent}${marker(model)} bulkhead-ignore ${ruleId}${index.eol}` };
}

export function ignoreFileEdit(model: IgnorableModel, ruleId: string): TextEdit | null {
  const { directives, index, dockerfile } = directivesOf(model);
  const existing = directives.find((d) => d.kind === 'file');
  if (existing) return mergeInto(index, existing, ruleId);
  const line = `${marker(model)} bulkhead-ignore-file ${ruleId}`;
  if (dockerfile) return insertLinesAtTop(dockerfile, [line]);
  const start = { line: 0, character: 0 };
  return { range: { start, end: start }, newText: line + index.eol };
}

/** A line that a Dockerfile parser would read as a parser directive (`# syntax=…`, `# escape=…`) if it stood at the top. */
const DIRECTIVE_LIKE = /^[ \t]*#[ \t]*[A-Za-z][A-Za-z0-9]*[ \t]*=/;

/**
 * Removing a comment line must not promote the next line into a parser directive: directives are
 * read only from the top of a Dockerfile until the first line that is not one (a comment, an empty
 * line, an instruction). When every line above the comment is a directive and the line below looks
 * like one, the comment's line is emptied instead of removed: an empty line ends the directives too.
 */
function wouldPromoteDirective(index: LineIndex, line: number): boolean {
  if (line + 1 >= index.lineCount || !DIRECTIVE_LIKE.test(index.lineText(line + 1))) return false;
  for (let l = 0; l < line; l++) if (!DIRECTIVE_LIKE.test(index.lineText(l))) return false;
  return true;
}

/**
 * Removes one rule id from a directive (with its comma), or the whole comment line when it is the
 * directive's only id (or the directive names none). A byte order mark at the start stays.
 */
export function removeIgnoredRule(index: LineIndex, d: IgnoreDirective, ruleIndex: number): TextEdit {
  if (d.rules.length <= 1 || ruleIndex < 0) {
    const bom = d.line === 0 && index.text.startsWith('\uFEFF') ? 1 : 0;
    const start = index.lineStart(d.line) + bom;
    if (wouldPromoteDirective(index, d.line)) return { range: index.range(start, index.lineEnd(d.line)), newText: '' };
    const end = d.line + 1 < index.lineCount ? index.lineStart(d.line + 1) : index.lineEnd(d.line);
    const from = end === index.lineEnd(d.line) && d.line > 0 ? index.lineEnd(d.line - 1) : start;
    return { range: index.range(from, end), newText: '' };
  }
  const text = index.text;
  const r = d.rules[ruleIndex];
  let s = index.offsetAt(r.range.start);
  let e = index.offsetAt(r.range.end);
  if (ruleIndex < d.rules.length - 1) {
    // Up to the next id: "a, b" -> "b".
    e = index.offsetAt(d.rules[ruleIndex + 1].range.start);
  } else {
    // The last id: take the separator before it.
    const prevEnd = index.offsetAt(d.rules[ruleIndex - 1].range.end);
    s = prevEnd;
    while (e < text.length && text[e] === ',') e++;
  }
  return { range: index.range(s, e), newText: '' };
}
