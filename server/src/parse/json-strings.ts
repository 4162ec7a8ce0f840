/**
 * A JSON string literal's value with the source offset of every character, so that a word found
 * in the value (a flag inside a `runArgs` item, a command inside `postCreateCommand`) can be
 * underlined where it is written, escapes (`\"`, `\\`, `\u0041`) included.
 */
export interface StringSpan {
  value: string;
  /** Offset of the opening quote. */
  start: number;
  /** Offset just after the closing quote (or the end of an unterminated literal). */
  end: number;
  /** Source offset of value character `i`; `at(value.length)` is the offset of the closing quote. */
  at(i: number): number;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Decodes the literal that starts at `start` (a `"`) and is `length` characters long. */
export function stringSpan(text: string, start: number, length: number): StringSpan {
  const end = start + length;
  const close = end > start + 1 && text[end - 1] === '"' ? end - 1 : end;
  const raw = text.slice(start + 1, close);
  if (!raw.includes('\\')) return { value: raw, start, end, at: (i) => start + 1 + Math.max(0, Math.min(i, raw.length)) };
  let value = '';
  const offsets: number[] = [];
  for (let i = start + 1; i < close; ) {
    const c = text[i];
    if (c !== '\\') {
      offsets.push(i);
      value += c;
      i++;
      continue;
    }
    const e = text[i + 1] ?? '';
    const hex = /^[0-9a-fA-F]{4}$/.exec(text.slice(i + 2, i + 6));
    offsets.push(i);
    if (e === 'u' && hex) {
      value += String.fromCharCode(parseInt(hex[0], 16));
      i += 6;
    } else {
      value += ESCAPES[e] ?? e;
      i += Math.min(2, close - i);
    }
  }
  offsets.push(close);
  return { value, start, end, at: (i) => offsets[Math.max(0, Math.min(i, offsets.length - 1))] };
}
