import { isSeq, type Node } from 'yaml';
import type { ComposeModel } from '../parse/compose';
import { scalarText } from '../parse/compose-values';
import { nestedCommands, parseShell, type ShellCommand, type ShellWord } from '../parse/shell';

/** The commands of a Compose `command:`/`entrypoint:` (a string or a list), with offsets in the file. */
export function composeCommands(model: ComposeModel, value: Node | null): ShellCommand[] {
  const word = (n: Node): ShellWord | null => {
    const off = model.offsetsOf(n);
    const v = scalarText(n);
    return off && v !== null ? { value: v, start: off[0], end: off[1], quoted: true, expands: false } : null;
  };
  let cmds: ShellCommand[];
  if (isSeq(value)) {
    const words = model.items(value).map(word).filter((w): w is ShellWord => w !== null);
    if (words.length === 0) return [];
    cmds = [{ words, argv: words, redirects: [], start: words[0].start, end: words[words.length - 1].end, before: null, after: null }];
  } else {
    const w = value ? word(value) : null;
    if (!w) return [];
    const raw = model.text.slice(w.start, w.end);
    if (raw === w.value) cmds = parseShell(model.text, w.start, w.end);
    else if (raw.length >= 2 && /^["']/.test(raw) && raw.slice(1, -1) === w.value) cmds = parseShell(model.text, w.start + 1, w.end - 1);
    else cmds = parseShell(w.value).map((c) => ({ ...c, argv: c.argv.map((x) => ({ ...x, start: w.start, end: w.end })) }));
  }
  return [...cmds, ...cmds.flatMap((c) => nestedCommands(model.text, c))];
}

