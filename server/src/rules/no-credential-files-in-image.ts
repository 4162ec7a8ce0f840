import { entryOf } from '../core/entry';
import { defineRule } from '../rule-api/rule';
import { copiedPaths, copyOf, CREDENTIAL_FILE_VARIABLES, CopyIndex, type CopiedPaths, type CopyMatch } from '../knowledge/credential-files';
import { isExcluded, parseDockerignore } from '../knowledge/dockerignore';
import { dirName, isAbsolutePath, normalizePath, resolvePath } from '../knowledge/file-paths';
import { stageChain } from '../parse/dockerfile';

/** The longest path Linux takes (bytes, with the NUL): a working directory cannot be longer. */
const PATH_MAX = 4096;

export default defineRule({
  meta: {
    id: 'no-credential-files-in-image',
    practice: 14,
    title: 'Do not ship the credentials file a variable points at',
    severity: 'error',
    kind: 'risk',
    severityReason: 'A credentials file copied into the image can be read by anyone who can pull it; an error when copied by name, a warning when it may be inside a copied folder.',
    targets: ['dockerfile'],
    docs: {
      summary:
        'An `ENV` of the final image points a tool at its credentials file (`GOOGLE_APPLICATION_CREDENTIALS`, ' +
        '`AWS_SHARED_CREDENTIALS_FILE`, `AWS_WEB_IDENTITY_TOKEN_FILE`, `KUBECONFIG`, `DOCKER_CONFIG`, `AZURE_AUTH_LOCATION`, ' +
        '`CLOUDSDK_CONFIG`, `PGPASSFILE`, `ANSIBLE_VAULT_PASSWORD_FILE`...) and a `COPY`/`ADD` from the build context puts that ' +
        'file in the image: by name (an error), or as part of a copied directory such as `COPY . .` that `.dockerignore` does not ' +
        'exclude it from (a warning).',
      rationale:
        'The variable says the file holds credentials, and the copy puts it in a layer: anyone who can pull the image extracts it ' +
        'with `docker save` or by starting a shell, and deleting it later in the Dockerfile does not remove it from the earlier ' +
        'layer. A file whose name looks harmless (`key.json`, `config`) escapes the name-based checks of `no-secret-files-copied` ' +
        'and `dockerignore-secrets`; the variable gives it away. A variable that points at a path the image does not fill (a ' +
        'volume or a secret mounted when the container starts) is fine and is not reported.',
      howToFix:
        'Give the container its credentials when it starts: mount the file as a Compose or Kubernetes secret (for example at ' +
        '`/run/secrets/gcp-key.json`) and point the variable there, or use the platform\'s workload identity so no key file is ' +
        'needed. If a build step needs the credentials, use `RUN --mount=type=secret,id=gcp,target=/run/secrets/gcp.json`. ' +
        'Add the file to `.dockerignore` so `COPY . .` cannot pick it up again.',
      references: [
        'https://docs.docker.com/build/building/secrets/',
        'https://docs.docker.com/compose/how-tos/use-secrets/',
        'https://cloud.google.com/docs/authentication/application-default-credentials',
      ],
    },
    messages: {
      named: '"{name}" points at "{path}" ({what}), and line {line} copies that file into the image: anyone who pulls the image can read it',
      directory:
        '"{name}" points at "{path}" ({what}), inside the directory that line {line} copies from the build context, and no .dockerignore excludes it: the credentials would ship in the image',
    },
    messageSeverity: { directory: 'warning' },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY service-key.json requirements.txt ./\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/service-key.json\n' }],
      good: [{ kind: 'dockerfile', code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nENV GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp-key.json\n' }],
    },
    aliases: {},
  },
  dockerfile({ model, report, uri, related }) {
    const final = model.finalStage;
    if (!final) return;
    const instrs = stageChain(final).reverse().flatMap((s) => s.instructions).filter((i) => !i.trigger);
    // WORKDIR in effect at each instruction, and every copy from the build context.
    const copies: CopiedPaths[] = [];
    let workdir = '/';
    for (const i of instrs) {
      if (i.keyword === 'WORKDIR' && i.args[0]) {
        workdir = normalizePath(resolvePath(workdir, model.resolve(i.args[0].value, i).value));
        // Relative WORKDIRs add up, and each step copies the whole path: 100,000 `WORKDIR a` lines
        // would be quadratic. A path longer than Linux's PATH_MAX cannot be made the working
        // directory, so the image does not build, and there is nothing to report.
        if (workdir.length > PATH_MAX) return;
      }
      const copy = copiedPaths(model, i, workdir);
      if (copy) copies.push(copy);
    }
    const ignore = dockerignore(uri, related);
    // Looked up by where each copy puts files: thousands of copies and variables stay linear.
    const index = new CopyIndex(copies);
    for (const i of instrs) {
      if (i.keyword !== 'ENV') continue;
      for (const p of i.properties) {
        const spec = entryOf(CREDENTIAL_FILE_VARIABLES, p.name);
        if (!spec || p.value === null) continue;
        const resolved = model.resolve(p.value, i);
        const home = resolved.unresolved.every((n) => n === 'HOME') ? model.resolve(p.value.replace(/\$\{?HOME\}?/g, '/root'), i) : resolved;
        if (home.unresolved.length > 0) continue;
        // KUBECONFIG may list several files.
        for (const one of home.value.split(':').filter((x) => x.trim() !== '')) {
          // A relative path is read from the working directory the container starts in.
          const dir = resolvePath(workdir, one.trim());
          const path = spec.file ? normalizePath(`${dir}/${spec.file}`) : dir;
          // No file can have a longer path (and listing the folders above one costs its length times its depth).
          if (path.length > PATH_MAX) continue;
          const match = index
            .candidates(path)
            .map((c) => copyOf(c, path))
            .find((m): m is CopyMatch => m !== null && !(ignore && isExcluded(m.contextPath, ignore)));
          if (!match) continue;
          const data = { name: p.name, path: one.trim(), what: spec.what, line: match.copy.instr.range.start.line + 1 };
          report({ messageId: match.how, data, range: p.range });
        }
      }
    }
  },
});

/** The `.dockerignore` next to the Dockerfile (`<Dockerfile>.dockerignore` first), when the caller can read files. */
function dockerignore(uri: string | undefined, related: { read(path: string): string | undefined } | undefined) {
  if (!uri || !related || !isAbsolutePath(uri)) return null;
  const text = related.read(`${normalizePath(uri)}.dockerignore`) ?? related.read(resolvePath(dirName(uri), '.dockerignore'));
  return text === undefined ? null : parseDockerignore(text);
}
