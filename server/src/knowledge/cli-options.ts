import type { ShellWord } from '../parse/shell';

/**
 * A getopt-style reader for the options of a command line (curl, apt-get, pip...). It knows
 * which options take a value, so the value of `-o file` or `-H 'Accept: x'` is never mistaken
 * for a flag or an operand, and it splits combined short flags (`-fsSLk`).
 */

export interface OptionSyntax {
  /** Short option letters that take a value (`o` for `-o file` and `-ofile`). */
  shortValue?: string;
  /** Long option names, without dashes, that take a value (`--output file`). */
  longValue?: readonly string[];
  /** Go's flag package: `-name` is one option, never a cluster of letters. */
  singleDashLong?: boolean;
}

export interface ParsedOption {
  /** The word the option is written in (for a combined `-fsSLk`, the whole word). */
  word: ShellWord;
  /** `-k`, `--insecure`: one letter per option of a combined short word; no `=value` part. */
  name: string;
  /** The option's value, from `--name=value`, `-ovalue` or the next word; null for a flag. */
  value: string | null;
  /** The separate word holding the value, when it is one. */
  valueWord: ShellWord | null;
}

export interface ParsedArgs {
  options: ParsedOption[];
  operands: ShellWord[];
  /** Index (in the words given) where reading stopped; `words.length` unless `untilOperand` stopped it. */
  next: number;
}

/**
 * The long options of a syntax that take a value, as a set made once per syntax object and only
 * when a long option is read: most syntaxes are constants, asked for every command of every RUN,
 * and pip's lists forty names.
 */
const longValues = new WeakMap<OptionSyntax, ReadonlySet<string>>();
function longValueSet(syntax: OptionSyntax): ReadonlySet<string> {
  let set = longValues.get(syntax);
  if (!set) longValues.set(syntax, (set = new Set(syntax.longValue ?? [])));
  return set;
}

/**
 * Reads options and operands from `words`. With `untilOperand`, stops at the first operand
 * (used to find a subcommand after global options). After `--`, every word is an operand.
 */
export function parseOptions(words: readonly ShellWord[], syntax: OptionSyntax, untilOperand = false): ParsedArgs {
  const shortValue = syntax.shortValue ?? '';
  const options: ParsedOption[] = [];
  const operands: ShellWord[] = [];
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i];
    const v = word.value;
    if (v === '--') {
      operands.push(...words.slice(i + 1));
      i = words.length;
      break;
    }
    if (!v.startsWith('-') || v === '-') {
      if (untilOperand) break;
      operands.push(word);
      continue;
    }
    const long = v.startsWith('--') || (syntax.singleDashLong === true && v.length > 2);
    if (long) {
      const body = v.replace(/^--?/, '');
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const dashes = v.startsWith('--') ? '--' : '-';
      if (eq >= 0) {
        options.push({ word, name: dashes + name, value: body.slice(eq + 1), valueWord: null });
      } else if (i + 1 < words.length && longValueSet(syntax).has(name)) {
        options.push({ word, name: dashes + name, value: words[i + 1].value, valueWord: words[i + 1] });
        i++;
      } else {
        options.push({ word, name: dashes + name, value: null, valueWord: null });
      }
      continue;
    }
    // A short option, or several combined: `-fsSL`, `-qO-`, `-ofile`, `-o file`.
    for (let k = 1; k < v.length; k++) {
      const letter = v[k];
      if (!shortValue.includes(letter)) {
        options.push({ word, name: '-' + letter, value: null, valueWord: null });
        continue;
      }
      if (k + 1 < v.length) {
        options.push({ word, name: '-' + letter, value: v.slice(k + 1), valueWord: null });
      } else if (i + 1 < words.length) {
        options.push({ word, name: '-' + letter, value: words[i + 1].value, valueWord: words[i + 1] });
        i++;
      } else {
        options.push({ word, name: '-' + letter, value: null, valueWord: null });
      }
      break;
    }
  }
  return { options, operands, next: i };
}

/** The last option with one of these names (`-k`, `--insecure`), if any. */
export function findOption(options: readonly ParsedOption[], ...names: string[]): ParsedOption | undefined {
  for (let i = options.length - 1; i >= 0; i--) {
    if (names.includes(options[i].name)) return options[i];
  }
  return undefined;
}
