import { applyFixes } from '../edit/apply-edits';
import { lint } from './lint';
import type { Finding, LintConfig, LintInput } from '../core/types';

export interface FixAllResult {
  text: string;
  /** How many fixes went in, over every pass. */
  applied: number;
  /** Why nothing was changed, when the file was refused. */
  refused?: string;
  /** Findings on the final text. */
  remaining: Finding[];
}

const MAX_PASSES = 10;
const isSyntaxError = (f: Finding) => f.ruleId === 'syntax-error';
const isTooLarge = (f: Finding) => f.ruleId === 'file-too-large';

/**
 * Applies every safe fix, pass after pass (fixes dropped for overlapping are picked up by the next
 * pass), until nothing changes. A file that does not parse is never touched, and a pass whose
 * result would not parse is thrown away. `findings`, when given, are the findings of `input.text`
 * under `config` (the language server's analysis of the document): the first pass starts from
 * them instead of linting the text again.
 */
export function fixAll(input: LintInput, config: LintConfig = {}, findings: readonly Finding[] = lint(input, config)): FixAllResult {
  let text = input.text;
  if (findings.some(isSyntaxError)) return { text, applied: 0, refused: 'the file does not parse', remaining: [...findings] };
  if (findings.some(isTooLarge)) return { text, applied: 0, refused: 'the file is too large to analyse', remaining: [...findings] };
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = applyFixes(text, findings, 'safe');
    if (result.applied.length === 0 || result.text === text) break;
    const next = lint({ ...input, text: result.text }, config);
    if (next.some(isSyntaxError)) {
      if (applied === 0) return { text, applied: 0, refused: 'its fixes would leave it unparsable', remaining: [...findings] };
      break;
    }
    text = result.text;
    findings = next;
    applied += result.applied.length;
  }
  return { text, applied, remaining: [...findings] };
}
