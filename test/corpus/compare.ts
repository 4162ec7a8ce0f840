import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { lintDetailed } from '../../server/src/engine/lint';
import { unfoldFindings } from '../../server/src/engine/fold-advice';
import { parseCompose, type ComposeModel } from '../../server/src/parse/compose';
import { scalarText } from '../../server/src/parse/compose-values';
import { parseImageRef } from '../../server/src/parse/image-ref';
import { DockerfileModel, parseDockerfile, stageChain } from '../../server/src/parse/dockerfile';
import { definesHealthcheck, runsAsNonRoot } from '../../server/src/knowledge/image-defaults';
import { isWindowsDockerfile, isWindowsService } from '../../server/src/knowledge/windows';
import { compareRanges } from '../../server/src/core/positions';
import type { Finding, LintConfig, Range, RelatedFiles, Severity, Target } from '../../server/src/core/types';
import { realCorpus, type CorpusFile } from '../helpers/corpus';

/**
 * Before and after issue 15 on the real-world corpus, shared by `npm run corpus-report` and the
 * no-loss test. "Before" is a frozen copy of the default findings of main at 6f2b2ee
 * (before-findings.tsv.gz next to this file); "after" lints the files again, with a reader that can
 * list directories, as the CLI has.
 */

export interface Row {
  path: string;
  ruleId: string;
  messageId: string;
  severity: Severity;
  range: Range;
}

/** End-of-life data is compared with the date the frozen "before" used. */
export const CORPUS_NOW = new Date('2026-11-29');

export function readBefore(): Map<string, Row[]> {
  // Next to this file; from the repository root when bundled into a script (npm run corpus-report).
  const local = join(__dirname, 'before-findings.tsv.gz');
  const text = gunzipSync(readFileSync(existsSync(local) ? local : join(process.cwd(), 'test/corpus/before-findings.tsv.gz'))).toString('utf8');
  const out = new Map<string, Row[]>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [path, ruleId, messageId, severity, r] = line.split('\t');
    const [a, b] = r.split('-');
    const [sl, sc] = a.split(':').map(Number);
    const [el, ec] = b.split(':').map(Number);
    const row: Row = { path, ruleId, messageId, severity: severity as Severity, range: { start: { line: sl, character: sc }, end: { line: el, character: ec } } };
    const list = out.get(path) ?? [];
    list.push(row);
    out.set(path, list);
  }
  return out;
}

/** Reads and lists files on the disk the way the CLI does (names only, directories with a trailing `/`). */
export const diskFiles: RelatedFiles = {
  read: (p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  list: (dir) => {
    try {
      return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [`${e.name}/`] : e.isFile() ? [e.name] : []));
    } catch {
      return undefined;
    }
  },
};

export interface Analysed {
  file: CorpusFile;
  text: string;
  findings: Finding[];
}

export function lintCorpus(config: LintConfig = {}): Analysed[] {
  return realCorpus().map((file) => {
    const text = readFileSync(file.abs, 'utf8');
    const result = lintDetailed({ text, kind: file.kind, uri: file.abs, related: diskFiles }, { now: CORPUS_NOW, ...config });
    if (result.internalErrors.length > 0) throw new Error(`${result.internalErrors[0].ruleId} threw on ${file.path}: ${result.internalErrors[0].message}`);
    return { file, text, findings: result.findings };
  });
}

/** What VS Code lists in the Problems panel: errors, warnings and information, not hints. */
export const inProblems = (s: Severity) => s !== 'hint';

const contains = (outer: Range, inner: Range) => compareRanges({ start: outer.start, end: outer.start }, { start: inner.start, end: inner.start }) <= 0 && compareRanges({ start: inner.end, end: inner.end }, { start: outer.end, end: outer.end }) <= 0;

/** The index of the Dockerfile instruction a position is in, or -1. */
function instructionAt(model: DockerfileModel, line: number): number {
  return model.instructions.findIndex((i) => i.range.start.line <= line && line <= i.range.end.line);
}

