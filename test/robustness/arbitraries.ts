import fc from 'fast-check';
import type { Target } from '../../server/src/core/types';

/**
 * Input generators for the property tests and the fuzz run: random text (any UTF-16 code units,
 * lone surrogates and NULs included), token soups in each file kind's vocabulary, and mutations of
 * real files (delete, duplicate and swap lines, insert random bytes, truncate, flip indentation,
 * change line endings).
 */

/** Every property is seeded: the same seed replays the same inputs. Set BULKHEAD_FUZZ_SEED to vary it. */
export const SEED = Number(process.env.BULKHEAD_FUZZ_SEED ?? 20_260_611);

const anyUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '\t', ' ', '\0', '\ufeff', '\u2028', '\u00a0', '\ufffd') },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 1 }) },
);

/** Any text: every UTF-16 code unit is possible (lone surrogates, NUL, BOM, every line break). */
export const randomText = fc.string({ unit: anyUnit, maxLength: 400 });

const SHARED = ['constructor', '__proto__', 'toString', '\n', '\n', '\n', '\r\n', '\r', ' ', ' ', '  ', '\t', '"', "'", '$', '${', '}', '$(', ')', '[', ']', '{', ',', ':', '=', '\\', '#', '# bulkhead-ignore ', '# bulkhead-ignore-file ', 'non-root-user', 'no-privileged,image-tag-pinned', ' -- reason', 'root', '0', '10001', 'x', 'é', '\0'];

const DOCKERFILE_TOKENS = [
  ...SHARED,
  'FROM ', 'FROM alpine:3.20', 'FROM ubuntu', 'FROM scratch', 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build', ' AS ', 'build', 'RUN ', 'USER ', 'COPY ', 'COPY --from=build ', 'COPY --chmod=777 ', 'ADD ',
  'ADD https://example.com/x.tgz /x', 'ADD git@github.com:o/r.git#v1 /r', 'ENV ', 'ARG ', 'LABEL ', 'EXPOSE 22', 'HEALTHCHECK NONE', 'HEALTHCHECK CMD curl -f http://localhost/', 'ONBUILD ', 'SHELL ["/bin/sh", "-c"]',
  'CMD ["app"]', 'ENTRYPOINT ', 'WORKDIR /app', 'VOLUME /data', 'MAINTAINER me', 'STOPSIGNAL SIGTERM', '# syntax=docker/dockerfile:1.4\n', '# escape=`\n', '`\n', '\\\n', ' \\\n',
  '<<EOF\n', 'EOF\n', '<<-EOT\n', 'EOT', '--mount=type=secret,id=npm ', '--mount=type=cache,target=/root/.cache ', '--network=host ', '--security=insecure ', 'sudo ', 'apt-get update', 'apt-get install -y ', '--no-install-recommends ',
  'apk add ', '--no-cache ', 'pip install ', 'npm install ', 'curl -fsSL https://x.example/i.sh | sh', 'wget -qO- https://x.example/i | bash', 'chmod 777 ', 'chmod u+s ', 'chown ', ' && ', ' || ', ' | ', '; ', 'rm -rf /var/lib/apt/lists/*',
  'sha256sum -c ', 'gpg --verify ', 'curl -k ', 'git -c http.sslVerify=false ', 'PASSWORD=hunter2', 'API_KEY=', 'AKIAIOSFODNN7EXAMPLE', 'ghp_' + 'a'.repeat(36), '@sha256:' + 'a'.repeat(64), ':latest', '$HOME', '${VAR:-default}', '/var/run/docker.sock',
  'ssh-keygen', 'openssh-server', 'useradd -u 10001 app', 'nginx=1.25.*',
];

