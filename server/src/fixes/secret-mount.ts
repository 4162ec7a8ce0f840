import { isMap, type Node } from 'yaml';
import type { ComposeModel, Service } from '../parse/compose';
import { environment, scalarText, type EnvVar } from '../parse/compose-values';
import type { DfInstruction, DfProperty, DockerfileModel, Stage } from '../parse/dockerfile';
import type { TextEdit } from '../core/types';
import { editInScalar, scalarSpan } from '../edit/compose-item-edits';
import { addFlag, removeProperty } from '../edit/dockerfile-edits';
import { addListItems, addMapEntries, ownPair, ownValue, quoteLike, replaceNode } from '../edit/yaml-edits';
import { joinInsertions } from '../edit/yaml-service-edits';
import { pushTo } from '../core/collections';

/**
 * Fixes that take a secret out of the file it is written in: a Dockerfile `ARG`/`ENV` becomes a
 * BuildKit secret mount on the build steps that read it, and a Compose `environment` entry becomes
 * a Compose secret read through a `<NAME>_FILE` variable.
 */

export interface SecretFix {
  title: string;
  edits: TextEdit[];
}

/** The secret id used for a variable: its name in lower case (`NPM_TOKEN` -> `npm_token`). */
export function secretId(name: string): string {
  return name.toLowerCase();
}

const IDENTIFIER = /[A-Za-z0-9_]/;

/**
 * The variable names an instruction's text reads: `$NAME` (the whole run of name characters after
 * the `$`) and `${NAME` followed by `}` or an operator (`${NAME:-x}`, `${NAME+x}`, ...).
 */
export function namesRead(text: string): Set<string> {
  const out = new Set<string>();
  for (let at = text.indexOf('$'); at >= 0; at = text.indexOf('$', at + 1)) {
    const braced = text[at + 1] === '{';
    const start = at + (braced ? 2 : 1);
    let end = start;
    while (end < text.length && IDENTIFIER.test(text[end])) end++;
    if (end === start) continue;
    if (!braced || '}:?+=-'.includes(text[end] ?? '\0')) out.add(text.slice(start, end));
  }
  return out;
}

/**
 * For each variable name, the instructions that read it, in file order: read once per model. A
 * Dockerfile of thousands of secret-looking `ENV` lines used to have every later instruction
 * searched again for each of them (4,000 lines: 3.8 s).
 */
const readers = new WeakMap<DockerfileModel, Map<string, DfInstruction[]>>();

function readersOf(model: DockerfileModel, name: string): readonly DfInstruction[] {
  let byName = readers.get(model);
  if (!byName) {
    byName = new Map();
    for (const i of model.instructions) {
      for (const n of namesRead(model.text.slice(i.start, i.end))) pushTo(byName, n, i);
    }
    readers.set(model, byName);
  }
  return byName.get(name) ?? [];
}

/**
 * Whether an instruction can see a variable declared by `instr`: the rest of its stage, and for
 * ENV the stages built on it (a global ARG: every stage). Instructions come in file order, which
 * is this order too, since a stage's base is always defined before it.
 */
function scopeTest(model: DockerfileModel, instr: DfInstruction): (i: DfInstruction) => boolean {
  const stage = instr.stage;
  if (!stage) return (i) => i.stage !== null;
  let built: Set<Stage> | null = null;
  // The stages built on this one, directly or not, found when first needed in one pass in file
  // order (no recursion: a chain may be thousands of stages long).
  const descends = (s: Stage) => {
    if (!built) {
      built = new Set<Stage>([stage]);
      for (const t of model.stages) if (t.baseStage !== null && built.has(t.baseStage)) built.add(t);
    }
    return built.has(s);
  };
  return (i) => (i.stage === stage ? i.start > instr.start : instr.keyword === 'ENV' && i.stage !== null && descends(i.stage));
}

/**
 * Removes a secret `ARG`/`ENV` property (the whole instruction when it is the only one) and adds
 * `--mount=type=secret,id=<name>,env=<NAME>` to every RUN in its scope that reads `$NAME`. Null
 * when no RUN reads it, or another instruction does (an `ENV` copy, a `LABEL`, an `ONBUILD`), since
 * those cannot read a secret mount, and when a `# syntax=` directive pins a frontend older than 1.10.
 */
