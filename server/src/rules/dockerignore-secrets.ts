import { defineRule } from '../rule-api/rule';
import type { Fix, RelatedFiles, TextEdit } from '../core/types';
import { isExcluded, parseDockerignore } from '../knowledge/dockerignore';
import { dirName, fileName, isAbsolutePath, normalizePath, resolvePath } from '../knowledge/file-paths';
import { stageChain, type DfInstruction, type DockerfileModel, type Token } from '../parse/dockerfile';
import { exposedSecrets } from '../knowledge/context-secrets';
import { LineIndex } from '../core/positions';

/** What `.dockerignore` should exclude: the line to add, its name in messages, and sample paths it must cover. */
const ENTRIES = [
  { line: '.git', label: '.git', probes: ['.git/config'] },
  { line: '**/.env', label: '.env', probes: ['.env'] },
  { line: '**/.env.*', label: '.env.*', probes: ['.env.local'] },
  { line: '**/*.pem', label: '*.pem', probes: ['key.pem'] },
  { line: '**/*.key', label: '*.key', probes: ['server.key'] },
  { line: '**/*.p12', label: '*.p12', probes: ['keystore.p12'] },
  { line: '**/id_rsa*', label: 'id_rsa*', probes: ['id_rsa'] },
  { line: '**/id_ed25519*', label: 'id_ed25519*', probes: ['id_ed25519'] },
  { line: '**/.npmrc', label: '.npmrc', probes: ['.npmrc'] },
  { line: '**/.aws', label: '.aws', probes: ['.aws/credentials'] },
  { line: '**/.ssh', label: '.ssh', probes: ['.ssh/id_rsa'] },
];
type IgnoreEntry = (typeof ENTRIES)[number];
/** The usual key and env files: a `.dockerignore` that excludes these is fine when the context cannot be listed. */
const USUAL = new Set(['**/.env', '**/.env.*', '**/*.pem', '**/*.key', '**/id_rsa*']);

