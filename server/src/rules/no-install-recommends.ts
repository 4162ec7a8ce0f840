import { defineRule } from '../rule-api/rule';
import { reportPerInstruction, type InstructionHit } from '../rule-api/per-instruction';
import type { Fix } from '../core/types';
import { instructionCommands } from '../knowledge/commands';
import { insertAfterWord } from '../edit/dockerfile-edits';
import { packageInstall } from '../knowledge/packages';
import type { Stage } from '../parse/dockerfile';
import { baseName } from '../parse/shell';

const FALSE = /^(false|no|off|0)$/i;
/** `APT::Install-Recommends=false` given with `-o` (or written into an apt.conf file earlier). */
const CONFIG = /APT::Install-Recommends["'\s=]+(false|no|off|0)\b/i;

export default defineRule({
  meta: {
    id: 'no-install-recommends',
    practice: 11,
    title: 'Install Debian packages without recommends',
    severity: 'info',
    kind: 'advice',
    severityReason: 'Advice: recommended packages make the image larger, not less safe.',
    targets: ['dockerfile'],
    fix: 'suggestion',
    docs: {
      summary:
        '`apt-get install` or `apt install` runs without `--no-install-recommends` (or `-o APT::Install-Recommends=false`), ' +
        'so APT also installs every package the requested ones merely recommend.',
      rationale:
        'Recommended packages are extras that a typical desktop install would want: documentation tools, language ' +
        'runtimes, daemons, fonts. In an image they add size and, more importantly, code that can carry ' +
        'vulnerabilities and that scanners will report, without the application ever using it. A smaller package ' +
        'set is a smaller attack surface and fewer images to rebuild when a CVE lands.',
      howToFix:
        'Add `--no-install-recommends` to the install (`apt-get install -y --no-install-recommends curl`) and list any ' +
        'recommended package the application really needs explicitly; `ca-certificates` is the usual one for tools ' +
        'that make HTTPS requests. To change the default for a whole image, write `APT::Install-Recommends "false";` ' +
        'to a file under `/etc/apt/apt.conf.d/` before the installs.',
      references: [
        'https://docs.docker.com/build/building/best-practices/#apt-get',
        'https://manpages.debian.org/bookworm/apt/apt-get.8.en.html',
      ],
    },
    messages: {
      recommends: '"{tool} install" also installs recommended packages; add "--no-install-recommends" and list what you need',
      recommendsMany: '{count} installs of this RUN (of {items}) also install recommended packages; add "--no-install-recommends" to each and list what you need',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n' }],
      good: [
        {
          kind: 'dockerfile',
          code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/*\n',
        },
      ],
    },
    aliases: {
      hadolint: ['DL3015'],
      trivy: ['DS-0029'],
      kics: ['apt_get_not_avoiding_additional_packages'],
      semgrep: ['missing-no-install-recommends'],
    },
  },
  dockerfile({ model, report, fix }) {
    // A RUN that writes the setting into apt.conf.d turns recommends off for the rest of the stage and its children.
    const configuredAtEnd = new Map<Stage, boolean>();
    for (const stage of model.stages) {
      let configured = stage.baseStage ? configuredAtEnd.get(stage.baseStage) === true : false;
      for (const outer of stage.instructions) {
        const instr = outer.trigger ?? outer;
        if (instr.keyword !== 'RUN') continue;
        if (!outer.trigger && CONFIG.test(instr.text)) configured = true;
        const hits: InstructionHit[] = [];
        for (const cmd of instructionCommands(model, outer)) {
          const pi = packageInstall(cmd);
          if (!pi || pi.manager !== 'apt' || !/^apt(-get)?$/.test(pi.tool) || configured) continue;
          const off = pi.options.some(
            (o) =>
              (o.name === '--no-install-recommends' && !FALSE.test(o.value ?? '')) ||
              (o.name === '--install-recommends' && FALSE.test(o.value ?? '')) ||
              ((o.name === '-o' || o.name === '--option') && CONFIG.test(o.value ?? '')),
          );
          if (off || pi.argv.some((w) => CONFIG.test(w.value))) continue;
          const edit = insertAfterWord(model, outer, pi.subcommand, '--no-install-recommends');
          const fixes: Fix[] = edit ? [fix('Add "--no-install-recommends"', [edit])] : [];
          const range = model.range(pi.subcommand.start, pi.subcommand.end);
          hits.push({ range, data: { tool: baseName(pi.tool) }, label: pi.words.length > 0 ? pi.words.map((w) => w.value).join(' ') : `line ${range.start.line + 1}`, fixes });
        }
        reportPerInstruction({ report, fix }, hits, 'recommends', 'recommendsMany', (n) => `Add "--no-install-recommends" to the ${n} installs`);
      }
      configuredAtEnd.set(stage, configured);
    }
  },
});
