import { matchesAny } from '../core/glob';
import { defineRule } from '../rule-api/rule';
import type { TextEdit } from '../core/types';
import { insertLinesBefore, replace } from '../edit/dockerfile-edits';
import { inKeywordCase, insertBeforeStart, userPlan } from '../fixes/add-user';
import { scalarText } from '../parse/compose-values';
import { stageChain, type DfInstruction, type DockerfileModel, type Stage } from '../parse/dockerfile';
import { isRootUser, lastUser } from '../knowledge/users';
import { devcontainerUserCheck } from '../fixes/devcontainer-user';
import { devcontainersBuilding, namesNonRootUser } from '../knowledge/devcontainer-build';
import { imageUser } from '../knowledge/devcontainer-users';
import { runsAsNonRoot } from '../knowledge/image-defaults';
import { isWindowsDockerfile } from '../knowledge/windows';

/**
 * The fix for a final `USER root`: switch back to the last non-root USER before it, or to a user
 * created for the base image. The root USER itself is changed when nothing runs after it;
 * otherwise a USER is added after the last RUN, so the steps that needed root keep it.
 */
function leaveRoot(model: DockerfileModel, stage: Stage, root: DfInstruction): { title: string; edits: TextEdit[] } {
  const chain = stageChain(stage).reverse();
  const users = chain.flatMap((s) => s.instructions).filter((i) => i.keyword === 'USER');
  const previous = users
    .slice(0, users.indexOf(root))
    .map((u) => (u.args[0] ? model.resolve(u.args[0].value, u) : null))
    .filter((r) => r !== null && r.unresolved.length === 0 && r.value !== '' && !isRootUser(r.value))
    .at(-1)?.value;
  const plan = previous ? { create: [], user: previous, title: '' } : userPlan(model, stage);
  const later = chain.slice(chain.indexOf(root.stage!)).flatMap((s) => s.instructions);
  const runsAfter = later.slice(later.indexOf(root) + 1).some((i) => i.keyword === 'RUN');
  const arg = root.args[0];
  if (root.stage === stage && !runsAfter && arg && !arg.value.includes('$') && root.args.length === 1) {
    const edits = [replace(model, arg.start, arg.end, plan.user)];
    if (plan.create.length > 0) edits.unshift(insertLinesBefore(model, root, inKeywordCase(model, stage, plan.create)));
    return { title: `Switch to "${plan.user}" instead of root${plan.create.length > 0 ? ' (creates user "app")' : ''}`, edits };
  }
  const title = `Add "USER ${plan.user}" after the steps that need root${plan.create.length > 0 ? ' (creates user "app")' : ''}`;
  return { title, edits: [insertBeforeStart(model, stage, inKeywordCase(model, stage, [...plan.create, `USER ${plan.user}`]))] };
}

