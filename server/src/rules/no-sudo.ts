import { defineRule } from '../rule-api/rule';
import { removeWords } from '../edit/dockerfile-edits';
import { instructionCommands } from '../knowledge/commands';
import { baseName, type ShellWord } from '../parse/shell';
import { isRootUser, userAt } from '../knowledge/users';
import type { DfInstruction, DockerfileModel } from '../parse/dockerfile';
import type { TextEdit } from '../core/types';

/** Commands that run the next word as a command, so `env X=1 sudo ...` and `exec sudo ...` count. */
const PREFIXES = new Set(['env', 'exec', 'nohup', 'time', 'command', 'nice', 'stdbuf', 'xargs']);

/** The `sudo` word that starts a command line, if any. */
function sudoWord(argv: readonly ShellWord[]): ShellWord | undefined {
  for (let i = 0; i < argv.length && i < 16; i++) {
    const name = baseName(argv[i].value);
    if (name === 'sudo') return argv[i];
    // `command -v sudo` only looks the command up.
    if (name === 'command' && /^-[vV]$/.test(argv[i + 1]?.value ?? '')) return undefined;
    if (!PREFIXES.has(name) && !(i > 0 && (argv[i].value.startsWith('-') || /^[A-Za-z_]\w*=/.test(argv[i].value)))) return undefined;
  }
  return undefined;
}

/** Short options of sudo that take a value (`-u app`) and long ones (`--user app`). */
const SHORT_VALUE = /^-[A-Za-z]*[ugCDhpRrTtU]$/;
const LONG_VALUE = /^--(user|group|close-from|chdir|host|prompt|chroot|role|command-timeout|type|other-user)$/;

/** `sudo` and its options (with their values), when a command follows them and every word is written as it reads. */
function sudoPrefix(text: string, argv: readonly ShellWord[], sudo: ShellWord): ShellWord[] | null {
  let i = argv.indexOf(sudo) + 1;
  const words = [sudo];
  while (i < argv.length && argv[i].value.startsWith('-')) {
    const w = argv[i++];
    words.push(w);
    if (w.value === '--') break;
    if ((SHORT_VALUE.test(w.value) || LONG_VALUE.test(w.value)) && i < argv.length) words.push(argv[i++]);
  }
  if (i >= argv.length) return null;
  return words.every((w) => text.slice(w.start, w.end) === w.value) ? words : null;
}

/** The user a `sudo -u <user>` / `--user=<user>` prefix switches to, if it names one. */
function targetUser(prefix: readonly ShellWord[]): string | null {
  for (let i = 1; i < prefix.length; i++) {
    const w = prefix[i].value;
    const eq = /^--user=(.+)$/.exec(w);
    if (eq) return eq[1];
    if (w === '--user' || /^-[A-Za-z]*u$/.test(w)) return prefix[i + 1]?.value ?? null;
  }
  return null;
}

interface SudoUse {
  word: ShellWord;
  /** `sudo` and its options, when the whole prefix can be removed. */
  prefix: ShellWord[] | null;
}

/** The lines (1-based) of the uses, for a message. */
const lines = (model: DockerfileModel, uses: readonly SudoUse[]) => [...new Set(uses.map((u) => model.range(u.word.start, u.word.end).start.line + 1))].join(', ');

/** One edit set that removes every prefix, or null when one of them cannot be removed. */
function removeAll(model: DockerfileModel, instr: DfInstruction, uses: readonly SudoUse[]): TextEdit[] | null {
  if (uses.some((u) => !u.prefix)) return null;
  return uses.flatMap((u) => removeWords(model, instr, u.prefix!));
}