export type Fate = 'same' | 'hint' | 'folded' | 'merged' | 'dropped';

export interface Accounting {
  fates: Map<Fate, number>;
  /** Dropped findings with the reason that explains each. */
  dropped: { row: Row; reason: string }[];
  /** Findings of before that neither survive nor have a reason: a loss. */
  lost: Row[];
}

/**
 * Accounts for every "before" finding of one file in the "after" findings: still there (same rule,
 * same range; `hint` when only its severity dropped), folded into a harden-service finding that names
 * it, merged into one finding per instruction or per image, or dropped for a reason that holds for
 * this file (an image known to run as non-root, a Windows image, ...).
 */
export function account(a: Analysed, before: readonly Row[]): Accounting {
  const fates = new Map<Fate, number>();
  const bump = (f: Fate) => fates.set(f, (fates.get(f) ?? 0) + 1);
  const dropped: Accounting['dropped'] = [];
  const lost: Row[] = [];
  const direct = a.findings;
  const members = a.findings.filter((f) => f.members).flatMap((f) => f.members!);
  const everything = unfoldFindings(a.findings);
  let dockerfile: DockerfileModel | null = null;
  let compose: ComposeModel | null = null;
  const df = () => (dockerfile ??= parseDockerfile(a.text));
  for (const row of before) {
    const same = (f: Finding) => f.ruleId === row.ruleId && compareRanges(f.range, row.range) === 0;
    const kept = direct.find(same);
    if (kept) {
      bump(kept.severity === row.severity ? 'same' : 'hint');
      continue;
    }
    if (members.some(same)) {
      bump('folded');
      continue;
    }
    const merged = everything.some(
      (f) => f.ruleId === row.ruleId && (contains(f.range, row.range) || (a.file.kind === 'dockerfile' && instructionAt(df(), f.range.start.line) === instructionAt(df(), row.range.start.line) && instructionAt(df(), row.range.start.line) >= 0)),
    );
    if (merged) {
      bump('merged');
      continue;
    }
    const reason = dropReason(row, a.file.kind === 'dockerfile' ? df() : (compose ??= parseCompose(a.text)));
    if (reason) {
      bump('dropped');
      dropped.push({ row, reason });
    } else {
      lost.push(row);
    }
  }
  return { fates, dropped, lost };
}

/** Why a finding of before is no longer reported, when a reason of issue 15 holds for this file. */
function dropReason(row: Row, parsed: DockerfileModel | ComposeModel): string | null {
  if (parsed instanceof DockerfileModel) {
    const model = parsed;
    const final = model.finalStage;
    const root = final ? stageChain(final).at(-1)!.image : null;
    if (['non-root-user', 'syntax-directive'].includes(row.ruleId) && isWindowsDockerfile(model)) return 'a Windows image: no Linux-only advice';
    if (row.ruleId === 'non-root-user' && root && runsAsNonRoot(root)) return 'the base image already runs as a non-root user';
    if (row.ruleId === 'require-healthcheck' && root && definesHealthcheck(root)) return 'the base image defines a HEALTHCHECK';
    if (row.ruleId === 'no-ssh-server' && row.messageId === 'expose') return 'EXPOSE 22 in an image that installs and starts no SSH server';
    if (row.ruleId === 'dockerignore-secrets' && row.messageId === 'missing') return 'the .dockerignore excludes every secret-looking file of the context, or the usual key and env files';
    // Issue 18: a package installed with --allow-untrusted after a gpg --verify of it in the same RUN is verified.
    const instr = model.instructions.find((i) => i.range.start.line <= row.range.start.line && row.range.start.line <= i.range.end.line);
    if (row.ruleId === 'no-tls-bypass' && row.messageId === 'signature' && instr && /\bgpg\s+--verify\b/.test(model.text.slice(model.index.offsetAt(instr.range.start), model.index.offsetAt(instr.range.end)))) {
      return 'the package was checked with gpg --verify earlier in the same RUN (issue 18)';
    }
    return null;
  }
  const model = parsed;
  // The service the finding is in: the last one whose key starts before it.
  const service = model.services.filter((s) => s.keyRange.start.line <= row.range.start.line).at(-1);
  if (!service) return null;
  if (['read-only-root-filesystem', 'drop-all-capabilities', 'require-no-new-privileges'].includes(row.ruleId) && isWindowsService(model, service)) {
    return 'a Windows container: no Linux-only setting';
  }
  // Issue 18: the line's own text tells these apart.
  const line = model.text.split(/\r?\n/)[row.range.start.line] ?? '';
  if (row.ruleId === 'no-sensitive-host-mounts' && /\/sys\/fs\/cgroup\S*:ro\b/.test(line)) return 'a read-only /sys/fs/cgroup mount (issue 18)';
  if (row.ruleId === 'no-hardcoded-secrets' && /^\s*-?\s*"?\w*ACCESS_KEY(?:_ID)?"?\s*[:=]/.test(line)) return 'an access key name is a user name, not a secret (issue 18)';
  const image = scalarText(service.get('image')?.value);
  if (['require-healthcheck', 'restart-needs-healthcheck'].includes(row.ruleId) && image && definesHealthcheck(parseImageRef(image))) return 'the image defines a HEALTHCHECK';
  return null;
}

