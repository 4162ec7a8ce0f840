/**
 * `$VAR` / `${VAR}` substitution shared by Dockerfile (ARG/ENV) and Compose (interpolation).
 * Supported forms: `$V`, `${V}`, `${V:-d}`, `${V-d}`, `${V:+a}`, `${V+a}`, `${V:?e}`, `${V?e}`,
 * and `$$` as a literal `$` (Compose). Unknown variables stay unresolved and are reported,
 * so callers can skip checks whose outcome depends on the build or run environment.
 */
export interface Substitution {
  value: string;
  /** Names that had no value and no default. */
  unresolved: string[];
}

export type Lookup = (name: string) => string | undefined;

const MAX_DEPTH = 8;
/** A variable name, matched in place (sticky) so a text with many `$` is not sliced once per `$`. */
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

export function substitute(text: string, lookup: Lookup, depth = 0): Substitution {
  if (!text.includes('$')) return { value: text, unresolved: [] };
  const unresolved: string[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const n = text[i + 1];
    if (n === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (n === '{') {
      const close = findClose(text, i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const inner = text.slice(i + 2, close);
      out += expandBraced(inner, lookup, unresolved, depth);
      i = close + 1;
      continue;
    }
    NAME.lastIndex = i + 1;
    const m = NAME.exec(text);
    if (!m) {
      out += c;
      i++;
      continue;
    }
    const v = lookup(m[0]);
    if (v === undefined) unresolved.push(m[0]);
    out += v ?? '';
    i += 1 + m[0].length;
  }
  return { value: out, unresolved };
}

function findClose(text: string, from: number): number {
  let depth = 1;
  for (let j = from; j < text.length; j++) {
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

function expandBraced(inner: string, lookup: Lookup, unresolved: string[], depth: number): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?=])([\s\S]*))?$/.exec(inner);
  if (!m) {
    // `${#V}`, `${V%pat}` and friends: not resolvable statically.
    unresolved.push(inner);
    return '';
  }
  const [, name, op, word = ''] = m;
  const value = lookup(name);
  const set = value !== undefined && (op?.startsWith(':') ? value !== '' : true);
  const nested = (w: string): string => {
    if (depth >= MAX_DEPTH) return w;
    const r = substitute(w, lookup, depth + 1);
    unresolved.push(...r.unresolved);
    return r.value;
  };
  switch (op) {
    case undefined:
      if (value === undefined) unresolved.push(name);
      return value ?? '';
    case ':-':
    case '-':
    case ':=':
    case '=':
      return set ? value! : nested(word);
    case ':+':
    case '+':
      return set ? nested(word) : '';
    default:
      // `:?` / `?`: an error when unset; the value when set.
      if (!set) unresolved.push(name);
      return value ?? '';
  }
}