const COMPOSE_TOKENS = [
  ...SHARED,
  'services:', 'services:\n  web:\n', '  web:', '  db:', '    ', '      ', 'image: ', 'nginx:1.27', 'postgres', 'docker:dind', 'privileged: true', 'privileged: false', '- ', '- "', '&a ', '*a', '&b ', '*b', '<<: ', '<<: [*a, *b]',
  'cap_add: [ALL]', 'cap_drop:', 'volumes:', '/var/run/docker.sock:/var/run/docker.sock', '/:/host', './conf:/etc/conf:ro', 'ports:', '"80:80"', '"0.0.0.0:2375:2375"', '22:22', 'network_mode: host', 'pid: host', 'ipc: host',
  'build: .', 'build:\n      context: .\n      args:\n        TOKEN: x', 'environment:', 'DB_PASSWORD: example', 'POSTGRES_PASSWORD=secret', 'env_file: .env', 'security_opt:', 'seccomp:unconfined', 'no-new-privileges:true',
  'read_only: true', 'user: root', 'healthcheck:', 'test: ["CMD", "true"]', 'disable: true', 'restart: always', 'depends_on:', 'condition: service_healthy', 'deploy:', 'resources:', 'limits:', 'memory: 512m', 'tmpfs:', '/tmp:exec',
  'logging:', 'driver: none', 'devices:', '/dev/mem:/dev/mem', 'extends:', 'service: base', 'secrets:', 'x-common: &common', 'version: "3.8"', '---', '...', '!!str ', '!reset ', '? ', '|', '>-', '{', '}', 'null', '~', '"${VAR:?err}"',
];

const DEVCONTAINER_TOKENS = [
  ...SHARED,
  '{', '}', '[', ']', '{\n', '\n}', ',', ',\n', ': ', '"', '// ', '// bulkhead-ignore ', '// bulkhead-ignore-file ', '/*', '*/', 'true', 'false', 'null', '3000', '-1e9',
  '"image": ', '"mcr.microsoft.com/devcontainers/base:1-bookworm"', '"ubuntu"', '"node:16"', '"${templateOption:imageVariant}"', '"privileged": true', '"remoteUser": ', '"root"', '"vscode"', '"containerUser": ',
  '"runArgs": [', '"--privileged"', '"--cap-add=SYS_ADMIN"', '"--cap-add", "ALL"', '"--cap-add SYS_PTRACE --pid=host"', '"--security-opt", "seccomp=unconfined"', '"--network=host"', '"-v", "/var/run/docker.sock:/var/run/docker.sock"',
  '"--device=/dev/sda"', '"-p", "8080:80"', '"-e", "GIT_EDITOR=code --wait"', '"--mount", "type=bind,src=/,dst=/host"', '"capAdd": ["SYS_ADMIN"]', '"securityOpt": ["apparmor=unconfined"]',
  '"mounts": [', '"source=/var/run/docker.sock,target=/var/run/docker-host.sock,type=bind"', '"source=${localEnv:HOME}/.ssh,target=/root/.ssh,type=bind"', '{ "source": "/", "target": "/host", "type": "bind" }',
  '"features": {', '"ghcr.io/devcontainers/features/docker-in-docker:2": {}', '"docker-outside-of-docker": "latest"', '"build": { "dockerfile": "Dockerfile", "context": ".." }', '"dockerComposeFile": ["a.yml", "b.yml"]', '"service": "app"',
  '"postCreateCommand": "curl -fsSL https://x.example/i.sh | sh"', '"initializeCommand": ["bash", "-c", "wget -qO- https://x | bash"]', '"postStartCommand": { "a": "curl -k https://x", "b": ["git", "-c", "http.sslVerify=false", "pull"] }',
  '"containerEnv": { "NODE_TLS_REJECT_UNAUTHORIZED": "0" }', '"appPort": [3000, "8080:80"]', '"forwardPorts": [3000]', '"overrideCommand": false', '"runServices": ["db"]', '\\"', '\\u0041', '\\n',
];

const soup = (tokens: string[]) => fc.array(fc.constantFrom(...tokens), { maxLength: 120 }).map((t) => t.join(''));

/** Text made of Dockerfile or Compose vocabulary: more often near-valid, so rules run deep. */
export const tokenSoup = (kind: Target) => soup(kind === 'dockerfile' ? DOCKERFILE_TOKENS : kind === 'devcontainer' ? DEVCONTAINER_TOKENS : COMPOSE_TOKENS);