export interface KindStats {
  files: number;
  median: number;
  p90: number;
  max: number;
  /** Files by Problems-panel entries: 0, 1, 2, 3, 4, 5-8, 9 or more. */
  histogram: number[];
}

export interface Figures {
  dockerfile: KindStats;
  compose: KindStats;
  /** Positions (file, start) with three or more Problems-panel entries. */
  crowded: number;
  /** (file, rule, range) reported more than once. */
  twice: number;
  /** Files with a finding at or above each level. */
  failing: Record<'error' | 'warning' | 'info', number>;
  total: number;
}

const BUCKETS = [0, 1, 2, 3, 4, 5, 9];

function percentile(sorted: number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** The noise figures of one set of findings per file (before's rows or after's findings). */
export function figures(files: readonly { kind: Target; findings: readonly { ruleId: string; severity: Severity; range: Range }[] }[]): Figures {
  const stats = (kind: Target): KindStats => {
    const counts = files.filter((f) => f.kind === kind).map((f) => f.findings.filter((x) => inProblems(x.severity)).length).sort((a, b) => a - b);
    const histogram = BUCKETS.map((lo, i) => counts.filter((c) => c >= lo && (i === BUCKETS.length - 1 || c < BUCKETS[i + 1])).length);
    const mid = counts.length === 0 ? 0 : counts.length % 2 ? counts[(counts.length - 1) / 2] : (counts[counts.length / 2 - 1] + counts[counts.length / 2]) / 2;
    return { files: counts.length, median: mid, p90: percentile(counts, 0.9), max: counts.at(-1) ?? 0, histogram };
  };
  let crowded = 0;
  let twice = 0;
  const failing = { error: 0, warning: 0, info: 0 };
  for (const f of files) {
    const positions = new Map<string, number>();
    const keys = new Map<string, number>();
    for (const x of f.findings) {
      const k = `${x.ruleId}@${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character}`;
      keys.set(k, (keys.get(k) ?? 0) + 1);
      if (!inProblems(x.severity)) continue;
      const p = `${x.range.start.line}:${x.range.start.character}`;
      positions.set(p, (positions.get(p) ?? 0) + 1);
    }
    crowded += [...positions.values()].filter((n) => n >= 3).length;
    twice += [...keys.values()].filter((n) => n >= 2).length;
    const sev = new Set(f.findings.map((x) => x.severity));
    if (sev.has('error')) failing.error++;
    if (sev.has('error') || sev.has('warning')) failing.warning++;
    if (sev.has('error') || sev.has('warning') || sev.has('info')) failing.info++;
  }
  return { dockerfile: stats('dockerfile'), compose: stats('compose'), crowded, twice, failing, total: files.length };
}
