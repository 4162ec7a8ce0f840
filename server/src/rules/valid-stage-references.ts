import { defineRule } from '../rule-api/rule';
import type { Range } from '../core/types';
import type { DfInstruction, DockerfileModel, Stage } from '../parse/dockerfile';
import { partitionPoint } from '../core/collections';

/** A value that can only be a stage name: no registry, tag, digest or path separator. */
const BARE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

interface Reference {
  value: string;
  range: Range;
  instr: DfInstruction;
}

/** `COPY --from=x` and `RUN --mount=...,from=x` values, with the range of the value. */
function references(model: DockerfileModel): Reference[] {
  const out: Reference[] = [];
  for (const instr of model.instructions) {
    if (instr.keyword === 'COPY') {
      const flag = instr.flag('from');
      if (flag?.value && flag.valueRange) out.push({ value: flag.value, range: flag.valueRange, instr });
    }
    if (instr.keyword !== 'RUN') continue;
    for (const mount of instr.mounts) {
      const from = mount.option('from');
      if (from && from.value !== '') out.push({ value: from.value, range: model.range(from.valueStart, from.valueEnd), instr });
    }
  }
  return out;
}

/** The first stage named `name` (ignoring case) defined before stage `index`. */
const namedBefore = (model: DockerfileModel, name: string, index: number): Stage | undefined => {
  const first = model.stagesNamed(name)[0];
  return first && first.index < index ? first : undefined;
};

/** The first stage named `name` (ignoring case) defined after stage `index`: the stages of that name are in file order. */
const namedAfter = (model: DockerfileModel, name: string, index: number): Stage | undefined => {
  const named = model.stagesNamed(name);
  return named[partitionPoint(named.length, (k) => named[k].index <= index)];
};

export default defineRule({
  meta: {
    id: 'valid-stage-references',
    practice: 16,
    title: 'Refer only to earlier, uniquely named stages',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'A wrong stage reference builds something other than what the file says, or fails.',
    targets: ['dockerfile'],
    docs: {
      summary:
        'A multi-stage reference is wrong: `COPY --from` (or `RUN --mount=from=`) names the stage it is in, a later stage, a ' +
        'stage index that does not exist, or a bare name that is no stage at all; two stages share a name (ignoring case); ' +
        'or `FROM` names a stage defined further down.',
      rationale:
        'A stage cannot copy from itself, and the classic builder only knows stages defined earlier. A bare name that ' +
        'matches no stage is pulled as an image from Docker Hub instead: a typo such as `--from=biuld` silently copies files ' +
        'out of whatever public image has that name, a supply-chain risk. Duplicate stage names are rejected by BuildKit and ' +
        'make `--target` and `--from` ambiguous. A `FROM` that names a later stage pulls an image of that name rather than ' +
        'building on the stage. Numeric references to an earlier stage (`--from=0`) are fine; values with a registry, tag or ' +
        'digest (`--from=nginx:1.27`) are images and are not judged here.',
      howToFix:
        'Name each stage once (`FROM golang:1.23 AS build`), define it before the stages that use it, and refer to it by that ' +
        'name. When you really mean an image, write it fully with a tag (`--from=docker.io/library/nginx:1.27`) so it cannot ' +
        'be mistaken for a stage.',
      references: ['https://docs.docker.com/build/building/multi-stage/', 'https://docs.docker.com/reference/dockerfile/#copy---from'],
    },
    messages: {
      self: '"--from={name}" names the stage it is in; a stage cannot copy from itself',
      later: '"--from={name}" names stage "{stage}", which is defined later; refer only to earlier stages',
      noIndex: '"--from={name}" refers to stage {name}, but this Dockerfile has only {count} stages (numbered from 0)',
      unknown: '"--from={name}" names no stage of this Dockerfile, so Docker pulls an image called "{name}"; fix the stage name or write the image with a tag',
      duplicate: 'Stage name "{name}" is already used by stage {first}; give every stage its own name',
      fromLater: 'FROM "{name}" names stage "{name}", which is defined later, so Docker pulls an image called "{name}" instead; move the stage up',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=biuld /app /app\n' }],
      good: [{ kind: 'dockerfile', code: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n' }],
    },
    aliases: {
      hadolint: ['DL3022', 'DL3023', 'DL3024'],
      trivy: ['DS-0006', 'DS-0012'],
      checkov: ['CKV_DOCKER_11'],
      kics: ['copy_from_references_current_from_alias', 'same_alias_in_different_froms'],
      buildkit: ['DuplicateStageName'],
    },
  },
  dockerfile({ model, report }) {
    const stages = model.stages;
    stages.forEach((stage, i) => {
      if (!stage.alias || !stage.aliasRange) return;
      const first = namedBefore(model, stage.alias, i);
      if (first) report({ messageId: 'duplicate', data: { name: stage.alias, first: first.index }, range: stage.aliasRange });
    });
    for (const stage of stages) {
      const text = stage.imageText;
      if (stage.baseStage || !stage.imageRange || !BARE_NAME.test(text)) continue;
      const later = namedAfter(model, text, stage.index);
      if (later && !namedBefore(model, text, stage.index)) report({ messageId: 'fromLater', data: { name: text }, range: stage.imageRange });
    }
    for (const ref of references(model)) {
      const current = ref.instr.stage;
      if (!current) continue;
      const value = ref.value;
      if (/^\d{1,6}$/.test(value)) {
        const n = Number(value);
        if (n === current.index) report({ messageId: 'self', data: { name: value }, range: ref.range });
        else if (n > current.index && n < stages.length) report({ messageId: 'later', data: { name: value, stage: value }, range: ref.range });
        else if (n >= stages.length) report({ messageId: 'noIndex', data: { name: value, count: stages.length }, range: ref.range });
        continue;
      }
      if (current.alias && current.alias.toLowerCase() === value.toLowerCase()) {
        report({ messageId: 'self', data: { name: value }, range: ref.range });
        continue;
      }
      if (namedBefore(model, value, current.index) || !BARE_NAME.test(value) || value.includes('$')) continue;
      const later = namedAfter(model, value, current.index);
      if (later) report({ messageId: 'later', data: { name: value, stage: later.alias! }, range: ref.range });
      else report({ messageId: 'unknown', data: { name: value }, range: ref.range });
    }
  },
});
