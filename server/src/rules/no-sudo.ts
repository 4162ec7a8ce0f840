import { defineRule } from '../engine/rule';
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

export default defineRule({
  meta: {
    id: 'no-sudo',
    practice: 3,
    title: 'Do not use sudo in build steps',
    severity: 'warning',
    targets: ['dockerfile'],
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
        'setuid binary, such as `gosu` or `setpriv`. Remove `sudo` from the image if nothing needs it.',
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
  dockerfile({ model, report }) {
    for (const instr of model.instructions) {
      if ((instr.trigger ?? instr).keyword !== 'RUN') continue;
      for (const cmd of instructionCommands(model, instr)) {
        const word = sudoWord(cmd.argv);
        if (word) report({ messageId: 'sudo', range: model.range(word.start, word.end) });
      }
    }
  },
});
