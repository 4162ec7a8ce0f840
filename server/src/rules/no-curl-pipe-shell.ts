import { defineRule } from '../rule-api/rule';
import { reportPerInstruction, type InstructionHit } from '../rule-api/per-instruction';
import { parseOptions, type OptionSyntax } from '../knowledge/cli-options';
import { instructionCommands } from '../knowledge/commands';
import { parseDownload, type Download } from '../knowledge/downloads';
import { memoize } from '../parse/memo';
import { baseName, effectiveArgv, parseShell, type ShellCommand, type ShellWord } from '../parse/shell';
import { lifecycleScripts } from '../parse/devcontainer-commands';

const SHELL = /^(sh|bash|ash|dash|zsh|ksh|mksh)$/;

/** Interpreters, the options that pass code on the command line, and the options that take a value. */
const INTERPRETERS: { name: RegExp; inline: string[]; syntax: OptionSyntax }[] = [
  { name: SHELL, inline: ['-c'], syntax: { shortValue: 'oO' } },
  { name: /^python[0-9.]*$/, inline: ['-c', '-m'], syntax: { shortValue: 'cmWX' } },
  { name: /^perl[0-9.]*$/, inline: ['-e', '-E'], syntax: { shortValue: 'eEIM' } },
  { name: /^ruby[0-9.]*$/, inline: ['-e'], syntax: { shortValue: 'erI' } },
  { name: /^(node|nodejs)$/, inline: ['-e', '-p', '--eval', '--print'], syntax: { shortValue: 'epr', longValue: ['eval', 'print', 'require', 'import', 'input-type'] } },
  { name: /^php[0-9.]*$/, inline: ['-r'], syntax: { shortValue: 'rcdf' } },
];

interface Run {
  shell: ShellWord;
  /** The option word that passes code inline (`-c`) and its value, when there is one. */
  code: ShellWord | null;
  /** True when the program comes from standard input. */
  stdin: boolean;
}

/** How a command runs code, when it is a shell or an interpreter (asked of every command: memoised). */
const interpreterRun = memoize(readInterpreterRun);

function readInterpreterRun(cmd: ShellCommand): Run | null {
  const argv = effectiveArgv(cmd);
  const name = argv[0] ? baseName(argv[0].value) : '';
  const spec = name ? INTERPRETERS.find((i) => i.name.test(name)) : undefined;
  if (!spec) return null;
  const rest = argv.slice(1);
  const parsed = parseOptions(rest, spec.syntax, true);
  const operand = parsed.operands[0] ?? rest[parsed.next];
  const inline = parsed.options.find((o) => spec.inline.includes(o.name));
  // `sh -c 'script'` takes the script as its first operand; `python -c code` as the option's value.
  const code = inline ? (inline.valueWord ?? (inline.value !== null ? inline.word : operand) ?? null) : null;
  // `php -- args` reads the program from standard input and passes it the arguments.
  const phpArgs = spec.inline[0] === '-r' && rest.slice(0, parsed.next).some((w) => w.value === '--');
  const stdin = !inline && (phpArgs || parsed.options.some((o) => o.name === '-s') || !operand || operand.value === '-' || operand.value === '/dev/stdin');
  return { shell: argv[0], code, stdin };
}

