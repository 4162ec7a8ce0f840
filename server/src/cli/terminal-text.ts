/**
 * Text from the analysed files (paths, messages that quote service names or values, the source line
 * under a finding) goes to a terminal or a CI log. A repository controls those bytes, so before they
 * are printed every character that a terminal or a log viewer would act on instead of showing is
 * replaced by a visible escape: C0 controls (ESC starts CSI and OSC sequences; CR and LF would start
 * a new, forged line), DEL, C1 controls (0x80-0x9F, where 0x9B is a one-byte CSI), the Unicode line
 * and paragraph separators, and the bidirectional controls that reorder what a reader sees
 * (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C). A tab becomes a space. This holds with
 * or without colours: the colours Bulkhead adds itself are the only escape sequences in its output.
 */

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `s` with every unsafe character replaced by a visible `\xHH` or `\uHHHH`, and tabs by spaces. */
export function safeText(s: string): string {
  return s.replace(/\t/g, ' ').replace(UNSAFE, escapeOne);
}

/**
 * A source line made safe, with the display column of each original column (for the caret
 * underline): `columns[i]` is where original character `i` starts, `columns[length]` the end.
 */
export function safeLine(s: string): { text: string; columns: number[] } {
  const columns: number[] = [];
  let text = '';
  for (let i = 0; i < s.length; i++) {
    columns.push(text.length);
    const c = s[i];
    if (c === '\t') text += ' ';
    else text += c.replace(UNSAFE, escapeOne);
  }
  columns.push(text.length);
  return { text, columns };
}

/** `safeText` that keeps CR and LF (for a format that encodes line breaks itself, as GitHub's commands do). */
export function safeTextKeepingLineBreaks(s: string): string {
  return s
    .split(/(\r|\n)/)
    .map((part) => (part === '\r' || part === '\n' ? part : safeText(part)))
    .join('');
}