export function secretMountFix(model: DockerfileModel, instr: DfInstruction, prop: DfProperty): SecretFix | null {
  if ((instr.keyword !== 'ARG' && instr.keyword !== 'ENV') || instr.trigger || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(prop.name)) return null;
  // `env=` needs Dockerfile syntax 1.10: a file pinned to an older frontend would stop building.
  const pinned = /docker\/dockerfile(?:-upstream)?:1\.(\d{1,3})/.exec(model.directive('syntax')?.value ?? '');
  if (pinned && Number(pinned[1]) < 10) return null;
  const name = prop.name;
  const id = secretId(name);
  const runs: DfInstruction[] = [];
  let read = false;
  const inScope = scopeTest(model, instr);
  for (const i of readersOf(model, name)) {
    if (!inScope(i)) continue;
    if (i.keyword !== 'RUN') return null;
    read = true;
    if (!i.mounts.some((m) => m.type === 'secret' && (m.option('id')?.value === id || m.option('env')?.value === name))) runs.push(i);
  }
  if (!read) return null;
  const mount = `--mount=type=secret,id=${id},env=${name}`;
  return {
    title: `Replace ${instr.keyword} "${name}" with a BuildKit secret (${mount})`,
    edits: [removeProperty(model, instr, prop), ...runs.map((r) => addFlag(model, r, mount))],
  };
}

/** Each environment's variables by name (the first of a name), built once: asked for each secret of a service, a search made thousands of them quadratic. */
const varsByName = new WeakMap<readonly EnvVar[], Map<string, EnvVar>>();

function firstNamed(vars: readonly EnvVar[], name: string): EnvVar | undefined {
  let byName = varsByName.get(vars);
  if (!byName) {
    byName = new Map();
    for (const x of vars) if (!byName.has(x.name)) byName.set(x.name, x);
    varsByName.set(vars, byName);
  }
  return byName.get(name);
}

/**
 * Replaces `NAME: value` in a service's own `environment` with `NAME_FILE: /run/secrets/<name>`,
 * adds `<name>` to the service's `secrets` and a top-level `secrets.<name>.file` entry pointing at
 * `./secrets/<name>.txt` (each merged into what exists). Only images that read `*_FILE` variables
 * (the official database images, for example) support this. Null when the entry is inherited or
 * shared, or `NAME_FILE` is already set.
 */
export function composeSecretFix(model: ComposeModel, service: Service, name: string): SecretFix | null {
  const entry = service.get('environment');
  const map = service.map;
  const root = model.doc.contents;
  if (!entry || !map || entry.via || !ownValue(service.pair) || !ownValue(entry.pair) || !isMap(root) || root.flow) return null;
  const vars = environment(model, entry);
  const v = firstNamed(vars, name);
  const id = secretId(name);
  if (!v || v.inherited || firstNamed(vars, `${name}_FILE`) || !/^[a-z0-9_.-]+$/.test(id)) return null;
  const path = `/run/secrets/${id}`;
  const edits: (TextEdit | null)[] = [];
  const env = entry.pair.value;
  if (isMap(env)) {
    const pair = env.items.find((p) => p.key === v.node);
    if (!pair || !pair.value) return null;
    edits.push(replaceNode(model, v.node, quoteLike(model, v.node, `${name}_FILE`)), replaceNode(model, pair.value as Node, quoteLike(model, pair.value as Node, path)));
  } else {
    const span = scalarSpan(model, v.node);
    if (!span) return null;
    edits.push(editInScalar(model, span, 0, span.text.length, `${name}_FILE=${path}`));
  }
  const listed = model.items(service.get('secrets')?.value ?? null).some((n) => (isMap(n) ? scalarText(model.entriesOf(n).get('source')?.value) : scalarText(n)) === id);
  if (!listed) {
    const add = addListItems(model, map, 'secrets', [id]);
    if (!add) return null;
    edits.push(add);
  }
  const top = ownPair(root, 'secrets');
  const file = { file: `./secrets/${id}.txt` };
  if (!top) {
    if (model.top.has('secrets')) return null;
    edits.push(addMapEntries(model, root, { secrets: { [id]: file } }));
  } else if (!isMap(top.value) || !ownValue(top)) {
    return null;
  } else if (!model.entriesOf(top.value).has(id)) {
    edits.push(addMapEntries(model, top.value, { [id]: file }));
  }
  if (edits.some((e) => e === null)) return null;
  return { title: `Move ${name} to a Compose secret (${name}_FILE)`, edits: joinInsertions(edits) };
}