/** Build steps that read the Git repository, so `.git` must stay in the context. */
const READS_GIT = /(^|[\s/=,"'])\.git([\s/,"']|$)|\bgit\s+(describe|rev-parse|rev-list|log|show|status|diff|tag|submodule|ls-files)\b|setuptools[-_]scm|hatch-vcs|versioningit/;
const HEADER = '# Keep secrets and repository data out of the build context';
/** How far up the tree to look for a `.dockerignore` that suggests the context is a parent directory. */
const MAX_PARENTS = 8;

/** The source arguments of a COPY/ADD that reads the build context (no `--from`), before any heredoc. */
function contextSources(instr: DfInstruction): Token[] {
  if ((instr.keyword !== 'COPY' && instr.keyword !== 'ADD') || instr.flag('from')) return [];
  const bodyStart = instr.heredocs.length > 0 ? instr.heredocs[0].contentStart : instr.end;
  const args = instr.json ?? instr.args.filter((a) => a.start < bodyStart);
  return args.slice(0, -1).filter((a) => !a.value.startsWith('<<') && !/^[a-z][a-z0-9+.-]*:\/\//i.test(a.value));
}

/** `.`, `./`, `*`, `./*`, `/`: the whole context. */
const isWholeContext = (source: string) => ['.', '*', '**', '/'].includes(normalizePath(source));

/** Entries the Dockerfile itself needs: a file it copies by name, or `.git` for a build that reads the repository. */
function needed(model: DockerfileModel, sources: string[], e: IgnoreEntry): boolean {
  if (e.line === '.git' && model.all('RUN').some((r) => READS_GIT.test(r.argsText))) return true;
  const single = parseDockerignore(e.line);
  return sources.some((s) => isExcluded(s, single));
}

function hasParentDockerignore(dir: string, related: RelatedFiles): boolean {
  let d = dir;
  for (let i = 0; i < MAX_PARENTS && dirName(d) !== d; i++) {
    d = dirName(d);
    if (related.read(resolvePath(d, '.dockerignore')) !== undefined) return true;
  }
  return false;
}

/** Appends lines to a file's text, after a line break when it does not end with one. */
function appendEdit(text: string, lines: string[]): TextEdit {
  const index = new LineIndex(text);
  const eol = index.eol;
  const end = index.positionAt(text.length);
  const lead = text === '' || /[\r\n]$/.test(text) ? '' : eol;
  return { range: { start: end, end }, newText: lead + [HEADER, ...lines].map((l) => l + eol).join('') };
}

export default defineRule({
  meta: {
    id: 'dockerignore-secrets',
    practice: 14,
    title: 'Keep secrets out of the build context',
    severity: 'warning',
    kind: 'risk',
    adviceMessages: ['noIgnoreBuildStage', 'exposedBuildStage', 'unverified'],
    severityReason:
      'A warning when a secret-looking file that is in the build context is not excluded, or there is no `.dockerignore` at all; when Bulkhead cannot list the context, or the copy stays in a build stage, it is advice (a hint).',
    targets: ['dockerfile'],
    fix: 'suggestion',
    docs: {
      summary:
        '`COPY . …` or `ADD . …` (also `./`, `*`) copies the whole build context while no `.dockerignore` keeps secrets out. ' +
        'Where the context can be listed (the CLI, the desktop editor), it reports the secret-looking files that are there and not ' +
        'excluded (`.env`, private keys, `.npmrc`, `.git`, `.aws`, `.ssh`...); where it cannot (the browser), a `.dockerignore` that ' +
        'excludes the usual key and env files (`.env`, `.env.*`, `*.pem`, `*.key`, `id_rsa*`) is enough, and a thinner one gets a hint. ' +
        'A copy into a build stage whose files never reach the final image is advice (a hint), not a warning.',
      rationale:
        'Copying the whole context takes every file in the project directory, including the ones nobody meant to ship: a local ' +
        '`.env` with production passwords, a deploy key, an `.npmrc` with a registry token, or `.git`, whose history keeps every ' +
        'secret ever committed. Once in a layer, anyone who can pull the image can extract them, even if a later step deletes ' +
        'them. The `.dockerignore` next to the Dockerfile (or `<Dockerfile>.dockerignore`, which BuildKit prefers) is read with ' +
        'its comments, `!` exceptions and `**` patterns; files the Dockerfile copies by name, and `.git` for builds that run ' +
        '`git describe` and the like, are not asked for. When there is no `.dockerignore` here but a parent directory has one, ' +
        'the build context is probably that directory and nothing is reported.',
      howToFix:
        'Create a `.dockerignore` next to the Dockerfile, or add the missing entries, for example `.git`, `**/.env`, `**/.env.*`, ' +
        '`**/*.pem`, `**/*.key`, `**/.npmrc`. Better still, start it with `*` and re-include only what the build needs ' +
        '(`!src`, `!package.json`). Pass secrets the build needs with `RUN --mount=type=secret`.',
      references: [
        'https://docs.docker.com/build/concepts/context/#dockerignore-files',
        'https://docs.docker.com/build/building/secrets/',
        'https://docs.docker.com/build/checks/#copyignoredfile',
      ],
    },
    messages: {
      noIgnore: '"{copy}" copies the whole build context and there is no .dockerignore, so files such as .env, .git and private keys end up in the image',
      noIgnoreBuildStage:
        '"{copy}" copies the whole build context into the build stage {stage} and there is no .dockerignore; its files stay out of the final image but reach the builder and its cache',
      exposed: '"{copy}" copies the whole build context, and "{file}" does not exclude {found}, which it holds; they end up in the image',
      exposedBuildStage: '"{copy}" copies the whole build context into the build stage {stage}, and "{file}" does not exclude {found}, which it holds; they reach the builder and its cache',
      unverified: '"{copy}" copies the whole build context and "{file}" does not exclude {entries}',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM node:22.11.0\nWORKDIR /app\nCOPY . .\nRUN npm ci\n' }],
      good: [{ kind: 'dockerfile', code: 'FROM node:22.11.0\nWORKDIR /app\nCOPY package.json package-lock.json ./\nCOPY src ./src\nRUN npm ci\n' }],
    },
    aliases: { trivy: ['DS-0031'] },
  },
  dockerfile({ model, report, fix, uri, related }) {
    if (!related || !uri || !isAbsolutePath(uri)) return;
    const sources = model.instructions.flatMap((i) => contextSources(i).map((s) => ({ i, s, value: model.resolve(s.value, i) })));
    const known = sources.filter((x) => x.value.unresolved.length === 0);
    const copies = known.filter((x) => isWholeContext(x.value.value));
    if (copies.length === 0) return;
    const dir = dirName(uri);
    const own = `${normalizePath(uri)}.dockerignore`;
    const shared = resolvePath(dir, '.dockerignore');
    const ownText = related.read(own);
    const path = ownText !== undefined ? own : shared;
    const text = ownText ?? related.read(shared);
    if (text === undefined && hasParentDockerignore(dir, related)) return;
    const named = known.map((x) => x.value.value).filter((v) => !isWholeContext(v));
    const patterns = parseDockerignore(text ?? '');
    const missing = ENTRIES.filter((e) => !needed(model, named, e) && e.probes.some((p) => !isExcluded(p, patterns)));
    // Where the context can be listed, what is really there decides; otherwise the usual key and env files.
    const scan = text !== undefined && related.list ? exposedSecrets(dir, (d) => related.list!(d), patterns, (rel) => needsPath(model, named, rel)) : null;
    if (text !== undefined) {
      if (scan?.complete && scan.exposed.length === 0) return;
      if (!scan?.exposed.length && missing.every((e) => !USUAL.has(e.line))) return;
    }
    if (missing.length === 0 && !scan?.exposed.length) return;
    const lines = missing.map((e) => e.line);
    const labels = missing.map((e) => e.label);
    const entries = list(labels);
    const found = scan ? list(scan.exposed) : '';
    const final = model.finalStage;
    const inImage = final ? new Set(stageChain(final)) : new Set();
    // One edit for every copy: it appends the same lines to the same file (built once: the file can be megabytes, the copies thousands).
    const edit = appendEdit(text ?? '', lines.length > 0 ? lines : (scan?.exposed ?? []).map((p) => p.replace(/\/$/, '')));
    for (const { i, s } of copies) {
      const copy = `${i.keyword} ${s.value}`;
      const range = model.range(s.start, s.end);
      const title = text === undefined ? 'Create a .dockerignore that excludes secrets' : `Add entries to "${fileName(path)}"`;
      const fixes: Fix[] = [{ ...fix(title, []), otherFiles: [{ path, create: text === undefined, edits: [edit] }] }];
      const buildStage = i.stage !== null && !inImage.has(i.stage);
      const stage = i.stage?.alias ? `"${i.stage.alias}"` : String(i.stage?.index ?? '');
      if (text === undefined) report({ messageId: buildStage ? 'noIgnoreBuildStage' : 'noIgnore', data: { copy, stage }, range, fixes });
      else if (scan?.exposed.length) report({ messageId: buildStage ? 'exposedBuildStage' : 'exposed', data: { copy, stage, file: fileName(path), found }, range, fixes });
      else report({ messageId: 'unverified', data: { copy, file: fileName(path), entries }, range, fixes });
    }
  },
});

/** "a, b, c and 3 more" for up to six names. */
function list(names: readonly string[]): string {
  return names.length > 6 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
}

/** Whether the build needs a path of the context: a file it copies by name, or `.git` for a build that reads the repository. */
function needsPath(model: DockerfileModel, named: string[], rel: string): boolean {
  if (rel === '.git' && model.all('RUN').some((r) => READS_GIT.test(model.text.slice(r.argsStart, r.end)))) return true;
  return named.some((n) => normalizePath(n) === rel || normalizePath(n).startsWith(`${rel}/`));
}
