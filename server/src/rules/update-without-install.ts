import { indentOf, replace } from '../edit/dockerfile-edits';
import { defineRule } from '../rule-api/rule';
import type { Fix, TextEdit } from '../core/types';
import { instructionCommands } from '../knowledge/commands';
import { clearedCache } from '../knowledge/package-caches';
import { summariseRun, type IndexCommand, type IndexFamily } from '../knowledge/package-index';
import type { DfInstruction, DockerfileModel, Stage } from '../parse/dockerfile';

interface Pending {
  cmd: IndexCommand;
  instr: DfInstruction;
}

/**
 * Joins a RUN that only refreshes the index to the RUN right after it with `&&`, when that is the
 * same as running them one after the other: both plain shell form without flags or heredocs,
 * nothing between them, and the second a chain of `&&` and `|` only (a `;` or `||` in it would run
 * part of it even when the update fails).
 */
function mergeEdit(model: DockerfileModel, first: DfInstruction, next: DfInstruction): TextEdit | null {
  const stage = first.stage;
  if (!stage || first.trigger || next.trigger || stage.instructions[stage.instructions.indexOf(first) + 1] !== next) return null;
  for (const i of [first, next]) if (i.json || i.flags.length > 0 || i.heredocs.length > 0) return null;
  if (model.text.slice(first.end, next.start).trim() !== '') return null;
  const head = model.shell(first);
  const tail = model.shell(next);
  const last = head[head.length - 1];
  if (!last || last.after !== null || model.text.slice(last.end, first.end).trim() !== '') return null;
  if (tail.length === 0 || tail.some((c) => c.after !== null && c.after !== '&&' && c.after !== '|')) return null;
  const eol = model.index.eol;
  return replace(model, first.end, next.argsStart, ` ${model.escape}${eol}${indentOf(model, first.range.start.line)}    && `);
}

export default defineRule({
  meta: {
    id: 'update-without-install',
    practice: 10,
    title: 'Update the package index in the RUN that installs',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'An index refreshed in one layer and used in another installs stale packages once the layer is cached.',
    targets: ['dockerfile'],
    fix: 'suggestion',
    docs: {
      summary:
        'A `RUN` refreshes a package index on its own (`apt-get update`, `apk update`, `dnf makecache`, `zypper refresh`) ' +
        'and a later `RUN` of the same image installs from that stored index without refreshing it.',
      rationale:
        'The build cache keeps the layer of a `RUN` for as long as its text does not change. A lone `apt-get update` ' +
        'is therefore run once and then reused for weeks or months, and every later `apt-get install` picks package ' +
        'versions from that old list: the image gets packages without the security fixes published since, or the ' +
        'install fails because the mirror no longer has the versions the list names. A `RUN` that updates and installs ' +
        'together is rebuilt as a whole, so the list is always as fresh as the install.',
      howToFix:
        'Refresh the index in the same `RUN` as the install: `RUN apt-get update && apt-get install -y --no-install-recommends curl ' +
        '&& rm -rf /var/lib/apt/lists/*`. On Alpine use `apk add --no-cache`, which fetches the index itself. The quick fix joins ' +
        'the update to the `RUN` right after it when that `RUN` is a simple `&&` chain.',
      references: [
        'https://docs.docker.com/build/building/best-practices/#apt-get',
        'https://docs.docker.com/build/cache/',
      ],
    },
    messages: {
      stale:
        '"{command}" refreshes the package index in a RUN of its own, and the install on line {line} reads that cached copy; update and install in the same RUN',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n' }],
      good: [
        {
          kind: 'dockerfile',
          code: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n',
        },
      ],
    },
    aliases: { trivy: ['DS-0017'], checkov: ['CKV_DOCKER_5'], kics: ['update_instruction_alone'] },
  },
  dockerfile({ model, report, fix }) {
    const endState = new Map<Stage, Map<IndexFamily, Pending>>();
    const reported = new Set<IndexCommand>();
    for (const stage of model.stages) {
      const state = new Map(stage.baseStage ? endState.get(stage.baseStage) : undefined);
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'RUN') continue;
        const cmds = [...instructionCommands(model, instr)].sort((a, b) => a.start - b.start);
        const run = summariseRun(cmds, clearedCache);
        for (const family of run.relies) {
          const pending = state.get(family);
          if (!pending || reported.has(pending.cmd)) continue;
          reported.add(pending.cmd);
          // Exec form (`["apt-get", "update"]`) reads as the command it runs.
          const command = model.text.slice(pending.cmd.start, pending.cmd.end).replace(/(?<!\s)\s*[\\`]?\r?\n\s*/g, ' ').replace(/"\s*,\s*"/g, ' ');
          const edit = mergeEdit(model, pending.instr, instr);
          const fixes: Fix[] = edit ? [fix(`Join "${command}" to the RUN on line ${instr.range.start.line + 1}`, [edit])] : [];
          report({ messageId: 'stale', data: { command, line: instr.range.start.line + 1 }, range: model.range(pending.cmd.start, pending.cmd.end), fixes });
        }
        for (const family of run.refreshes) {
          const lone = run.lone.get(family);
          if (lone) state.set(family, { cmd: lone, instr });
          else state.delete(family);
        }
      }
      endState.set(stage, state);
    }
  },
});
