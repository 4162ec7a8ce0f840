import { defineRule } from '../rule-api/rule';
import { removeWords } from '../edit/dockerfile-edits';
import { instructionCommands } from '../knowledge/commands';
import { baseName, type ShellWord } from '../parse/shell';

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

export default defineRule({
  meta: {
    id: 'no-sudo',
    practice: 3,
    title: 'Do not use sudo in build steps',
    severity: 'warning',
    kind: 'risk',
    severityReason:
      '`sudo` in a build step ships a privilege-escalation tool and hides which user runs what; `sudo -u <user>` run as root only drops privileges and is advice.',
    targets: ['dockerfile'],
    fix: 'suggestion',
    docs: {
      summary: 'A `RUN` instruction calls `sudo` (anywhere in a command chain, in a heredoc script or in `sh -c`).',
      rationale:
        'Build steps already run as the user named by the last `USER` instruction, so `sudo` adds nothing but ' +
        'surprises: it needs a TTY or a password in some setups, rewrites the environment, and its presence means ' +
        'the image ships a privilege-escalation tool configured to let an unprivileged user become root. If the ' +
        'running container is compromised, that sudo rule is the way up.',
      howToFix:
        'Run the privileged steps before switching users (`USER root` ... `USER app`), or switch explicitly with ' +
        '`USER`. To run one command as another user at start-up, use a tool that drops privileges without a ' +
        'setuid binary, such as `gosu` or `setpriv`. Remove `sudo` from the image if nothing needs it. The quick fix ' +
        'removes the `sudo` word and its options (`-E`, `-u app`); it is only offered, since the command then runs as the ' +
        'current USER, which may lack the rights it had through sudo.',
      references: ['https://docs.docker.com/build/building/best-practices/#user'],
    },
    messages: {
      sudo: '"sudo" in a build step hides which user runs it; order the steps around USER instructions instead',
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
      if ((instr.trigger ?? instr).keyword !== 'RUN') continue;
      for (const cmd of instructionCommands(model, instr)) {
        const word = sudoWord(cmd.argv);
        if (!word) continue;
        const prefix = sudoPrefix(model.text, cmd.argv, word);
        const title = `Remove "${prefix?.map((w) => w.value).join(' ')}"`;
        report({ messageId: 'sudo', range: model.range(word.start, word.end), fixes: prefix ? [fix(title, removeWords(model, instr.trigger ?? instr, prefix))] : [] });
      }
    }
  },
});
