import { defineRule } from '../rule-api/rule';
import { passwordSettings } from '../knowledge/accounts';
import { instructionCommands } from '../knowledge/commands';
import { lastUser } from '../knowledge/users';
import type { DfInstruction } from '../parse/dockerfile';

export default defineRule({
  meta: {
    id: 'no-account-passwords',
    practice: 14,
    title: 'Do not set account passwords in the image',
    severity: 'error',
    kind: 'risk',
    severityReason: 'An error: a password set in a build step is in the image\'s layers and history, and a known password for a real account is a way in.',
    targets: ['dockerfile'],
    docs: {
      summary:
        'A `RUN`, `CMD` or `ENTRYPOINT` gives an account a password written in the Dockerfile (`echo "root:root" | chpasswd`, ' +
        '`echo secret | passwd --stdin app`, `usermod -p <hash> app`, `useradd -p "$(openssl passwd -1 secret)" app`) or ' +
        'removes an account\'s password (`passwd -d root`).',
      rationale:
        'The password is in the Dockerfile, in the repository and in `docker history`, and its hash is in `/etc/shadow` of every ' +
        'container started from the image: everyone who can read any of them can log in as that account, over SSH or with `su` ' +
        'from a process that was not meant to be root. The same password ends up in every copy of the image, so one leak opens ' +
        'all of them. An empty password is worse: `su` lets anyone in without one. Passwords made at build time from random ' +
        'data (`$(openssl rand ...)`) and locked accounts (`usermod -p \'*\'`) are not reported; a password taken from a build ' +
        'argument without a default is left to `no-secret-build-args`.',
      howToFix:
        'Containers do not need login passwords: administer them with `docker exec`, and run the service as an unprivileged ' +
        'user that never needs to become root. If a program inside really needs a password (a database superuser, a test ' +
        'account), set it when the container starts, from a Compose or orchestrator secret mounted as a file, in the entrypoint. ' +
        'There is no automatic fix: what logs in with the password has to change.',
      references: ['https://docs.docker.com/build/building/secrets/', 'https://docs.docker.com/reference/cli/docker/container/exec/'],
    },
    messages: {
      password: 'This gives "{user}" a password written in the Dockerfile: anyone who reads it or pulls the image can log in as "{user}"',
      empty: 'This removes the password of "{user}": anyone who can run a command in the container can become "{user}" without one',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM ubuntu:24.04\nRUN echo "root:toor" | chpasswd\n' }],
      good: [{ kind: 'dockerfile', code: 'FROM ubuntu:24.04\nRUN useradd --create-home --shell /usr/sbin/nologin app\nUSER app\n' }],
    },
    aliases: { checkov: ['CKV2_DOCKER_17'] },
  },
  dockerfile({ model, report }) {
    for (const outer of model.instructions) {
      const instr = outer.trigger ?? outer;
      if (instr.keyword !== 'RUN' && instr.keyword !== 'CMD' && instr.keyword !== 'ENTRYPOINT') continue;
      const resolve = (text: string): string | null => {
        const r = model.resolve(text, outer);
        return r.unresolved.length > 0 ? null : r.value;
      };
      for (const s of passwordSettings(instructionCommands(model, outer), resolve)) {
        // `passwd` without a user name changes the current user's password: the USER in effect, root by default.
        const current = instr.stage ? lastUserBefore(instr) : null;
        const user = s.user ?? current ?? 'root';
        report({ messageId: s.kind === 'empty' ? 'empty' : 'password', data: { user }, range: model.range(s.start, s.end) });
      }
    }
  },
});

/** The user a step runs as: the last USER before it in its stage chain (as written), or null for root. */
function lastUserBefore(instr: DfInstruction): string | null {
  const stage = instr.stage;
  if (!stage) return null;
  const own = stage.instructions.filter((i) => i.keyword === 'USER' && i.start < instr.start);
  const user = own.length > 0 ? own[own.length - 1] : stage.baseStage ? lastUser(stage.baseStage) : undefined;
  return user?.args[0]?.value.split(':')[0] ?? null;
}
