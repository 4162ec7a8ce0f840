/**
 * Child process: the parse floor. dockerfile-ast's parse and yaml's parseDocument, as published
 * (this bundle does not load Bulkhead, which patches its own copy of dockerfile-ast). yaml comes
 * from its ES module build, the one Bulkhead's bundles inline (scripts/esbuild-yaml.mjs; run.ts
 * bundles every worker with it): the faster of yaml's two builds, so the floor is not a slower
 * build of the same parser.
 * Usage: node work-floor.cjs corpus-dockerfile|corpus-compose|scale-dockerfile N|scale-compose N
 */
import { DockerfileParser } from 'dockerfile-ast';
import { parseDocument } from 'yaml';
import { corpus, generatedCompose, generatedDockerfile } from './inputs';
import { time } from './timing';

const [what, n] = process.argv.slice(2);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
let result;
if (what === 'corpus-dockerfile') {
  const docs = corpus('dockerfile');
  result = time(() => docs.forEach((d) => DockerfileParser.parse(d.text)), rounds);
} else if (what === 'corpus-compose') {
  const docs = corpus('compose');
  result = time(() => docs.forEach((d) => parseDocument(d.text)), rounds);
} else if (what === 'scale-dockerfile') {
  const text = generatedDockerfile(Number(n));
  result = time(() => DockerfileParser.parse(text), Number(n) >= 100_000 ? 2 : rounds);
} else if (what === 'scale-compose') {
  const text = generatedCompose(Number(n));
  result = time(() => parseDocument(text), rounds);
} else throw new Error(`unknown workload ${what}`);
process.stdout.write(JSON.stringify(result) + '\n');
