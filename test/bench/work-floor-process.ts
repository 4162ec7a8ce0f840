/**
 * Child process: the parse floor as one whole process, the counterpart of one `bulkhead check` run
 * over the corpus: start Node, read every corpus Dockerfile and Compose file, parse each with
 * dockerfile-ast's `parse` or yaml's `parseDocument` (as published; yaml's ES module build, as in
 * work-floor.ts), exit. The parent times the process from spawn to exit.
 */
import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { parseDocument } from 'yaml';
import { realCorpus } from '../helpers/corpus';

let parsed = 0;
for (const f of realCorpus()) {
  const text = readFileSync(f.abs, 'utf8');
  if (f.kind === 'dockerfile') DockerfileParser.parse(text);
  else parseDocument(text);
  parsed++;
}
process.stdout.write(JSON.stringify({ parsed }) + '\n');
