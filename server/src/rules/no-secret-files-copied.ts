import { defineRule } from '../rule-api/rule';
import { secretFileKind } from '../knowledge/secrets';
import type { DfInstruction, DockerfileModel } from '../parse/dockerfile';

interface Source {
  value: string;
  start: number;
  end: number;
}

/**
 * The double-quoted strings of a JSON-form argument list, in one pass: a string left open ends at
 * the line end and is skipped (a regular expression would retry from every later quote: quadratic).
 */
function jsonStrings(raw: string): { index: number; body: string }[] {
  const out: { index: number; body: string }[] = [];
  const eol = (c: string | undefined) => c === '\n' || c === '\r';
  for (let i = raw.indexOf('"'); i >= 0; i = raw.indexOf('"', i)) {
    let j = i + 1;
    while (j < raw.length && raw[j] !== '"' && !eol(raw[j])) j += raw[j] === '\\' && j + 1 < raw.length && !eol(raw[j + 1]) ? 2 : 1;
    if (raw[j] === '"') {
      out.push({ index: i, body: raw.slice(i + 1, j) });
      j++;
    }
    i = j;
  }
  return out;
}

/** The source arguments of COPY/ADD: every argument but the destination, in shell or JSON form, before any heredoc body. */
function sources(model: DockerfileModel, instr: DfInstruction): Source[] {
  const bodyStart = instr.heredocs.length > 0 ? instr.heredocs[0].contentStart : instr.end;
  const raw = model.text.slice(instr.argsStart, bodyStart);
  let args: Source[];
  if (raw.trimStart().startsWith('[')) {
    args = [];
    for (const m of jsonStrings(raw)) {
      const start = instr.argsStart + m.index + 1;
      let value = m.body;
      try {
        value = JSON.parse(`"${m.body}"`) as string;
      } catch {
        // keep the text as written
      }
      args.push({ value, start, end: start + m.body.length });
    }
  } else {
    args = instr.args.filter((a) => a.start < bodyStart).map((a) => ({ value: a.value, start: a.start, end: a.end }));
  }
  return args.slice(0, -1).filter((a) => !a.value.startsWith('<<') && !/^[a-z][a-z0-9+.-]*:\/\//i.test(a.value) && !a.value.startsWith('git@'));
}

export default defineRule({
  meta: {
    id: 'no-secret-files-copied',
    practice: 14,
    title: 'Do not copy secret files into the image',
    severity: 'error',
    kind: 'risk',
    severityReason: 'An error: a key or credentials file copied into a layer can be extracted by anyone who pulls the image.',
    targets: ['dockerfile'],
    docs: {
      summary:
        '`COPY` or `ADD` names a credentials file as a source: an SSH private key, a `.ssh`/`.aws`/`.kube` directory, a `.env` ' +
        'file, a private key or key store (`*.key`, `*key.pem`, `*.p12`, `*.pfx`, `*.jks`), `.npmrc`, `.pypirc`, `.netrc`, ' +
        '`.git-credentials`, `.docker/config.json`, `credentials.json`, a service account key, a kubeconfig or `.htpasswd`.',
      rationale:
        'Every `COPY` is a layer, and a layer is a tar file anyone with pull access can extract. Deleting the file in a later ' +
        '`RUN rm` only hides it from the final filesystem; the layer that added it still ships. Copying from another stage ' +
        '(`COPY --from=build /root/.ssh/id_rsa ...`) is reported too: the secret still lands in this image. Even in a build ' +
        'stage that is not shipped, the file stays in the build cache and in any cache exported to a registry. ' +
        'Templates (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`), public keys (`*.pub`), `known_hosts`, ' +
        '`authorized_keys` and certificates (`cert.pem`, `fullchain.pem`, `*.crt`) are not reported; neither is a bare `*.pem` glob.',
      howToFix:
        'Mount the secret only for the step that needs it: `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci` or ' +
        '`RUN --mount=type=ssh git clone ...`, passing it with `docker build --secret id=npmrc,src=.npmrc` / `--ssh default`. ' +
        'Runtime secrets (TLS keys, `.env`) belong in a volume, a Compose `secrets:` entry or the orchestrator, not in the image. ' +
        'List such files in `.dockerignore` so `COPY . .` cannot pick them up either. There is no automatic fix: where the ' +
        'secret should come from (a build secret, a volume, the orchestrator) depends on what reads it.',
      references: [
        'https://docs.docker.com/build/building/secrets/',
        'https://docs.docker.com/build/concepts/context/#dockerignore-files',
        'https://docs.docker.com/reference/dockerfile/#run---mounttypesecret',
      ],
    },
    messages: {
      secretFile: '"{source}" is {kind}; copying it stores the secret in an image layer, so mount it as a build secret instead',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM node:22.11.0\nCOPY .npmrc package.json ./\nRUN npm ci\n' }],
      good: [
        {
          kind: 'dockerfile',
          code: 'FROM node:22.11.0\nCOPY package.json .env.example ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
        },
      ],
    },
    aliases: {
      trivy: ['DS-0031'],
    },
  },
  dockerfile({ model, report }) {
    for (const top of model.instructions) {
      const instr = top.trigger ?? top;
      if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
      for (const src of sources(model, instr)) {
        const resolved = src.value.includes('$') ? model.resolve(src.value, top) : { value: src.value, unresolved: [] };
        if (resolved.unresolved.length > 0) continue;
        const kind = secretFileKind(resolved.value);
        if (kind) report({ messageId: 'secretFile', data: { source: resolved.value, kind }, range: model.range(src.start, src.end) });
      }
    }
  },
});