export const kindArb = fc.constantFrom<Target>('dockerfile', 'compose', 'devcontainer');

/** One edit to a text, with positions as fractions so it applies to any text. */
export type Mutation =
  | { op: 'delete-line' | 'duplicate-line' | 'indent-tabs' | 'indent-more' | 'indent-less' | 'indent-strip'; at: number }
  | { op: 'swap-lines'; at: number; other: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'truncate'; at: number }
  | { op: 'line-endings'; to: '\n' | '\r\n' | '\r' | 'mixed' }
  | { op: 'replace-char'; at: number; text: string };

const frac = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete-line', 'duplicate-line', 'indent-tabs', 'indent-more', 'indent-less', 'indent-strip'), at: frac }) as fc.Arbitrary<Mutation>,
  fc.record({ op: fc.constant('swap-lines'), at: frac, other: frac }) as fc.Arbitrary<Mutation>,
  fc.record({ op: fc.constant('insert'), at: frac, text: fc.string({ unit: anyUnit, minLength: 1, maxLength: 12 }) }) as fc.Arbitrary<Mutation>,
  fc.record({ op: fc.constant('truncate'), at: frac }) as fc.Arbitrary<Mutation>,
  fc.record({ op: fc.constant('line-endings'), to: fc.constantFrom('\n', '\r\n', '\r', 'mixed') }) as fc.Arbitrary<Mutation>,
  fc.record({ op: fc.constant('replace-char'), at: frac, text: fc.constantFrom(' ', '\t', ':', '-', '"', '\\', '$', '#', '\n', '[', '{', '&', '*') }) as fc.Arbitrary<Mutation>,
);

export function mutate(text: string, m: Mutation): string {
  const lines = text.split(/(?<=\r\n|\n|\r(?!\n))/);
  const line = (at: number) => Math.floor(at * lines.length);
  switch (m.op) {
    case 'delete-line':
      lines.splice(line(m.at), 1);
      return lines.join('');
    case 'duplicate-line': {
      const i = line(m.at);
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('');
    }
    case 'swap-lines': {
      const i = line(m.at);
      const j = line(m.other);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('');
    }
    case 'indent-tabs':
    case 'indent-more':
    case 'indent-less':
    case 'indent-strip': {
      const i = line(m.at);
      const l = lines[i] ?? '';
      lines[i] =
        m.op === 'indent-tabs' ? l.replace(/^[ \t]+/, (ws) => (ws.includes('\t') ? ws.replace(/\t/g, '  ') : ws.replace(/ {2}/g, '\t')))
        : m.op === 'indent-more' ? ' ' + l
        : m.op === 'indent-less' ? l.replace(/^[ \t]/, '')
        : l.replace(/^[ \t]+/, '');
      return lines.join('');
    }
    case 'insert': {
      const at = Math.floor(m.at * (text.length + 1));
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'replace-char': {
      const at = Math.floor(m.at * text.length);
      return text.slice(0, at) + m.text + text.slice(at + 1);
    }
    case 'truncate':
      return text.slice(0, Math.floor(m.at * text.length));
    case 'line-endings': {
      let n = 0;
      return text.replace(/\r\n|\n|\r/g, () => (m.to === 'mixed' ? ['\n', '\r\n', '\r'][n++ % 3] : m.to));
    }
  }
}

/** Which real file and which mutations: small to print (a failure shows this, not the whole text) and replayable. */
export interface CorpusMutation {
  path: string;
  mutations: Mutation[];
}

export function corpusMutation(files: readonly { path: string }[]): fc.Arbitrary<CorpusMutation> {
  return fc.record({ index: fc.nat({ max: files.length - 1 }), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 6 }) }).map(({ index, mutations }) => ({ path: files[index].path, mutations }));
}

/** The mutated text of a real file. */
export function applyMutations<F extends { path: string; text: string; kind: Target }>(files: readonly F[], m: CorpusMutation): { text: string; kind: Target } {
  const f = files.find((x) => x.path === m.path)!;
  return { text: m.mutations.reduce(mutate, f.text), kind: f.kind };
}
