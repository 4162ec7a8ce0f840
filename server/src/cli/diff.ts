import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/**
 * A unified diff of two texts (for `--fix-dry-run`) that `git apply` and `patch` accept: jsdiff keeps
 * each line's own ending (a CRLF file's lines end in CR LF inside the diff too) and marks a last line
 * without a line break with `\ No newline at end of file`. The edit distance is bounded, so a diff
 * that would be huge is replaced by a note rather than computed. A file name with characters a
 * terminal or `git apply` would misread is quoted the way git quotes it (C escapes, octal bytes).
 */

/**
 * The most lines added plus removed that a diff is computed for. jsdiff's search costs about the
 * square of that number (4,000: about 1 s; 20,000, the bound before: about 30 s, for each file, on
 * a file a repository can hold), so a larger change gets the note instead.
 */
const MAX_EDIT_LENGTH = 4_000;
// eslint-disable-next-line no-control-regex
const NEEDS_QUOTES = /[\u0000-\u001f\u007f-\u009f"\\\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const C_ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '"': '\\"', '\\': '\\\\' };

/** `a/<path>` as git writes it in a diff header: plain, or in double quotes with escapes. */
export function patchPath(prefix: string, path: string): string {
  const full = `${prefix}${path}`;
  if (!NEEDS_QUOTES.test(full)) return full;
  let out = '';
  for (const c of full) {
    if (C_ESCAPES[c]) out += C_ESCAPES[c];
    else if (NEEDS_QUOTES.test(c)) for (const b of Buffer.from(c, 'utf8')) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += c;
  }
  return `"${out}"`;
}

export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = patchPath('a/', path);
  const b = patchPath('b/', path);
  const patch = createTwoFilesPatch(a, b, before, after, undefined, undefined, { context, headerOptions: FILE_HEADERS_ONLY, maxEditLength: MAX_EDIT_LENGTH });
  return patch ?? `--- ${a}\n+++ ${b}\n(diff too large to show: more than ${MAX_EDIT_LENGTH.toLocaleString('en')} lines added or removed; --fix writes it)\n`;
}
