import { addServiceEntries, ownValue } from '../edit/yaml-edits';
import { defineRule } from '../rule-api/rule';
import { readServiceDockerfile } from '../knowledge/compose-build';
import { extendsChain } from '../knowledge/service-extends';
import { imageMatchesAny, isRootUser, lastUser, NON_ROOT_IMAGES } from '../knowledge/users';
import { runsAsNonRoot } from '../knowledge/image-defaults';
import { isWindowsDockerfile } from '../knowledge/windows';
import { stageChain } from '../parse/dockerfile';

export default defineRule({
  meta: {
    id: 'compose-build-user',
    practice: 4,
    title: 'Run built services as a non-root user',
    severity: 'warning',
    kind: 'risk',
    severityReason:
      'A service whose built image runs as root gives an attacker root in the container; a warning like `non-root-user`, which it applies to the image a service builds.',
    targets: ['compose'],
    fix: 'suggestion',
    docs: {
      summary:
        'A Compose service builds its image (`build:`), sets no `user:`, and the Dockerfile stage it builds (the `build.target` ' +
        'stage, else the final one, with the stages it derives from) never switches to a non-root `USER` or switches back to root.',
      rationale:
        'The user a container runs as is decided by two files: the Dockerfile\'s last `USER` and the service\'s `user:`. ' +
        'Looking at either alone misses the case where neither sets one, and the process runs as uid 0: container root is ' +
        'host root once a kernel bug, a mounted host path or a dangerous capability lets it out. `build.target` often picks a ' +
        'development stage that a look at the final stage alone never sees. The rule reads the Dockerfile through the editor or ' +
        'the CLI and stays silent when it cannot read it, when the base image comes from a build argument, or for Windows images.',
      howToFix:
        'Add `USER 10001:10001` (after creating the user, for example `RUN useradd --uid 10001 --no-create-home app`) to the ' +
        'stage Compose builds, or set `user: "10001:10001"` on the service. Give the user write access only to the paths the ' +
        'process must write (a volume or a `tmpfs`).',
      references: [
        'https://docs.docker.com/reference/compose-file/services/#user',
        'https://docs.docker.com/reference/compose-file/build/',
        'https://docs.docker.com/reference/dockerfile/#user',
      ],
    },
    messages: {
      noUser: 'Service "{service}" runs as root: {stage} of "{dockerfile}" never sets a non-root USER and the service sets no "user:"',
      rootUser: 'Service "{service}" runs as root: the last USER of {stage} in "{dockerfile}" is "{user}" and the service sets no "user:"',
    },
    options: {
      nonRootImages: {
        type: 'string[]',
        default: [...NON_ROOT_IMAGES],
        description: 'Base images (globs on `registry/repository:tag`) that already run as a non-root user, so a missing USER is fine.',
      },
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  api:\n    build:\n      dockerfile_inline: |\n        FROM python:3.12-slim\n        CMD ["python", "-m", "http.server"]\n' }],
      good: [
        {
          kind: 'compose',
          code: 'services:\n  api:\n    build:\n      dockerfile_inline: |\n        FROM python:3.12-slim\n        USER 10001\n        CMD ["python", "-m", "http.server"]\n',
        },
      ],
    },
  },
  compose({ model, report, fix, uri, related, options }) {
    for (const service of model.services) {
      const { chain, external } = extendsChain(model, service);
      if (external || chain.some((s) => s.get('user'))) continue;
      const built = readServiceDockerfile(model, service, uri, related);
      if (!built) continue;
      const root = stageChain(built.stage).at(-1)!;
      if (root.unresolved.length > 0) continue;
      if (isWindowsDockerfile(built.dockerfile)) continue;
      const user = lastUser(built.stage);
      if (!user && root.image && (runsAsNonRoot(root.image) || imageMatchesAny(root.image, options.nonRootImages as string[]))) continue;
      const stage = built.build.target !== null ? `stage "${built.build.target}"` : 'the final stage';
      const data = { service: service.name, stage, dockerfile: built.build.label };
      let messageId: 'noUser' | 'rootUser' = 'noUser';
      if (user) {
        const arg = user.args[0];
        if (!arg) continue;
        const resolved = built.dockerfile.resolve(arg.value, user);
        if (resolved.unresolved.length > 0 || !isRootUser(resolved.value)) continue;
        messageId = 'rootUser';
        Object.assign(data, { user: resolved.value });
      }
      const edit = ownValue(service.pair) ? addServiceEntries(model, service, ['user: "10001:10001"']) : null;
      const fixes = edit ? [fix('Add "user: 10001:10001"', [edit])] : [];
      report({ messageId, data, range: service.keyRange, fixes });
    }
  },
});
