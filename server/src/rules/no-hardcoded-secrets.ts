import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { defineRule } from '../rule-api/rule';
import { composeSecretFix, secretMountFix, type SecretFix } from '../fixes/secret-mount';
import { classifyNamedValue, findDsnPasswords, findSecretValues, findTokens, isSecretName, type SecretMatch } from '../knowledge/secrets';
import type { ComposeModel } from '../parse/compose';
import { scalarText } from '../parse/compose-values';

type MessageId = 'secretName' | 'composeSecret' | 'buildArgSecret' | 'defaultSecret' | 'secretToken' | 'urlPassword' | 'dsnPassword';
type Found = { messageId: MessageId; data: Record<string, string>; start: number; end: number; fix?: SecretFix | null };

/** Name findings, plus value findings not inside one of them (one report per secret), without duplicates. */
function merge(named: Found[], values: Found[]): Found[] {
  const inside = (v: Found) => named.some((n) => v.start >= n.start && v.end <= n.end);
  const seen = new Set<string>();
  return [...named, ...values.filter((v) => !inside(v))].filter((f) => {
    const key = `${f.start}:${f.end}:${f.messageId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function valueFound(m: SecretMatch, offset: number): Found {
  const messageId: MessageId = m.kind === 'url' ? 'urlPassword' : m.kind === 'dsn' ? 'dsnPassword' : 'secretToken';
  return { messageId, data: m.kind === 'token' ? { label: m.label } : {}, start: offset + m.start, end: offset + m.end };
}

/**
 * Every scalar under a node, aliases and merge keys resolved, depth bounded. Each node is visited
 * once (`seen`): an alias reaches the same nodes as its anchor, so a "billion laughs" file stays linear.
 */
function scalars(model: ComposeModel, node: Node | null, out: Node[], seen: Set<Node>, depth = 0): void {
  if (!node || depth > 16 || seen.has(node)) return;
  seen.add(node);
  if (isScalar(node)) out.push(node);
  else if (isSeq(node)) for (const i of model.items(node)) scalars(model, i, out, seen, depth + 1);
  else if (isMap(node)) for (const e of model.entriesOf(node).values()) scalars(model, e.value, out, seen, depth + 1);
}

/**
 * `environment` / `build.args` in map or list form as name, value and the offsets of the value
 * where it is written (in the anchored map when it arrives through `<<` or an alias).
 */
function variables(model: ComposeModel, node: Node | null): { name: string; value: string; start: number; end: number }[] {
  const out: { name: string; value: string; start: number; end: number }[] = [];
  if (isMap(node)) {
    for (const [name, e] of model.entriesOf(node)) {
      const offs = model.offsetsOf(e.value);
      const value = scalarText(e.value);
      if (offs && value !== null) out.push({ name, value, start: offs[0], end: offs[1] });
    }
    return out;
  }
  for (const n of model.items(node)) {
    const text = scalarText(n);
    const offs = model.offsetsOf(n);
    const eq = text?.indexOf('=') ?? -1;
    if (text === null || !offs || eq < 0) continue;
    const raw = model.text.slice(offs[0], offs[1]);
    const q = raw[0] === '"' || raw[0] === "'" ? 1 : 0;
    const exact = raw.slice(q, raw.length - q) === text;
    out.push({ name: text.slice(0, eq), value: text.slice(eq + 1), start: exact ? offs[0] + q + eq + 1 : offs[0], end: exact ? offs[1] - q : offs[1] });
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'no-hardcoded-secrets',
    practice: 14,
    title: 'Do not write secrets into Dockerfiles or Compose files',
    severity: 'error',
    kind: 'risk',
    severityReason: 'An error: a credential written in the file is in every clone, image and log that carries it.',
    targets: ['dockerfile', 'compose'],
    fix: 'suggestion',
    docs: {
      summary:
        'A secret-shaped variable (`DB_PASSWORD`, `API_KEY`, `GITHUB_TOKEN`, `NEXUS_PSW`, `NPM_AUTH`...) gets a literal value in `ENV`, `ARG`, ' +
        'Compose `environment` or `build.args`, or a known token format (AWS, GitHub, GitLab, Slack, Stripe, Google, npm, SendGrid, ' +
        'PEM private keys), a `user:password@` URL (also `redis://:password@`, `mongodb+srv://`, `amqp://`) or a connection string ' +
        'with a password (`Server=db;User Id=sa;Password=...`, `host=db password=...`, `?password=`) appears in an instruction, a ' +
        'variable, a label or a service value. A `${VAR:-default}` whose default is a secret is reported as a default secret, a warning.',
      rationale:
        'Anything written in a Dockerfile or Compose file is in the repository history, in every clone and CI log, and ' +
        '(for `ENV`, `ARG`, `LABEL` and `RUN`) in the image layers and metadata that `docker history` and `docker inspect` ' +
        'show to anyone who can pull the image. A secret there is already disclosed. Default passwords such as ' +
        '`POSTGRES_PASSWORD: example` count too: copied examples end up in production. A fallback (`${DB_PASSWORD:-example}`) is ' +
        'only used when nobody sets the variable, which is how it slips into production unnoticed. References (`${DB_PASSWORD}`, ' +
        '`$TOKEN`, Compose\'s escaped `$${TOKEN}`), paths to secret files (`/run/secrets/db`), switches (`MYSQL_ALLOW_EMPTY_PASSWORD: "yes"`), ' +
        'names that qualify a secret (`PASSWORD_FILE`, `TOKEN_URL`, `NEXT_PUBLIC_API_KEY`, `GPG_KEY`), access keys that name a user ' +
        '(`MINIO_ACCESS_KEY`), numbers given to settings about a secret (`TOKEN_USAGE_RETENTION: 30`) and mechanisms named by `*_AUTH` ' +
        'settings (`KAFKA_SSL_CLIENT_AUTH: required`) are not reported, nor are placeholders (`<token>`, `xxxx`) and JSON Web Tokens. ' +
        'Token formats are also looked for in Dockerfile comments. A secret shared by several services through an anchor or merge ' +
        'key is reported once, where it is written.',
      howToFix:
        'Revoke and rotate the secret first: it is already exposed. Then pass it at run time: Compose `secrets:` mounted ' +
        'at `/run/secrets/<name>` with the image reading `*_FILE` variables, or `${VAR}` interpolation from an untracked ' +
        '`.env` file. For builds, use BuildKit secret mounts: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci` ' +
        'with `docker build --secret id=npm_token,env=NPM_TOKEN` or Compose `build.secrets`.\n\n' +
        'Quick fixes (offered one at a time; the secret must then be supplied from outside the file): a Dockerfile `ARG`/`ENV` ' +
        'is removed and every `RUN` of its scope that reads `$NAME` gets `--mount=type=secret,id=<name>,env=<NAME>` ' +
        '(Dockerfile syntax 1.10 or later; not offered under an older pinned `# syntax=`); build with `docker build --secret id=<name>,env=<NAME>` after exporting the ' +
        'value, and move anything the running container needs to run-time configuration. It is not offered when no `RUN` ' +
        'reads the variable or another instruction does. A Compose `environment` entry becomes `<NAME>_FILE: /run/secrets/<name>` ' +
        'with `secrets: [<name>]` on the service and a top-level `secrets.<name>.file: ./secrets/<name>.txt` (put the value ' +
        'there and keep the file out of version control); this only works for images that read `*_FILE` variables, such as ' +
        'the official `postgres`, `mysql` and `mariadb` images. Token formats and passwords in URLs have no automatic fix.',
      references: [
        'https://docs.docker.com/build/building/secrets/',
        'https://docs.docker.com/compose/how-tos/use-secrets/',
        'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/',
      ],
    },
    messages: {
      secretName: '"{name}" gets a hardcoded value in the file; pass the secret at run time or as a BuildKit secret instead',
      composeSecret: '"{name}" gets a hardcoded value in the Compose file; pass it at run time from a Compose secret or an untracked .env file',
      buildArgSecret: 'Build argument "{name}" gets a hardcoded value in the Compose file; pass it as a build secret (build.secrets) instead',
      defaultSecret: '"{name}" falls back to a value written in the file when the variable is unset; drop the default so a missing secret stops the deployment',
      secretToken: 'This is {label} in plain text; revoke it and pass it at run time or as a build secret instead',
      urlPassword: 'This URL embeds a password; move the credentials out of the file and pass them as a secret',
      dsnPassword: 'This connection string embeds a password; move it out of the file and pass it as a secret',
    },
    messageSeverity: { defaultSecret: 'warning' },
    examples: {
      bad: [
        { kind: 'dockerfile', code: 'FROM alpine:3.20\nENV DB_PASSWORD=hunter2\n' },
        { kind: 'compose', code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example\n' },
      ],
      good: [
        { kind: 'dockerfile', code: 'FROM alpine:3.20\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\nENV DB_PASSWORD_FILE=/run/secrets/db\n' },
        {
          kind: 'compose',
          code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n    secrets: [db]\nsecrets:\n  db:\n    file: ./db.txt\n',
        },
      ],
    },
    aliases: {
      trivy: ['DS-0031'],
      'compose-lint': ['CL-0020', 'CL-0021'],
      buildkit: ['SecretsUsedInArgOrEnv'],
      hadolint: ['DL3064'],
      kics: ['passwords_and_secrets'],
      semgrep: ['detected-username-and-password-in-uri'],
    },
  },
  dockerfile({ model, report, fix }) {
    const named: Found[] = [];
    const values: Found[] = [];
    for (const top of model.instructions) {
      for (const instr of top.trigger ? [top, top.trigger] : [top]) {
        if (instr.keyword !== 'ENV' && instr.keyword !== 'ARG' && instr.keyword !== 'LABEL') continue;
        for (const p of instr.properties) {
          if (!p.valueRange || p.value === null) continue;
          const start = model.offset(p.valueRange.start);
          const end = model.offset(p.valueRange.end);
          // Connection strings: `ENV ConnectionStrings__Db="Server=db;Password=x"`, offsets found in the value as written.
          const raw = model.text.slice(start, end);
          for (const m of findDsnPasswords(raw)) values.push(valueFound(m, start));
          if (instr.keyword === 'LABEL' || !isSecretName(p.name)) continue;
          const kind = classifyNamedValue(p.name, p.value);
          if (kind === 'default') named.push({ messageId: 'defaultSecret', data: { name: p.name }, start, end });
          if (kind !== 'literal') continue;
          const fix = instr === top ? secretMountFix(model, instr, p) : null;
          named.push({ messageId: 'secretName', data: { name: p.name }, start, end, fix });
        }
      }
      const text = model.text.slice(top.start, top.end);
      for (const m of findSecretValues(text)) values.push(valueFound(m, top.start));
    }
    // Comments reach the repository, not the image: only the unmistakable token formats count there.
    for (const c of model.comments) {
      const start = model.offset(c.range.start);
      for (const m of findTokens(model.text.slice(start, model.offset(c.range.end)))) values.push(valueFound(m, start));
    }
    for (const f of merge(named, values)) report({ messageId: f.messageId, data: f.data, range: model.range(f.start, f.end), fixes: f.fix ? [fix(f.fix.title, f.fix.edits)] : [] });
  },
  compose({ model, report, fix }) {
    const named: Found[] = [];
    const values: Found[] = [];
    const seen = new Set<Node>();
    for (const service of model.services) {
      const build = service.get('build')?.value ?? null;
      const args = isMap(build) ? (model.entriesOf(build).get('args')?.value ?? null) : null;
      const env = variables(model, service.get('environment')?.value ?? null).map((v) => ({ ...v, env: true }));
      for (const v of [...env, ...variables(model, args).map((a) => ({ ...a, env: false }))]) {
        if (!isSecretName(v.name)) continue;
        const kind = classifyNamedValue(v.name, v.value);
        if (kind === 'default') named.push({ messageId: 'defaultSecret', data: { name: v.name }, start: v.start, end: v.end });
        if (kind !== 'literal') continue;
        const fix = v.env ? composeSecretFix(model, service, v.name) : null;
        named.push({ messageId: v.env ? 'composeSecret' : 'buildArgSecret', data: { name: v.name }, start: v.start, end: v.end, fix });
      }
      for (const v of [...env, ...variables(model, service.get('labels')?.value ?? null)]) {
        for (const m of findDsnPasswords(model.text.slice(v.start, v.end))) values.push(valueFound(m, v.start));
      }
      const nodes: Node[] = [];
      for (const entry of service.entries.values()) scalars(model, entry.value, nodes, seen);
      for (const n of nodes) {
        const offs = model.offsetsOf(n);
        if (offs) for (const m of findSecretValues(model.text.slice(offs[0], offs[1]))) values.push(valueFound(m, offs[0]));
      }
    }
    for (const f of merge(named, values)) report({ messageId: f.messageId, data: f.data, range: model.index.range(f.start, f.end), fixes: f.fix ? [fix(f.fix.title, f.fix.edits)] : [] });
  },
});
