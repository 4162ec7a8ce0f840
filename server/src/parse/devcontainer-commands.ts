import type { DevcontainerModel, JsonNode } from './devcontainer';
import type { StringSpan } from './json-strings';
import { baseName, parseShell, shortOptionsWith, type ShellCommand, type ShellWord } from './shell';

/**
 * The lifecycle commands of a dev container (`initializeCommand` runs on the host, the others in
 * the container) as shell commands. Each of them may be a string (run by a shell), an array (run
 * directly, no shell: `["bash", "-c", "..."]` runs its script), or an object of named commands
 * that run in parallel, each a string or an array. Words keep offsets in a script text; `source`
 * maps them back to the file.
 */

export const LIFECYCLE_COMMANDS = ['initializeCommand', 'onCreateCommand', 'updateContentCommand', 'postCreateCommand', 'postStartCommand', 'postAttachCommand'] as const;

export interface LifecycleScript {
  /** `postCreateCommand`, or `postCreateCommand.setup` for a named command. */
  key: string;
  /** The script text the commands' offsets refer to. */
  text: string;
  commands: ShellCommand[];
  /** The file offset of a script-text offset. */
  source(offset: number): number;
}

const SHELL = /^(sh|bash|ash|dash|zsh|ksh)$/;

function fromString(key: string, span: StringSpan): LifecycleScript {
  return { key, text: span.value, commands: parseShell(span.value, 0, span.value.length, { multiline: true }), source: span.at };
}

/** `["curl", "-k", "https://..."]`: one command whose words are the items, in a text of the items joined by spaces. */
function fromArray(model: DevcontainerModel, key: string, items: JsonNode[]): LifecycleScript | null {
  const spans = items.map((i) => model.string(i));
  if (spans.length === 0 || spans.some((s) => s === null)) return null;
  const strings = spans as StringSpan[];
  const shell = SHELL.test(baseName(strings[0].value));
  const c = strings.findIndex((s, i) => i > 0 && shortOptionsWith(s.value, 'c'));
  if (shell && c > 0 && strings[c + 1]) return fromString(key, strings[c + 1]);
  const words: ShellWord[] = [];
  const starts: number[] = [];
  let text = '';
  for (const s of strings) {
    if (text !== '') text += ' ';
    starts.push(text.length);
    words.push({ value: s.value, start: text.length, end: text.length + s.value.length, quoted: true, expands: false });
    text += s.value;
  }
  const command: ShellCommand = { words, argv: words, redirects: [], start: 0, end: text.length, before: null, after: null };
  const source = (offset: number) => {
    let k = starts.length - 1;
    while (k > 0 && starts[k] > offset) k--;
    return strings[k].at(Math.min(offset - starts[k], strings[k].value.length));
  };
  return { key, text, commands: [command], source };
}

function scriptsOf(model: DevcontainerModel, key: string, node: JsonNode | null): LifecycleScript[] {
  if (!node) return [];
  const span = model.string(node);
  if (span) return [fromString(key, span)];
  if (node.type === 'array') {
    const s = fromArray(model, key, model.items(node));
    return s ? [s] : [];
  }
  return [];
}

export function lifecycleScripts(model: DevcontainerModel): LifecycleScript[] {
  const out: LifecycleScript[] = [];
  for (const key of LIFECYCLE_COMMANDS) {
    const value = model.get(key)?.value ?? null;
    if (value?.type === 'object') {
      for (const [name, p] of model.properties(value)) out.push(...scriptsOf(model, `${key}.${name}`, p.value));
    } else {
      out.push(...scriptsOf(model, key, value));
    }
  }
  return out;
}
