import { fixAll } from '../../server/src/engine/fix-all';
import { applyEdits, chooseFixes } from '../../server/src/edit/apply-edits';
import { compareFindings, lintDetailed, type LintResult } from '../../server/src/engine/lint';
import type { Finding, LintConfig, Position, Range, Target } from '../../server/src/core/types';

/**
 * What must hold for every input, however broken: shared by the property tests (npm test) and
 * the long fuzz run (npm run fuzz). Line breaks are counted here independently of the engine's
 * LineIndex: `\r\n`, `\n` and a lone `\r`, as in the LSP specification.
 */

export interface Checked {
  /** Milliseconds for the first lint. */
  ms: number;
  findings: number;
  /** Safe fixes fix-all applied (when it ran). */
  fixesApplied: number;
  /** Empty when every invariant holds. */
  problems: string[];
}

export interface CheckOptions {
  config?: LintConfig;
  /** Also lint a second time and compare (catches state leaking between runs, such as caches). */
  twice?: boolean;
  /** Also run fix-all (pass after pass) and check its output. */
  fixAll?: boolean;
}

function lineLengths(text: string): number[] {
  const lengths: number[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lengths.push(i - start);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lengths.push(text.length - start);
  return lengths;
}

function validPosition(p: Position, lines: number[]): boolean {
  return Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line];
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);
const show = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/** Offsets of a position, with the same line rules. */
function offsetOf(p: Position, starts: number[]): number {
  return starts[p.line] + p.character;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

const isSyntaxError = (f: Finding) => f.ruleId === 'syntax-error';

/** Only CRLF line breaks (at least one): fixes must not bring in a bare LF. */
function crlfOnly(text: string): boolean {
  return text.includes('\r\n') && !/\r(?!\n)|(?<!\r)\n/.test(text);
}

export function checkInvariants(text: string, kind: Target, options: CheckOptions = {}): Checked {
  const problems: string[] = [];
  const input = { text, kind, uri: kind === 'compose' ? '/fuzz/compose.yaml' : kind === 'devcontainer' ? '/fuzz/.devcontainer/devcontainer.json' : '/fuzz/Dockerfile' };
  let result: LintResult;
  const t0 = performance.now();
  try {
    result = lintDetailed(input, options.config);
  } catch (e) {
    return { ms: performance.now() - t0, findings: 0, fixesApplied: 0, problems: [`lint threw: ${e instanceof Error ? e.stack : String(e)}`] };
  }
  // Reported by `npm run fuzz`, never judged: a time bound would fail at random on a loaded machine.
  const ms = performance.now() - t0;
  for (const e of result.internalErrors) problems.push(`rule ${e.ruleId} threw: ${e.message}\n${e.stack ?? ''}`);
  // Any text is a Dockerfile to BuildKit (unknown lines are errors, not a failed parse): the parser must never give up.
  const gaveUp = kind === 'dockerfile' ? result.findings.find((f) => f.messageId === 'unparsable') : undefined;
  if (gaveUp) problems.push(`the Dockerfile parser threw: ${gaveUp.message}`);

  const lines = lineLengths(text);
  const starts = lineStarts(text);
  const { findings } = result;
  findings.forEach((f, i) => {
    const { start, end } = f.range;
    if (!validPosition(start, lines) || !validPosition(end, lines)) problems.push(`${f.ruleId}: range ${show(f.range)} is outside the document`);
    else if (!before(start, end)) problems.push(`${f.ruleId}: range ${show(f.range)} is empty or inverted`);
    if (i > 0 && compareFindings(findings[i - 1], f) > 0) problems.push(`findings out of order: ${findings[i - 1].ruleId} ${show(findings[i - 1].range)} before ${f.ruleId} ${show(f.range)}`);
    for (const fix of f.fixes) {
      for (const e of fix.edits) {
        if (!validPosition(e.range.start, lines) || !validPosition(e.range.end, lines) || before(e.range.end, e.range.start)) {
          problems.push(`${f.ruleId}: fix "${fix.title}" edits ${show(e.range)}, outside the document or inverted`);
        }
      }
    }
  });

  // Fix-all's choice of safe fixes: edits that never overlap, so they apply in any order.
  if (problems.length === 0) {
    const chosen = chooseFixes(text, findings, 'safe');
    const spans = chosen.flatMap((fx) => fx.edits.map((e) => [offsetOf(e.range.start, starts), offsetOf(e.range.end, starts)] as const)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let i = 1; i < spans.length; i++) {
      if (spans[i][0] < spans[i - 1][1]) problems.push(`safe fixes overlap: [${spans[i - 1].join(',')}) and [${spans[i].join(',')})`);
    }
    try {
      applyEdits(text, chosen.flatMap((fx) => fx.edits));
    } catch (e) {
      problems.push(`applying the safe fixes threw: ${String(e)}`);
    }
  }

  if (options.twice && problems.length === 0) {
    const again = lintDetailed(input, options.config);
    if (JSON.stringify(again.findings) !== JSON.stringify(findings)) problems.push('a second lint of the same text gave different findings');
  }

  let fixesApplied = 0;
  if (options.fixAll && problems.length === 0) {
    try {
      const fixed = fixAll(input, options.config);
      fixesApplied = fixed.applied;
      if (fixed.refused || fixed.applied === 0) {
        if (fixed.text !== text) problems.push('fix-all changed a file it refused or did not fix');
      } else {
        if (!findings.some(isSyntaxError) && fixed.remaining.some(isSyntaxError)) problems.push('fix-all produced a text that does not parse');
        if (crlfOnly(text) && /(?<!\r)\n/.test(fixed.text)) problems.push('fix-all brought a bare LF into a CRLF file');
      }
    } catch (e) {
      problems.push(`fix-all threw: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }
  return { ms, findings: findings.length, fixesApplied, problems };
}