/** The download in a `$(curl ...)` or `` `wget ...` `` inside a word, when its output becomes code. */
function substitutedDownload(word: ShellWord): Download | null {
  const m = /\$\(([^)]{1,2000})\)|`([^`]{1,2000})`/.exec(word.value);
  const [first] = m ? parseShell(m[1] ?? m[2]) : [];
  const d = first ? parseDownload(first) : null;
  return d && d.toStdout ? d : null;
}

interface PipeHit {
  start: number;
  end: number;
  url: string;
  shell: string;
}

/** Downloads that become code in a list of commands, with offsets in `text` (the text the commands were read from). */
function pipeHits(cmds: readonly ShellCommand[], text: string): PipeHit[] {
  const out: PipeHit[] = [];
  const hit = (start: number, end: number, url: string, shell: ShellWord) => out.push({ start, end, url, shell: baseName(shell.value) });
  cmds.forEach((cmd, i) => {
    // Start at the command itself, not at `then`/`else` or leading assignments.
    const start = cmd.argv[0]?.start ?? cmd.start;
    const d = parseDownload(cmd);
    const url = (x: ShellWord[] | undefined) => x?.[0]?.value ?? 'the network';
    // curl ... | [filter |] sh
    if (d && d.toStdout) {
      for (let j = i + 1; j < cmds.length && cmds[j].before === '|'; j++) {
        const run = interpreterRun(cmds[j]);
        if (run?.stdin) {
          hit(start, run.shell.end, url(d.urls), run.shell);
          break;
        }
      }
    }
    // sh -c "$(curl ...)", python3 -c "$(curl ...)"
    const run = interpreterRun(cmd);
    const inner = run?.code ? substitutedDownload(run.code) : null;
    if (run?.code && inner) hit(start, run.code.end, url(inner.urls), run.shell);
    // eval "$(curl ...)"
    const argv = effectiveArgv(cmd);
    const evalArg = argv[0]?.value === 'eval' ? argv.slice(1).find((w) => substitutedDownload(w)) : undefined;
    if (evalArg) hit(start, evalArg.end, url(substitutedDownload(evalArg)?.urls), argv[0]);
    // bash <(curl ...), source <(curl ...)
    const next = cmds[i + 1];
    const procSub = cmd.after === '(' && cmd.redirects.some((r) => r.op === '<' && r.target === null);
    const runsFile = argv.length > 0 && (SHELL.test(baseName(argv[0].value)) || argv[0].value === 'source' || argv[0].value === '.');
    const nd = next && procSub && runsFile ? parseDownload(next) : null;
    if (nd && nd.toStdout) hit(start, next.end + (text[next.end] === ')' ? 1 : 0), url(nd.urls), argv[0]);
  });
  return out;
}

export default defineRule({
  meta: {
    id: 'no-curl-pipe-shell',
    practice: 10,
    title: 'Do not pipe downloads into a shell',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'A script piped from the network runs unchecked in the build: a supply-chain risk a reviewer asks to verify.',
    targets: ['dockerfile', 'devcontainer'],
    docs: {
      summary:
        'A download (`curl`, `wget`, `fetch`) is piped into a shell or interpreter (`curl ... | sh`, ' +
        '`wget -qO- ... | bash -s --`, `sh -c "$(curl ...)"`, `bash <(curl ...)`), so the script runs without being checked: ' +
        'in a Dockerfile `RUN`, or in a dev container\'s lifecycle commands (`initializeCommand`, which runs on your machine, ' +
        '`onCreateCommand`, `postCreateCommand`, `postStartCommand`...; string, array and object forms).',
      rationale:
        'The script that runs is whatever the server returns at build time. A compromised host, a hijacked domain ' +
        'or a man in the middle changes what your image contains, and nothing in the build notices; a truncated ' +
        'download can even run half a script. The build is not reproducible either: the same Dockerfile produces ' +
        'different images as the script changes upstream.',
      howToFix:
        'Download to a file, verify it, then run it: `curl -fsSLo install.sh https://...` then ' +
        '`echo "<sha256>  install.sh" | sha256sum -c -` then `sh install.sh`. Better still, install a pinned ' +
        'release archive or package and verify its checksum or signature, or copy the tool from an official image ' +
        '(`COPY --from=<image>@sha256:... /bin/tool /usr/local/bin/`). There is no automatic fix: the expected checksum or ' +
        'signature has to come from the publisher.',
      references: ['https://docs.docker.com/build/building/best-practices/#add-or-copy', 'https://github.com/hadolint/hadolint/issues/282'],
    },
    messages: {
      pipe: 'The download from "{url}" runs in "{shell}" unchecked; save it to a file, verify its checksum or signature, then run it',
      devcontainer: 'The download from "{url}" runs in "{shell}" unchecked in {key}; save it to a file, verify its checksum or signature, then run it',
      pipeMany: '{count} downloads of this instruction run in a shell unchecked ({items}); save each to a file, verify its checksum or signature, then run it',
    },
    examples: {
      bad: [
        { kind: 'dockerfile', code: 'FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | sh\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "postCreateCommand": "curl -fsSL https://example.com/install.sh | bash"\n}\n' },
      ],
      good: [
        {
          kind: 'dockerfile',
          code:
            'FROM debian:12\nARG INSTALL_SHA256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n' +
            'RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n && echo "$INSTALL_SHA256  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh\n',
        },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "postCreateCommand": "bash .devcontainer/setup.sh"\n}\n' },
      ],
    },
    aliases: {},
  },
  dockerfile({ model, report, fix }) {
    for (const instr of model.instructions) {
      const keyword = (instr.trigger ?? instr).keyword;
      if (keyword !== 'RUN' && keyword !== 'CMD' && keyword !== 'ENTRYPOINT') continue;
      const hits: InstructionHit[] = pipeHits(instructionCommands(model, instr), model.text).map((h) => ({
        range: model.range(h.start, h.end),
        data: { url: h.url, shell: h.shell },
        label: `"${h.url}" in "${h.shell}"`,
        fixes: [],
      }));
      reportPerInstruction({ report, fix }, hits, 'pipe', 'pipeMany', () => '');
    }
  },
  devcontainer({ model, report }) {
    for (const script of lifecycleScripts(model)) {
      for (const h of pipeHits(script.commands, script.text)) {
        report({ messageId: 'devcontainer', data: { url: h.url, shell: h.shell, key: script.key }, range: model.range(script.source(h.start), script.source(h.end)) });
      }
    }
  },
});