/** Tools an entrypoint uses to drop from root to another user without a setuid binary. */
const STEP_DOWN = /(?:^|[\s/"'])(gosu|su-exec|setpriv|s6-setuidgid)(?=[\s"'.;&|]|$)/;

/**
 * The privilege-dropping tool a final stage installs (in a RUN or a COPY of the stages it builds on)
 * when it also has an ENTRYPOINT: the container starts as root on purpose and steps down at start-up.
 */
function stepDownTool(model: DockerfileModel, stage: Stage): string | null {
  const chain = stageChain(stage);
  const instructions = chain.flatMap((s) => s.instructions);
  if (!instructions.some((i) => i.keyword === 'ENTRYPOINT')) return null;
  for (const i of instructions) {
    if (i.keyword !== 'RUN' && i.keyword !== 'COPY') continue;
    const m = STEP_DOWN.exec(model.text.slice(i.argsStart, i.end));
    if (m) return m[1];
  }
  return null;
}

export default defineRule({
  meta: {
    id: 'non-root-user',
    practice: 4,
    title: 'Run as a non-root user',
    severity: 'warning',
    kind: 'risk',
    adviceMessages: ['stepDown'],
    severityReason:
      'A container that runs as root turns any code execution into root in the container, one kernel bug from the host; images known to run as a non-root user are not reported, and an image that installs gosu or su-exec for its entrypoint to step down is advice.',
    targets: ['dockerfile', 'compose', 'devcontainer'],
    fix: 'suggestion',
    docs: {
      summary:
        'The final stage of a Dockerfile never switches to a non-root `USER` (or switches back to root), a Compose service sets `user: root`, ' +
        'or a dev container sets `remoteUser`/`containerUser` (or `--user` in `runArgs`) to root, or sets neither on an image known to run as root.',
      rationale:
        'Without a `USER`, the process runs as uid 0. Container root is the same uid as host root: one kernel bug or ' +
        'one mis-mounted path away from the host, and free to change every file in the image. Only the final stage ' +
        'matters: build stages may run as root because their filesystem is thrown away.',
      howToFix:
        'Create an unprivileged user and switch to it before `CMD`/`ENTRYPOINT`, preferably by numeric id so ' +
        'Kubernetes `runAsNonRoot` can verify it: `RUN useradd --uid 10001 --no-create-home app` then `USER 10001`. ' +
        'In Compose, drop `user: root` or set a numeric uid.\n\n' +
        'The quick fix (Dockerfile only, offered one at a time because files the program writes may not be writable by the ' +
        'new user) adds `USER` before the final stage\'s `CMD`/`ENTRYPOINT` (after its last `RUN`), or at the end of the ' +
        'stage. It switches to a user a `RUN useradd`/`adduser` of the stage already creates (or the `node` user of the ' +
        'official `node` images); otherwise it picks by the base ' +
        'image\'s name and tag: Debian, Ubuntu and the official images built on them (`python`, `node`, `golang`, ...) and ' +
        'Fedora, CentOS, Rocky, Alma, Oracle Linux and UBI get `groupadd`/`useradd` for user `app` (uid 10001); Alpine ' +
        '(and `-alpine` tags) and BusyBox get `addgroup -S`/`adduser -S`; distroless and Chainguard images get ' +
        '`USER 65532:65532`, their built-in `nonroot` user; `scratch`, minimal/micro variants and anything unknown get ' +
        '`USER 10001:10001`, which works without a passwd entry. A Dockerfile that a dev container next to it builds ' +
        '(`devcontainer.json` in its folder, or `.devcontainer/` below it) is not asked for a USER when that configuration ' +
        'sets a non-root `remoteUser`/`containerUser` or the Dockerfile builds on a Dev Containers image. For a final `USER root` it switches back to the previous ' +
        'non-root USER (or such a new user): in place when nothing runs after it, otherwise with a `USER` after the last ' +
        '`RUN`, so steps that need root keep it.\n\n' +
        'In a dev container, `remoteUser` is the user of VS Code\'s server, terminals and lifecycle commands, and `containerUser` ' +
        'the user of the whole container; on Linux, files they create in the bind-mounted workspace belong to that user on your ' +
        'machine (`updateRemoteUserUID` maps a non-root user to your own uid, never root). The Dev Containers images ' +
        '(`mcr.microsoft.com/devcontainers/*`) already select `vscode` (`node` for the Node.js images, `codespace` for `universal`), ' +
        'so a configuration on them that sets neither is fine; a Dockerfile without `USER` built on them is fine too. A configuration ' +
        'that sets neither on a distribution or language image (`ubuntu`, `debian`, `python`...) runs as root and is flagged; images ' +
        'Bulkhead does not know are not. The quick fix sets `remoteUser` to the image\'s non-root user when one is known (the Dev ' +
        'Containers image\'s user, a user the Dockerfile creates with `useradd`/`adduser`, `node` in the official Node.js image).',
      references: ['https://docs.docker.com/reference/dockerfile/#user', 'https://docs.docker.com/engine/security/rootless/'],
    },
    messages: {
      missingUser: 'The final stage never sets a USER, so the container runs as root',
      rootUser: 'The final stage switches to root as its last USER; switch to an unprivileged user',
      composeRoot: 'Service "{service}" runs as root',
      devcontainerRoot: 'The dev container runs {what} as root ({setting}); use a non-root user',
      devcontainerDefaultRoot: 'The dev container runs as root: {why}, and neither remoteUser nor containerUser is set',
      stepDown:
        'The final stage sets no USER, so the container starts as root; it installs "{tool}", so check that its entrypoint drops to an unprivileged user, or set USER',
    },
    options: {
      nonRootImages: {
        type: 'string[]',
        default: ['gcr.io/distroless/*:nonroot', 'gcr.io/distroless/*:*-nonroot', 'gcr.io/distroless/*/*:nonroot', 'gcr.io/distroless/*/*:*-nonroot'],
        description: 'Base images (globs on `registry/repository:tag`) that already run as a non-root user, so a missing USER is fine.',
      },
    },
    examples: {
      bad: [
        { kind: 'dockerfile', code: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/python:1-3.12-bookworm",\n  "remoteUser": "root"\n}\n' },
      ],
      good: [
        {
          kind: 'dockerfile',
          code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
        },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/python:1-3.12-bookworm"\n}\n' },
      ],
    },
    aliases: {
      hadolint: ['DL3002'],
      trivy: ['DS-0002'],
      checkov: ['CKV_DOCKER_3', 'CKV_DOCKER_8'],
      kics: ['missing_user_instruction', 'last_user_is_root'],
      'compose-lint': ['CL-0018'],
      semgrep: ['missing-user', 'last-user-is-root'],
    },
  },
  dockerfile({ model, report, fix, options, uri, related }) {
    const stage = model.finalStage;
    if (!stage) return;
    const user = lastUser(stage);
    if (user) {
      const arg = user.args[0];
      if (!arg) return;
      const resolved = model.resolve(arg.value, user);
      if (resolved.unresolved.length === 0 && isRootUser(resolved.value)) {
        const change = leaveRoot(model, stage, user);
        report({ messageId: 'rootUser', range: arg.range, fixes: [fix(change.title, change.edits)] });
      }
      return;
    }
    const root = stageChain(stage).at(-1)!;
    const image = root.image;
    if (!image || root.unresolved.length > 0) return;
    // Windows has no root user as Linux knows it; images known to run as a non-root user need no USER.
    if (isWindowsDockerfile(model) || runsAsNonRoot(image)) return;
    const full = `${image.effectiveRegistry}/${image.repository.replace(/^library\//, '')}:${image.tag ?? 'latest'}`;
    const short = `${image.registry ? image.registry + '/' : ''}${image.repository.replace(/^library\//, '')}:${image.tag ?? 'latest'}`;
    const allowed = options.nonRootImages as string[];
    if (matchesAny(full, allowed) || matchesAny(short, allowed)) return;
    // A dev container's Dockerfile: the configuration next to it, or its Dev Containers base image, picks the user.
    const devcontainers = devcontainersBuilding(uri, related);
    if (devcontainers.some(namesNonRootUser) || (devcontainers.length > 0 && imageUser(image).kind === 'non-root')) return;
    const plan = userPlan(model, stage);
    const edit = insertBeforeStart(model, stage, inKeywordCase(model, stage, [...plan.create, `USER ${plan.user}`]));
    // The official images' pattern: start as root, fix ownership, then drop privileges in the entrypoint.
    const tool = stepDownTool(model, stage);
    if (tool) report({ messageId: 'stepDown', data: { tool }, range: stage.from.range, fixes: [fix(plan.title, [edit])] });
    else report({ messageId: 'missingUser', range: stage.from.range, fixes: [fix(plan.title, [edit])] });
  },
  devcontainer(ctx) {
    devcontainerUserCheck(ctx);
  },
  compose({ model, report }) {
    for (const service of model.services) {
      const entry = service.get('user');
      const text = scalarText(entry?.value);
      if (entry && text !== null && !text.includes('$') && isRootUser(text)) {
        report({ messageId: 'composeRoot', data: { service: service.name }, range: entry.range });
      }
    }
  },
});
