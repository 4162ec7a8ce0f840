import { defineRule } from '../rule-api/rule';
import { secretMountFix } from '../fixes/secret-mount';
import { classifyValue, isSecretName, referencedNames } from '../knowledge/secrets';
import { environment, path } from '../parse/compose-values';
import type { DfInstruction } from '../parse/dockerfile';

/**
 * For each ENV, the ARG names declared before it in its stage: the build arguments it can read.
 * One pass per stage, so a stage with thousands of ARG and ENV lines stays linear.
 */
function argsBeforeEachEnv(instrs: readonly DfInstruction[]): Map<DfInstruction, ReadonlySet<string>> {
  const out = new Map<DfInstruction, ReadonlySet<string>>();
  const seen = new Map<unknown, Set<string>>();
  for (const i of instrs) {
    let names = seen.get(i.stage);
    if (!names) seen.set(i.stage, (names = new Set()));
    if (i.keyword === 'ARG') for (const p of i.properties) names.add(p.name);
    // ENV lines with a secret-shaped name are few: copy the set only for them.
    else if (i.keyword === 'ENV' && i.properties.some((p) => isSecretName(p.name))) out.set(i, new Set(names));
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'no-secret-build-args',
    practice: 14,
    title: 'Do not pass secrets as build arguments',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'A secret passed as a build argument ends up in the image history and provenance, readable by anyone who pulls the image.',
    targets: ['dockerfile', 'compose'],
    fix: 'suggestion',
    docs: {
      summary:
        'A secret-shaped `ARG` (`ARG NPM_TOKEN`) is declared to receive a value at build time, an `ENV` copies a build argument ' +
        'into a secret-shaped variable (`ENV NPM_TOKEN=$NPM_TOKEN`), or a Compose `build.args` entry passes a secret-shaped ' +
        'variable from the environment.',
      rationale:
        'Build arguments are not secret storage. Their values show up in `docker history` for every `RUN` that sees them, in ' +
        'the build provenance attached to the image, and in CI logs; an `ENV` that copies one bakes it into the image config, ' +
        'where `docker inspect` and every process in the container can read it. The value is not in the file, so ' +
        '`no-hardcoded-secrets` cannot see it, but it still ends up in the image. Arguments with a literal value are left ' +
        'to that rule, so each problem is reported once.',
      howToFix:
        'Use a BuildKit secret, which is mounted for one `RUN` only and never stored in a layer: ' +
        '`RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci`, built with `docker build --secret id=npm_token,env=NPM_TOKEN`. ' +
        'In Compose, move the entry from `build.args` to `build.secrets` and declare it under the top-level `secrets:` ' +
        '(`environment: NPM_TOKEN` or `file: ./npm_token.txt`). If the running container needs the secret, give it at run time ' +
        'with Compose `secrets:` instead of `ENV`. The quick fix does the Dockerfile part: it removes the `ARG` or `ENV` ' +
        '(just that variable when the instruction sets several) and adds `--mount=type=secret,id=<name>,env=<NAME>` to each ' +
        '`RUN` of its scope that reads `$NAME` (Dockerfile syntax 1.10 or later; not offered under an older pinned `# syntax=`); then build with ' +
        '`docker build --secret id=<name>,env=<NAME>`. It is offered one at a time, and not when no `RUN` reads the variable ' +
        'or another instruction does (an `ENV` that copies an `ARG` must go first). Compose `build.args` have no automatic fix.',
      references: [
        'https://docs.docker.com/build/building/secrets/',
        'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/',
        'https://docs.docker.com/reference/compose-file/build/#secrets',
      ],
    },
    messages: {
      arg: 'Build argument "{name}" looks like a secret; build argument values are kept in the image history and provenance, so use a secret mount',
      env: 'ENV "{name}" copies the build argument "{arg}" into the image, where anyone who can pull it can read it; use a secret mount',
      composeArg: 'Service "{service}" passes the secret "{name}" as a build argument, which the image history keeps; use build.secrets',
    },
    examples: {
      bad: [
        { kind: 'dockerfile', code: 'FROM node:22.11.0\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > .npmrc && npm ci\n' },
        { kind: 'compose', code: 'services:\n  app:\n    build:\n      context: .\n      args:\n        NPM_TOKEN: ${NPM_TOKEN}\n' },
      ],
      good: [
        { kind: 'dockerfile', code: 'FROM node:22.11.0\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n' },
        {
          kind: 'compose',
          code: 'services:\n  app:\n    build:\n      context: .\n      secrets: [npm_token]\nsecrets:\n  npm_token:\n    environment: NPM_TOKEN\n',
        },
      ],
    },
    aliases: {
      buildkit: ['SecretsUsedInArgOrEnv'],
      hadolint: ['DL3064'],
      semgrep: ['secret-in-build-arg'],
    },
  },
  dockerfile({ model, report, fix }) {
    const argsAt = argsBeforeEachEnv(model.instructions);
    for (const top of model.instructions) {
      const instr = top.trigger ?? top;
      if (instr.keyword === 'ARG') {
        for (const p of instr.properties) {
          const kind = classifyValue(p.value);
          if ((kind === 'none' || kind === 'reference') && isSecretName(p.name)) {
            const move = top.trigger ? null : secretMountFix(model, top, p);
            report({ messageId: 'arg', data: { name: p.name }, range: p.nameRange, fixes: move ? [fix(move.title, move.edits)] : [] });
          }
        }
      } else if (instr.keyword === 'ENV') {
        const args = argsAt.get(top) ?? new Set<string>();
        for (const p of instr.properties) {
          if (!p.value || classifyValue(p.value) !== 'reference' || !isSecretName(p.name)) continue;
          const arg = referencedNames(p.value).find((n) => args.has(n));
          if (!arg) continue;
          const move = top.trigger ? null : secretMountFix(model, top, p);
          report({ messageId: 'env', data: { name: p.name, arg }, range: p.nameRange, fixes: move ? [fix(move.title, move.edits)] : [] });
        }
      }
    }
  },
  compose({ model, report }) {
    for (const service of model.services) {
      for (const v of environment(model, path(model, service.get('build'), 'args'))) {
        if ((v.value === null || classifyValue(v.value) === 'reference') && isSecretName(v.name)) {
          report({ messageId: 'composeArg', data: { service: service.name, name: v.name }, range: v.range });
        }
      }
    }
  },
});
