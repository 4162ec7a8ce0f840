import { defineRule } from '../rule-api/rule';
import { collectAccountFacts, sudoGrants, sudoGrantsInText, type AccountFacts, type SudoGrant } from '../knowledge/accounts';
import { instructionCommands } from '../knowledge/commands';
import { isRootUser, lastUser } from '../knowledge/users';
import { stageChain, type DfInstruction, type DockerfileModel } from '../parse/dockerfile';

/** Resolves `$VAR` as seen by an instruction; null when a variable has no value in the file. */
function resolver(model: DockerfileModel, at: DfInstruction): (text: string) => string | null {
  return (text) => {
    if (!text.includes('$')) return text;
    const r = model.resolve(text, at);
    return r.unresolved.length > 0 ? null : r.value;
  };
}

/** The COPY/ADD destination of a heredoc written to a sudoers file (`COPY <<EOF /etc/sudoers.d/app`). */
function sudoersHeredoc(instr: DfInstruction): boolean {
  if ((instr.keyword !== 'COPY' && instr.keyword !== 'ADD') || instr.heredocs.length === 0) return false;
  const before = instr.args.filter((a) => a.start < instr.heredocs[0].contentStart);
  const dest = before[before.length - 1]?.value ?? '';
  return /^\/etc\/sudoers(\.d(\/.*)?)?$/.test(dest);
}

export default defineRule({
  meta: {
    id: 'no-passwordless-sudo',
    practice: 4,
    title: 'Do not give the image user passwordless sudo',
    severity: 'error',
    kind: 'risk',
    severityReason: 'A user with passwordless sudo is root in effect, so a non-root USER protects nothing; an error for every command, a warning for a list of commands.',
    targets: ['dockerfile'],
    docs: {
      summary:
        'The image ends as a non-root `USER` that a `NOPASSWD` rule written to `/etc/sudoers` or `/etc/sudoers.d/*` lets run ' +
        'commands as root without a password: the rule names the user, a group the user is put in (`%sudo`, `%wheel`), or `ALL`. ' +
        'A rule for all commands is an error; one limited to a list of commands is a warning.',
      rationale:
        'Running as a non-root user only protects the host if that user cannot become root. With passwordless sudo, anything that ' +
        'gets code execution in the container (a dependency, an injected command, a shell someone left open) runs `sudo sh` and is ' +
        'root again, with every capability the container has; the `USER` line then gives a false sense of safety, and scanners and ' +
        'reviewers count the image as non-root. A rule for specific commands is narrower, but many programs (`mount`, `cp`, `vi`, ' +
        '`find`, package managers) open a root shell or write any file, so such a list needs a review too. Rules for other users, ' +
        'and images that end as root (see `non-root-user`), are not reported.',
      howToFix:
        'Do the privileged work during the build, before the final `USER`, and do not install `sudo` in the runtime image. If the ' +
        'process must start as root to do one thing (bind a port, fix permissions), give it that capability or run an entrypoint as ' +
        'root that drops to the user with `gosu`/`setpriv`. Development images that need sudo should be separate from the ' +
        'production image (a `dev` stage), and the rule there written for a password or a precise command list. There is no ' +
        'automatic fix: what the user needed root for has to be moved into the build.',
      references: [
        'https://docs.docker.com/build/building/best-practices/#user',
        'https://www.sudo.ws/docs/man/sudoers.man/',
      ],
    },
    messages: {
      nopasswd: 'The image runs as "{user}", and this sudoers rule lets "{who}" run any command as root without a password: the user is root in effect',
      nopasswdCommands: 'The image runs as "{user}", and this sudoers rule lets "{who}" run commands as root without a password; check that none of them opens a root shell',
    },
    messageSeverity: { nopasswdCommands: 'warning' },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends sudo && rm -rf /var/lib/apt/lists/* \\\n && useradd -m app \\\n && echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app\nUSER app\n' }],
      good: [{ kind: 'dockerfile', code: 'FROM ubuntu:24.04\nRUN useradd -m app\nUSER app\n' }],
    },
    aliases: {},
  },
  dockerfile({ model, report }) {
    const final = model.finalStage;
    const userInstr = final && lastUser(final);
    const arg = userInstr?.args[0];
    if (!final || !userInstr || !arg) return;
    const resolved = model.resolve(arg.value, userInstr);
    // An unknown `USER $NAME` is compared as written with rules that spell the same variable.
    const written = resolved.unresolved.length > 0 ? arg.value : resolved.value;
    const [name, group] = written.split(':');
    if (isRootUser(written) || name === '') return;
    const facts: AccountFacts = { groups: new Map(), byUid: new Map() };
    const grants: SudoGrant[] = [];
    for (const stage of stageChain(final).reverse()) {
      for (const outer of stage.instructions) {
        const instr = outer.trigger ?? outer;
        if (instr.keyword === 'RUN') {
          const resolve = resolver(model, outer);
          const cmds = instructionCommands(model, outer);
          for (const c of cmds) collectAccountFacts(c, resolve, facts);
          grants.push(...sudoGrants(cmds, resolve));
          // `RUN tee /etc/sudoers.d/app <<EOF` or `RUN cat > /etc/sudoers <<EOF`: the body is the file.
          const commandLine = instr.heredocs.length > 0 ? model.text.slice(instr.start, instr.heredocs[0].contentStart) : '';
          if (/\/etc\/sudoers/.test(commandLine)) for (const h of instr.heredocs) grants.push(...sudoGrantsInText(h.content, h.contentStart));
        } else if (sudoersHeredoc(instr)) {
          for (const h of instr.heredocs) grants.push(...sudoGrantsInText(h.content, h.contentStart));
        }
      }
    }
    // `USER 1000`: the account created with that uid.
    const user = /^\d+$/.test(name) ? (facts.byUid.get(name) ?? name) : name;
    const groups = new Set([...(facts.groups.get(user) ?? []), ...(group ? [group] : [])]);
    for (const g of grants) {
      const applies = g.who === 'ALL' || g.who === user || g.who === name || (g.who.startsWith('%') && groups.has(g.who.slice(1)));
      if (!applies) continue;
      report({ messageId: g.allCommands ? 'nopasswd' : 'nopasswdCommands', data: { user, who: g.who }, range: model.range(g.start, g.end) });
    }
  },
});
