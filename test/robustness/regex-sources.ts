import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Every regular expression written in the server's source (rules, knowledge, parse, engine, LSP,
 * CLI), found with the TypeScript parser: literals, and `new RegExp(...)` calls, whose patterns are
 * built at run time and so are listed separately for a test of their own.
 */

export interface RegexLiteral {
  file: string;
  line: number;
  source: string;
  flags: string;
}

export interface DynamicRegex {
  file: string;
  line: number;
  code: string;
}

/** The repository (under vitest, from this file; in a bundled script, the working directory). */
const ROOT = existsSync(join(__dirname, '../../server/src')) ? join(__dirname, '../..') : process.cwd();
const SRC = join(ROOT, 'server/src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

export function scanRegexes(): { literals: RegexLiteral[]; dynamic: DynamicRegex[] } {
  const literals: RegexLiteral[] = [];
  const dynamic: DynamicRegex[] = [];
  for (const path of tsFiles(SRC)) {
    const text = readFileSync(path, 'utf8');
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const file = relative(ROOT, path).replace(/\\/g, '/');
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const lit = n.getText(sf);
        const slash = lit.lastIndexOf('/');
        literals.push({ file, line: lineOf(n), source: lit.slice(1, slash), flags: lit.slice(slash + 1) });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        dynamic.push({ file, line: lineOf(n), code: n.getText(sf) });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { literals, dynamic };
}

/** Characters worth repeating against a pattern: every literal character it names, plus common separators. */
const COMMON = [' ', '\t', '\n', '\r', 'a', 'A', 'z', '0', '9', '-', '_', '.', '/', ':', '=', '$', '{', '}', '[', ']', '(', ')', '"', "'", '\\', ',', '@', '#', '*', '|', '&', ';', '%', '+', '~', '!', '<', '>', '?', '`', '^', 'é', '\u00a0'];

function patternChars(source: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\' && i + 1 < source.length) {
      const d = source[++i];
      if ('dDwWsSbBnrtfv0123456789ux'.includes(d)) continue;
      out.add(d);
    } else if (!'()[]{}?*+|^$.'.includes(c)) out.add(c);
  }
  return [...out];
}

/** An adversarial input: `start`, then `unit` repeated to about `n` characters, then `end`. */
export interface Adversarial {
  start?: string;
  unit: string;
  end: string;
}

export const build = (a: Adversarial, n: number) => (a.start ?? '') + a.unit.repeat(Math.ceil(n / a.unit.length)) + a.end;

/**
 * The literal text an anchored pattern must start with (`^-[a-z]*` gives `-`, `^tcp:\/\/` gives
 * `tcp://`), or '' when it is not anchored or starts with a wildcard: without it, a run of repeated
 * characters fails at the anchor and never reaches the part of the pattern that could backtrack.
 */
export function anchoredPrefix(source: string): string {
  if (!source.startsWith('^')) return '';
  let out = '';
  for (let i = 1; i < source.length; i++) {
    const c = source[i];
    let lit: string;
    if (c === '\\' && i + 1 < source.length) {
      const d = source[i + 1];
      if (/[dDwWsSbBnrtfv0-9uxcpPk]/.test(d)) break;
      lit = d;
      i++;
    } else if ('()[]{}?*+|^$.'.includes(c)) break;
    else lit = c;
    // A quantified character may be absent: stop before it.
    if ('*?{'.includes(source[i + 1] ?? '')) break;
    out += lit;
    if ((source[i + 1] ?? '') === '+') break;
  }
  return out;
}

/**
 * Adversarial inputs for one pattern: long runs of single characters and of pairs drawn from the
 * pattern's own characters, ended by a character that breaks the match (the classic trigger of
 * catastrophic backtracking), and a few structured repeats (`${`, `a=`, continuation lines). An
 * anchored pattern gets each of them again after its literal start (`-cccc…!` for `^-[a-z]*c[a-z]*$`).
 */
export function adversarialInputs(source: string): Adversarial[] {
  const own = patternChars(source);
  const chars = [...new Set([...own, ...COMMON])];
  const out = new Map<string, Adversarial>();
  const add = (unit: string, end: string) => out.set(JSON.stringify([unit, end]), { unit, end });
  for (const c of chars) for (const end of ['', '\u0000', '!', '\n', ' x']) add(c, end);
  const pairSet = [...new Set([...own.slice(0, 12), ' ', 'a', '-', '=', '/', '.', ':'])];
  for (const a of pairSet) for (const b of pairSet) if (a !== b) add(a + b, '\u0000');
  for (const unit of ['${', '$(', '${a:-', 'a=', 'a b', '--a ', '-a ', 'a:', 'a/', 'a.', 'a-', 'a,', '\\\n', '\\\r\n', 'a=b ', '"a" ', "'a' ", 'a\\ ', '&& ', '| ', '[a]', '{a}', '(a)', 'a@b', '1.', '1:', 'ab12', '\\"'])
    add(unit, '\u0000');
  const plain = [...out.values()];
  const start = anchoredPrefix(source);
  return start ? [...plain, ...plain.map((a) => ({ ...a, start }))] : plain;
}
