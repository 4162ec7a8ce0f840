import { matchesAny } from '../engine/glob';
import { defineRule } from '../engine/rule';
import { scalarText } from '../parse/compose-values';
import { stageChain } from '../parse/dockerfile';
import { isRootUser, lastUser, WINDOWS_BASE } from '../knowledge/users';

export default defineRule({
  meta: {
    id: 'non-root-user',
    practice: 4,
    title: 'Run as a non-root user',
    severity: 'warning',
    targets: ['dockerfile', 'compose'],
    docs: {
      summary:
        'The final stage of a Dockerfile never switches to a non-root `USER` (or switches back to root), or a Compose service sets `user: root`.',
      rationale:
        'Without a `USER`, the process runs as uid 0. Container root is the same uid as host root: one kernel bug or ' +
        'one mis-mounted path away from the host, and free to change every file in the image. Only the final stage ' +
        'matters: build stages may run as root because their filesystem is thrown away.',
      howToFix:
        'Create an unprivileged user and switch to it before `CMD`/`ENTRYPOINT`, preferably by numeric id so ' +
        'Kubernetes `runAsNonRoot` can verify it: `RUN useradd --uid 10001 --no-create-home app` then `USER 10001`. ' +
        'In Compose, drop `user: root` or set a numeric uid.',
      references: ['https://docs.docker.com/reference/dockerfile/#user', 'https://docs.docker.com/engine/security/rootless/'],
    },
    messages: {
      missingUser: 'The final stage never sets a USER, so the container runs as root',
      rootUser: 'The final stage switches to root as its last USER; switch to an unprivileged user',
      composeRoot: 'Service "{service}" runs as root',
    },
    options: {
      nonRootImages: {
        type: 'string[]',
        default: ['gcr.io/distroless/*:nonroot', 'gcr.io/distroless/*:*-nonroot', 'gcr.io/distroless/*/*:nonroot', 'gcr.io/distroless/*/*:*-nonroot'],
        description: 'Base images (globs on `registry/repository:tag`) that already run as a non-root user, so a missing USER is fine.',
      },
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n' }],
      good: [
        {
          kind: 'dockerfile',
          code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
        },
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
  dockerfile({ model, report, options }) {
    const stage = model.finalStage;
    if (!stage) return;
    const user = lastUser(stage);
    if (user) {
      const arg = user.args[0];
      if (!arg) return;
      const resolved = model.resolve(arg.value, user);
      if (resolved.unresolved.length === 0 && isRootUser(resolved.value)) {
        report({ messageId: 'rootUser', range: arg.range });
      }
      return;
    }
    const root = stageChain(stage).at(-1)!;
    const image = root.image;
    if (!image || root.unresolved.length > 0) return;
    if (WINDOWS_BASE.test(image.text)) return;
    const full = `${image.effectiveRegistry}/${image.repository.replace(/^library\//, '')}:${image.tag ?? 'latest'}`;
    const short = `${image.registry ? image.registry + '/' : ''}${image.repository.replace(/^library\//, '')}:${image.tag ?? 'latest'}`;
    const allowed = options.nonRootImages as string[];
    if (matchesAny(full, allowed) || matchesAny(short, allowed)) return;
    report({ messageId: 'missingUser', range: stage.from.range });
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
