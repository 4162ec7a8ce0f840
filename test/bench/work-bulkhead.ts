/**
 * Child process: Bulkhead's full analysis (parse, every rule enabled by default, suppressions) with
 * the default configuration, as `bulkhead check` runs it, minus reading the files. The generated
 * scaling inputs lift the size limit (a 100,000-line Dockerfile is over it), so they are analysed
 * in full rather than answered with one `file-too-large` finding.
 * Usage: node work-bulkhead.cjs corpus-dockerfile|corpus-compose|scale-dockerfile N|scale-compose N
 */
import { lintDetailed } from '../../server/src/engine/lint';
import type { LintConfig, Target } from '../../server/src/core/types';
import { corpus, generatedCompose, generatedDockerfile } from './inputs';
import { time } from './timing';

const [what, n] = process.argv.slice(2);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const config: LintConfig = what.startsWith('scale-') ? { maxFileSize: Infinity } : {};
const run = (kind: Target, text: string, path: string) => {
  const r = lintDetailed({ text, kind, uri: path }, config);
  if (r.internalErrors.length > 0) throw new Error(`${path}: ${r.internalErrors[0].message}`);
  if (r.findings.some((f) => f.ruleId === 'file-too-large')) throw new Error(`${path}: not analysed (over the size limit)`);
  return r.findings.length;
};
let result;
let findings = 0;
if (what === 'corpus-dockerfile' || what === 'corpus-compose') {
  const kind: Target = what === 'corpus-dockerfile' ? 'dockerfile' : 'compose';
  const docs = corpus(kind);
  result = time(() => {
    findings = 0;
    for (const d of docs) findings += run(kind, d.text, d.path);
  }, rounds);
} else if (what === 'scale-dockerfile') {
  const text = generatedDockerfile(Number(n));
  result = time(() => (findings = run('dockerfile', text, '/bench/Dockerfile')), Number(n) >= 100_000 ? 2 : rounds);
} else if (what === 'scale-compose') {
  const text = generatedCompose(Number(n));
  result = time(() => (findings = run('compose', text, '/bench/compose.yaml')), rounds);
} else throw new Error(`unknown workload ${what}`);
process.stdout.write(JSON.stringify({ ...result, findings }) + '\n');
