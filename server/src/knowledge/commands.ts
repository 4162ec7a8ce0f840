import type { DfInstruction, DockerfileModel } from '../parse/dockerfile';
import { nestedCommands, type ShellCommand } from '../parse/shell';

/**
 * Every command an instruction runs, for rules that look for a command wherever it hides:
 * the shell form and heredoc scripts (`model.shell`), scripts passed to `sh -c "..."` inside
 * them, and the exec form (`CMD ["/usr/sbin/sshd", "-D"]`) as one command whose words are the
 * JSON strings. `ONBUILD` instructions yield the commands of their trigger.
 */
export function instructionCommands(model: DockerfileModel, instr: DfInstruction): ShellCommand[] {
  // Many rules ask for the same instruction's commands: compute them once per instruction.
  let commands = cache.get(instr);
  if (!commands) {
    commands = computeCommands(model, instr);
    cache.set(instr, commands);
  }
  return commands;
}

const cache = new WeakMap<DfInstruction, ShellCommand[]>();

function computeCommands(model: DockerfileModel, instr: DfInstruction): ShellCommand[] {
  const target = instr.trigger ?? instr;
  const shell = model.shell(target);
  const options = { continuation: model.escape };
  if (shell.length > 0) return [...shell, ...shell.flatMap((c) => nestedCommands(model.text, c, options))];
  const json = target.json;
  if (!json || json.length === 0 || !['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(target.keyword)) return [];
  const words = json.map((t) => ({ value: t.value, start: t.start, end: t.end, quoted: true, expands: false }));
  return [{ words, argv: words, redirects: [], start: words[0].start, end: words[words.length - 1].end, before: null, after: null }];
}