export default defineRule({
  meta: {
    id: 'no-sudo',
    practice: 3,
    title: 'Do not use sudo in build steps',
    severity: 'warning',
    kind: 'risk',
    adviceMessages: ['dropsPrivileges'],
    severityReason:
      '`sudo` in a build step ships a privilege-escalation tool and hides which user runs what; `sudo -u <user>` run as root only drops privileges and is advice.',
    targets: ['dockerfile'],
    fix: 'suggestion',
    docs: {
      summary:
        'A `RUN` instruction calls `sudo` (anywhere in a command chain, in a heredoc script or in `sh -c`). One finding per ' +
        '`RUN`, on its first `sudo`, counting the others. A `sudo -u <user>` that runs while the build is root only drops ' +
        'privileges: it is reported as advice (a hint).',
      rationale:
        'Build steps already run as the user named by the last `USER` instruction, so `sudo` adds nothing but ' +
        'surprises: it needs a TTY or a password in some setups, rewrites the environment, and its presence means ' +
        'the image ships a privilege-escalation tool configured to let an unprivileged user become root. If the ' +
        'running container is compromised, that sudo rule is the way up. Run as root, `sudo -u app` goes the other way ' +
        '(down to `app`), which is harmless in itself, but it still needs sudo installed in the image.',
      howToFix:
        'Run the privileged steps before switching users (`USER root` ... `USER app`), or switch explicitly with ' +
        '`USER`. To run one command as another user at start-up, use a tool that drops privileges without a ' +
        'setuid binary, such as `gosu` or `setpriv`. Remove `sudo` from the image if nothing needs it. The quick fix ' +
        'removes every `sudo` word of the `RUN` with its options (`-E`, `-u app`); it is only offered, since the commands then ' +
        'run as the current USER, which may lack the rights they had through sudo.',
      references: ['https://docs.docker.com/build/building/best-practices/#user'],
    },
    messages: {
      sudo: '"sudo" in a build step hides which user runs it; order the steps around USER instructions instead',
      sudoMany: '"sudo" runs {count} commands of this RUN (lines {lines}), which hides which user runs them; order the steps around USER instructions instead',
      dropsPrivileges: '"sudo -u {user}" runs as root only to drop to "{user}"; "gosu" or "setpriv" do that without shipping sudo in the image',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM ubuntu:24.04\nUSER app\nRUN sudo apt-get update && sudo apt-get install -y curl\n' }],
      good: [{ kind: 'dockerfile', code: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl\nUSER app\n' }],
    },
    aliases: {
      hadolint: ['DL3004'],
      trivy: ['DS-0010'],
      checkov: ['CKV2_DOCKER_1'],
      kics: ['run_using_sudo'],
      semgrep: ['no-sudo-in-dockerfile'],
    },
  },
  dockerfile({ model, report, fix }) {
    for (const instr of model.instructions) {
      const run = instr.trigger ?? instr;
      if (run.keyword !== 'RUN') continue;
      const uses: SudoUse[] = [];
      for (const cmd of instructionCommands(model, instr)) {
        const word = sudoWord(cmd.argv);
        if (word) uses.push({ word, prefix: sudoPrefix(model.text, cmd.argv, word) });
      }
      if (uses.length === 0) continue;
      // Run as root, "sudo -u app" only lowers privileges; ONBUILD steps run in an image we cannot see.
      const root = !instr.trigger && userAt(model, instr) === 'root';
      const target = (u: SudoUse): string | null => {
        const written = u.prefix ? targetUser(u.prefix) : null;
        if (written === null) return null;
        const r = model.resolve(written, instr);
        return r.unresolved.length === 0 && !r.value.includes('$') ? r.value : null;
      };
      const drops = root ? uses.filter((u) => { const user = target(u); return user !== null && user !== '' && !isRootUser(user); }) : [];
      const risky = uses.filter((u) => !drops.includes(u));
      if (risky.length > 0) {
        const edits = removeAll(model, run, risky);
        const title = risky.length === 1 ? `Remove "${risky[0].prefix?.map((w) => w.value).join(' ')}"` : `Remove "sudo" from ${risky.length} commands`;
        const range = model.range(risky[0].word.start, risky[0].word.end);
        const fixes = edits ? [fix(title, edits)] : [];
        if (risky.length === 1) report({ messageId: 'sudo', range, fixes });
        else report({ messageId: 'sudoMany', data: { count: risky.length, lines: lines(model, risky) }, range, fixes });
      }
      if (drops.length > 0) {
        const first = drops[0];
        report({ messageId: 'dropsPrivileges', data: { user: target(first)! }, range: model.range(first.word.start, first.word.end) });
      }
    }
  },
});
