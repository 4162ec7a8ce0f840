import type { LintConfig, Target } from '../../server/src/core/types';

/**
 * The labelled cases of one rule, written as a plain text file (`cases/<rule-id>.cases`) so the
 * Dockerfiles and Compose files read exactly as they would on disk:
 *
 *     # comment lines before the first case are notes
 *     === positive: a name saying what the shape is @lines 2,4 @kind compose @config {"now":"2026-11-29"}
 *     FROM ...
 *     --- file .dockerignore
 *     node_modules
 *     === negative: a look-alike that is fine
 *     FROM ...
 *
 * A positive case is detected when the rule reports exactly on the listed lines (1-based); a negative
 * case when it reports nothing. `@known <reason>` marks a case the rule is known to get wrong: it
 * still counts in the figures, and the suite fails if it starts passing (remove the mark then).
 * `--- file <path>` adds a file next to the analysed one (relative to the project directory);
 * `@with rule-a,rule-b` runs other rules alongside (an ignore comment is only "unused" if its rule runs).
 */

export interface ConformanceCase {
  rule: string;
  positive: boolean;
  name: string;
  code: string;
  kind?: Target;
  lines?: number[];
  config?: LintConfig;
  files: Record<string, string>;
  known?: string;
  /** Other rules to run alongside (for `ignore-comment`, whose findings depend on them); their findings are not counted. */
  with: string[];
  /** Where the case starts in its file, for messages. */
  line: number;
}

const HEADER = /^=== (positive|negative): (.*)$/;

function attributes(text: string): { name: string; attrs: Record<string, string> } {
  const parts = text.split(/ @(?=lines |kind |config |known |with )/);
  const attrs: Record<string, string> = {};
  for (const p of parts.slice(1)) {
    const space = p.indexOf(' ');
    attrs[p.slice(0, space)] = p.slice(space + 1).trim();
  }
  return { name: parts[0].trim(), attrs };
}

/** Turns the plain-data config of a case into a lint configuration (`now` becomes a date). */
function configOf(json: string | undefined, where: string): LintConfig | undefined {
  if (json === undefined) return undefined;
  const raw = JSON.parse(json) as LintConfig & { now?: string };
  if (typeof raw !== 'object' || raw === null) throw new Error(`${where}: @config is not an object`);
  return { ...raw, ...(raw.now ? { now: new Date(raw.now) } : {}) };
}

export function parseCaseFile(rule: string, text: string, file: string): ConformanceCase[] {
  const lines = text.split('\n');
  const out: ConformanceCase[] = [];
  let current: { c: ConformanceCase; body: string[]; fileName: string | null; fileBody: string[] } | null = null;
  const finish = () => {
    if (!current) return;
    if (current.fileName !== null) current.c.files[current.fileName] = current.fileBody.join('\n').replace(/\n*$/, '\n');
    current.c.code = current.body.join('\n').replace(/\n*$/, '\n');
    out.push(current.c);
  };
  lines.forEach((line, i) => {
    const h = HEADER.exec(line);
    if (h) {
      finish();
      const { name, attrs } = attributes(h[2]);
      const where = `${file}:${i + 1}`;
      if (name === '') throw new Error(`${where}: a case needs a name`);
      const positive = h[1] === 'positive';
      const lineList = attrs.lines?.split(/[ ,]+/).filter((x) => x !== '').map(Number);
      if (lineList?.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${where}: @lines must be line numbers`);
      if (positive && !lineList) throw new Error(`${where}: a positive case lists the lines the rule reports (@lines)`);
      if (attrs.kind && attrs.kind !== 'dockerfile' && attrs.kind !== 'compose') throw new Error(`${where}: @kind is dockerfile or compose`);
      current = {
        c: { rule, positive, name, code: '', kind: attrs.kind as Target | undefined, lines: lineList, config: configOf(attrs.config, where), files: {}, known: attrs.known, with: attrs.with?.split(/[ ,]+/).filter((x) => x !== '') ?? [], line: i + 1 },
        body: [],
        fileName: null,
        fileBody: [],
      };
      return;
    }
    if (!current) return; // notes before the first case
    const f = /^--- file (\S+)\s*$/.exec(line);
    if (f) {
      if (current.fileName !== null) current.c.files[current.fileName] = current.fileBody.join('\n').replace(/\n*$/, '\n');
      current.fileName = f[1];
      current.fileBody = [];
    } else if (current.fileName !== null) {
      current.fileBody.push(line);
    } else {
      current.body.push(line);
    }
  });
  finish();
  return out;
}
