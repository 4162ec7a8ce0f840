import { entryOf } from '../core/entry';
import { removeSpan } from '../edit/dockerfile-edits';
import { defineRule } from '../rule-api/rule';

/** The RUN flags that lift the build sandbox, keyed by flag name, with the value that does it. */
const RISKY: Record<string, { value: string; messageId: 'insecure' | 'hostNetwork' }> = {
  security: { value: 'insecure', messageId: 'insecure' },
  network: { value: 'host', messageId: 'hostNetwork' },
};

export default defineRule({
  meta: {
    id: 'no-build-privileges',
    practice: 3,
    title: 'Do not lift the sandbox of build steps',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'A build step without the sandbox (`--security=insecure`) or on the host network can reach the build host.',
    targets: ['dockerfile'],
    fix: 'suggestion',
    docs: {
      summary: 'A `RUN` step asks for `--security=insecure` (no build sandbox) or `--network=host` (the host\'s network stack).',
      rationale:
        '`RUN --security=insecure` runs the step the way `docker run --privileged` runs a container: every capability, ' +
        'no seccomp or AppArmor profile, host devices visible. A compromised package script or download in that step can ' +
        'take over the build machine, which often holds registry credentials and the cache of other builds. ' +
        '`RUN --network=host` shares the build host\'s network namespace, so the step reaches services bound to ' +
        'localhost and internal networks of the build machine (metadata endpoints, local registries, the Docker API on a ' +
        'TCP port). Both need the builder to grant an entitlement (`security.insecure`, `network.host`), and a ' +
        'Dockerfile that asks for them pushes people to grant it everywhere.',
      howToFix:
        'Remove the flag and change the step so it works in the sandbox: install what needs special kernel access at ' +
        'run time instead of build time, and reach build-time services through the default network or a build ' +
        'secret (`RUN --mount=type=secret`). If one step truly needs it, keep it in a separate build that runs on ' +
        'an isolated builder.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#run---security',
        'https://docs.docker.com/reference/dockerfile/#run---network',
        'https://docs.docker.com/reference/cli/docker/buildx/build/#allow',
      ],
    },
    messages: {
      insecure: '"{flag}" runs this build step without the sandbox, like a privileged container; remove it',
      hostNetwork: '"{flag}" gives this build step the network of the build host; remove it and use the default network',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM debian:12\nRUN --security=insecure mount -t tmpfs none /mnt\n' }],
      good: [{ kind: 'dockerfile', code: 'FROM debian:12\nRUN --network=none make test\n' }],
    },
    aliases: {},
  },
  dockerfile({ model, report, fix }) {
    for (const outer of model.instructions) {
      const instr = outer.trigger ?? outer;
      if (instr.keyword !== 'RUN') continue;
      for (const flag of instr.flags) {
        const risky = entryOf(RISKY, flag.name);
        if (!risky || flag.value === null) continue;
        const value = model.resolve(flag.value, outer);
        if (value.unresolved.length > 0 || value.value.trim().toLowerCase() !== risky.value) continue;
        const start = model.offset(flag.range.start);
        const end = model.offset(flag.range.end);
        const text = model.text.slice(start, end);
        report({
          messageId: risky.messageId,
          data: { flag: text },
          range: flag.range,
          fixes: [fix(`Remove "${text}"`, [removeSpan(model, start, end)])],
        });
      }
    }
  },
});
