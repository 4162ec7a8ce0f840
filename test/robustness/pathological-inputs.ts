import type { LintResult } from '../../server/src/engine/lint';
import type { LintConfig, Target } from '../../server/src/core/types';

/**
 * Inputs built to hurt a linter: YAML alias bombs, deep nesting, huge files and lines, odd bytes
 * and line endings, thousands of services. Each must give normal findings, or one clear finding
 * that the file is too large (`file-too-large`) or malformed (`syntax-error`), in bounded memory;
 * those built from a size (`scale`) must also cost about 10x more, not 100x, at 10x the size.
 * Shared by test/robustness/pathological.test.ts and `npm run fuzz`, which prints each one's time
 * and memory. No time bound: a wall-clock bound fails at random on a loaded machine.
 */
export interface Pathological {
  name: string;
  kind: Target;
  text: () => string;
  config?: LintConfig;
  /** What the result must be: normal findings, or the one finding about the whole file. */
  expect: 'findings' | 'file-too-large' | 'syntax-error' | 'either';
  /**
   * For an input built from a size: the text at any size, and the size `text()` uses. The growth
   * check lints it at a hundredth and a tenth of that size and compares the CPU time.
   */
  scale?: { full: number; text: (n: number) => string };
  /** Only in `npm run fuzz` (more variants of a kind `npm test` already covers), to keep `npm test` fast. */
  fuzzOnly?: boolean;
}

/** Findings about the whole file: it is too large, or it does not parse. */
const WHOLE_FILE = ['file-too-large', 'syntax-error'];

/** Why a result is not acceptable for the input, or null: no rule error, and normal findings or the expected one whole-file finding. */
export function verdict(p: Pathological, r: LintResult): string | null {
  if (r.internalErrors.length > 0) return `rule ${r.internalErrors[0].ruleId} threw: ${r.internalErrors[0].message}`;
  const whole = r.findings.filter((f) => WHOLE_FILE.includes(f.ruleId));
  const normal = whole.length === 0;
  const one = r.findings.length === 1 && whole.length === 1 ? whole[0].ruleId : null;
  const got = one ?? (normal ? 'normal findings' : `${r.findings.length} findings with ${whole.map((f) => f.ruleId).join(', ')}`);
  const ok = p.expect === 'findings' ? normal : p.expect === 'either' ? normal || one !== null : one === p.expect;
  return ok ? null : `expected ${p.expect === 'either' ? 'normal findings or one whole-file finding' : p.expect === 'findings' ? 'normal findings' : `one ${p.expect} finding`}, got ${got}`;
}

const MB = 1_000_000;
const LETTERS = 'abcdefghi';

/** Nine anchors, each a list of nine aliases of the previous one: 9^9 = 387,420,489 leaves when expanded. */
function laughs(): string[] {
  const lines = ['x-a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < 9; i++) lines.push(`x-${LETTERS[i]}: &${LETTERS[i]} [${Array(9).fill(`*${LETTERS[i - 1]}`).join(', ')}]`);
  return lines;
}

const COMPOSE_KEYS = ['environment', 'volumes', 'ports', 'cap_add', 'devices', 'command', 'entrypoint', 'env_file', 'secrets', 'dns', 'labels', 'tmpfs', 'security_opt', 'networks', 'depends_on', 'healthcheck', 'logging', 'x-extra'];

function lines(n: number, line: (i: number) => string): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(line(i));
  return out.join('');
}

type Case = Omit<Pathological, 'text'> & { text?: () => string };

const CASES: readonly Case[] = [
  // --- YAML bombs and depth
  {
    name: 'YAML alias bomb (billion laughs) under every service key',
    kind: 'compose',
    text: () => [...laughs(), 'services:', '  web:', '    image: nginx:1.27', ...COMPOSE_KEYS.map((k) => `    ${k}: *i`)].join('\n') + '\n',
    expect: 'findings',
  },
  {
    name: 'YAML alias bomb of maps (9 keys x 9 levels)',
    kind: 'compose',
    text: () => {
      const out = ['x-a: &a {k0: lol, k1: lol, k2: lol, k3: lol, k4: lol, k5: lol, k6: lol, k7: lol, k8: lol}'];
      for (let i = 1; i < 9; i++) out.push(`x-${LETTERS[i]}: &${LETTERS[i]} {${Array.from({ length: 9 }, (_, j) => `k${j}: *${LETTERS[i - 1]}`).join(', ')}}`);
      return [...out, 'services:', '  web:', '    image: nginx:1.27', ...['environment', 'labels', 'healthcheck', 'logging', 'deploy', 'x-extra'].map((k) => `    ${k}: *i`)].join('\n') + '\n';
    },
    expect: 'findings',
  },
  {
    name: 'YAML merge-key bomb (<<: [*prev, *prev], 30 levels)',
    kind: 'compose',
    text: () => {
      const out = ['x-0: &m0 {image: "nginx:1.27", privileged: true}'];
      for (let i = 1; i <= 30; i++) out.push(`x-${i}: &m${i} {<<: [*m${i - 1}, *m${i - 1}], k${i}: v}`);
      return [...out, 'services:', '  web:', '    <<: *m30', '  db:', '    <<: *m30'].join('\n') + '\n';
    },
    expect: 'findings',
  },
  {
    name: 'YAML recursive alias (a map that merges itself)',
    kind: 'compose',
    text: () => 'services:\n  web: &w\n    image: nginx:1.27\n    <<: *w\n    environment: *w\n    volumes: [*w, *w]\n',
    expect: 'either',
  },
  {
    name: 'YAML nested 10,000 levels (flow sequences)',
    kind: 'compose',
    scale: { full: 10_000, text: (n) => 'services:\n  web:\n    image: nginx:1.27\n    command: ' + '['.repeat(n) + ']'.repeat(n) + '\n' },
    expect: 'syntax-error',
  },
  {
    name: 'YAML nested 10,000 levels (flow maps)',
    kind: 'compose',
    scale: { full: 10_000, text: (n) => 'services:\n  web:\n    image: nginx:1.27\n    labels: ' + '{a: '.repeat(n) + '1' + '}'.repeat(n) + '\n' },
    expect: 'syntax-error',
  },
  {
    name: 'YAML nested 10,000 levels (block sequences, "- - - x")',
    kind: 'compose',
    scale: { full: 10_000, text: (n) => 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      ' + '- '.repeat(n) + 'x\n' },
    expect: 'syntax-error',
  },
  {
    name: 'YAML nested 10,000 levels (block maps, one space each)',
    kind: 'compose',
    scale: { full: 10_000, text: (n) => 'services:\n web:\n  image: nginx:1.27\n  labels:\n' + lines(n, (i) => ' '.repeat(i + 3) + 'a:\n') + ' '.repeat(n + 3) + 'b: 1\n' },
    expect: 'either',
  },
  {
    name: 'YAML nested 120 levels (under the depth bound) is analysed',
    kind: 'compose',
    text: () => 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    labels: ' + '{a: '.repeat(120) + '1' + '}'.repeat(120) + '\n',
    expect: 'findings',
  },
  // --- size
  {
    name: '10 MB Dockerfile',
    kind: 'dockerfile',
    text: () => 'FROM alpine:3.20\n' + 'RUN apk add --no-cache curl && curl -fsSL https://example.com/x | sh\n'.repeat(150_000),
    expect: 'file-too-large',
  },
  {
    name: '10 MB Compose file',
    kind: 'compose',
    text: () => 'services:\n' + lines(140_000, (i) => `  s${i}:\n    image: nginx:1.27\n    privileged: true\n`),
    expect: 'file-too-large',
  },
  {
    name: 'one RUN with 100,000 continuation lines',
    kind: 'dockerfile',
    scale: { full: 100_000, text: (n) => 'FROM debian:12\nRUN apt-get update && apt-get install -y \\\n' + lines(n, (i) => `    pkg${i} \\\n`) + '    last\nUSER 10001\n' },
    expect: 'findings',
  },
  {
    name: 'a heredoc that never ends (100,000 lines)',
    kind: 'dockerfile',
    scale: { full: 100_000, text: (n) => 'FROM alpine:3.20\nRUN <<EOF\n' + lines(n, (i) => `echo ${i}\n`) },
    expect: 'findings',
    fuzzOnly: true,
  },
  {
    name: '30,000 stages, each built FROM the one before, with a secret ENV in the first',
    kind: 'dockerfile',
    // A chain as long as the file: a secret's fix looked for the stages built on its stage recursively (the stack ran out).
    scale: {
      full: 30_000,
      text: (n) => 'FROM alpine:3.20 AS s0\nENV DB_PASSWORD=hunter2\n' + lines(n - 1, (i) => `FROM s${i} AS s${i + 1}\n`) + 'RUN echo "$DB_PASSWORD" && echo "root:pw" | chpasswd\n',
    },
    expect: 'findings',
  },
  {
    name: '20,000 stages, each copying from the one before',
    kind: 'dockerfile',
    // Every --from and every stage name was looked up by a search through all the stages.
    scale: { full: 20_000, text: (n) => 'FROM alpine:3.20 AS s0\n' + lines(n - 1, (i) => `FROM alpine:3.20 AS s${i + 1}\nCOPY --from=s${i} /a /a\n`) },
    expect: 'findings',
  },
  {
    name: '40,000 services, each extending the next',
    kind: 'compose',
    // One-line services, so that finding the service an `extends` names would dominate if it searched them all.
    scale: { full: 40_000, text: (n) => 'services:\n' + lines(n, (i) => `  s${i}: {extends: s${i + 1}}\n`) + `  s${n}: {image: "nginx:1.27", privileged: true}\n` },
    expect: 'findings',
  },
  {
    name: '20,000 services, each merging one anchor (<<: *base)',
    kind: 'compose',
    // yaml's Alias.resolve walks the whole document for each alias: 4,000 such services took 26 s.
    scale: { full: 20_000, text: (n) => 'x-base: &base\n  privileged: true\nservices:\n' + lines(n, (i) => `  s${i}:\n    <<: *base\n    image: nginx:1.27\n`) },
    expect: 'findings',
  },
  {
    name: '20,000 services, each under a bulkhead-ignore comment',
    kind: 'compose',
    // Every finding was tested against every comment: 2,000 such services took 6.8 s.
    scale: { full: 20_000, text: (n) => 'services:\n' + lines(n, (i) => `  # bulkhead-ignore no-privileged -- test\n  s${i}:\n    image: nginx:1.27\n    privileged: true\n`) },
    expect: 'findings',
  },
  {
    name: '40,000 lines of one service\'s environment, one secret name written again and again',
    kind: 'compose',
    // Each secret's fix searched the whole environment for the name and its _FILE twin.
    scale: { full: 40_000, text: (n) => 'services:\n  web:\n    image: nginx:1.27\n    environment:\n' + lines(n, (i) => `      - PASSWORD=v${i}\n`) },
    expect: 'findings',
  },
  {
    name: '40,000 secret-looking ENV lines',
    kind: 'dockerfile',
    // Each secret's fix searched every later instruction for the variable with a pattern: 4,000 lines took 3.8 s.
    scale: { full: 40_000, text: (n) => 'FROM alpine:3.20\n' + lines(n, (i) => `ENV PASSWORD${i}=hunter${i}\n`) + 'RUN echo "$PASSWORD0"\n' },
    expect: 'findings',
  },
  {
    name: '40,000 plain-TCP DOCKER_HOST lines',
    kind: 'dockerfile',
    // Each one looked for DOCKER_TLS_VERIFY through every instruction of the stage chain.
    scale: { full: 40_000, text: (n) => 'FROM docker:27-cli\n' + lines(n, (i) => `ENV DOCKER_HOST=tcp://0.0.0.0:${2375 + (i % 2)}\n`) },
    expect: 'findings',
  },
  {
    name: '100,000 relative WORKDIRs, then a copied credentials file',
    kind: 'dockerfile',
    // The working directory grows with each line and was copied whole at each: quadratic in the file.
    scale: { full: 100_000, text: (n) => 'FROM alpine:3.20\n' + lines(n, () => 'WORKDIR a\n') + 'COPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS=key.json\n' },
    expect: 'findings',
  },
  {
    name: '20,000 copies, each followed by a credentials variable naming its file',
    kind: 'dockerfile',
    // Each variable was tested against every copy: 4,000 of each took 13 s.
    scale: { full: 20_000, text: (n) => 'FROM alpine:3.20\n' + lines(n, (i) => `COPY k${i}.json /app/\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/k${i}.json\n`) },
    expect: 'findings',
  },
  {
    name: '5,000 services',
    kind: 'compose',
    scale: { full: 5000, text: (n) => 'services:\n' + lines(n, (i) => `  s${i}:\n    image: nginx:1.27\n    privileged: true\n    ports: ["80:80"]\n    environment:\n      DB_PASSWORD: hunter2\n`) },
    expect: 'findings',
  },
  {
    name: '20,000 instructions',
    kind: 'dockerfile',
    scale: { full: 20_000, text: (n) => 'FROM alpine:3.20 AS base\n' + lines(n, (i) => (i % 2 ? `ENV V${i}=$V${i - 1}\n` : `RUN echo ${i} > /tmp/f${i}\n`)) + 'USER root\n' },
    expect: 'findings',
  },
  // --- 1 MB single lines, one per character class a pattern might repeat
  ...(
    [
      ['letters in RUN', 'RUN ', 'a', false],
      ['spaces then x', 'RUN echo', ' ', false],
      ['dollars and braces', 'RUN echo ', '${', false],
      ['command substitutions', 'RUN echo ', '$(', true],
      ['backslash-quote in a JSON-form RUN', 'RUN ["', '\\"', false],
      ['quotes in COPY JSON form', 'COPY ["', '" "', true],
      ['slashes in FROM', 'FROM ', '/', false],
      ['colons and at signs in FROM', 'FROM a', ':@', true],
      ['equals signs in ENV', 'ENV A', '=', true],
      ['key=value pairs in LABEL', 'LABEL ', 'a=b ', true],
      ['pipes and ampersands', 'RUN true ', '| && ', true],
      ['dashes (options)', 'RUN apt-get install ', '-', true],
      ['a comment', '# ', 'x', false],
    ] as const
  ).map(([what, prefix, unit, fuzzOnly]): Case => ({
    name: `1 MB single line: ${what}`,
    kind: 'dockerfile',
    scale: { full: MB, text: (n) => `FROM alpine:3.20\n${prefix}${unit.repeat(Math.ceil(n / unit.length))}x\n` },
    expect: 'findings',
    fuzzOnly,
  })),
  ...(
    [
      ['image name', '    image: ', 'a', false],
      ['environment value with variables', '    environment:\n      A: ', '${', false],
      ['quoted command', '    command: "', '\\"', true],
      ['flow sequence of ports', '    ports: [', '"80:80", ', true],
      ['a comment', '    # ', 'x', true],
    ] as const
  ).map(([what, prefix, unit, fuzzOnly]): Case => ({
    name: `1 MB single line (Compose): ${what}`,
    kind: 'compose',
    scale: { full: MB, text: (n) => `services:\n  web:\n${prefix}${unit.repeat(Math.ceil(n / unit.length))}x\n` },
    expect: 'either',
    fuzzOnly,
  })),
  // --- Dev Container configurations (JSON with comments)
  {
    name: 'devcontainer.json: a block comment that never ends (30,000 lines)',
    kind: 'devcontainer',
    text: () => '{\n  "privileged": true,\n  /* ' + lines(30_000, (i) => `"runArgs": ["--privileged", ${i}],\n`),
    expect: 'syntax-error',
  },
  {
    name: 'devcontainer.json: a string that never ends (1 MB)',
    kind: 'devcontainer',
    text: () => '{\n  "postCreateCommand": "curl https://x | sh ' + 'a\\"'.repeat(MB / 3),
    expect: 'syntax-error',
  },
  {
    name: 'devcontainer.json: arrays nested 10,000 levels',
    kind: 'devcontainer',
    text: () => '{ "runArgs": ' + '['.repeat(10_000) + ']'.repeat(10_000) + ' }\n',
    expect: 'syntax-error',
  },
  {
    name: 'devcontainer.json: objects nested 10,000 levels',
    kind: 'devcontainer',
    text: () => '{ "features": ' + '{"a": '.repeat(10_000) + '1' + '}'.repeat(10_000) + ' }\n',
    expect: 'syntax-error',
  },
  {
    name: 'devcontainer.json: nested 200 levels (under the depth bound) is analysed',
    kind: 'devcontainer',
    text: () => '{ "privileged": true, "customizations": ' + '{"a": '.repeat(200) + '1' + '}'.repeat(200) + ' }\n',
    expect: 'findings',
  },
  {
    name: 'devcontainer.json: 40,000 runArgs items (flags, values, flags sharing items)',
    kind: 'devcontainer',
    text: () => '{\n  "runArgs": [\n' + lines(40_000, (i) => ['    "--privileged",\n', '    "--cap-add", "SYS_ADMIN",\n', '    "-v", "/var/run/docker.sock:/s",\n', '    "--init --network=host -p 80:80",\n'][i % 4]) + '  ]\n}\n',
    expect: 'findings',
  },
  {
    name: 'devcontainer.json: 15,000 mounts and 15,000 Features',
    kind: 'devcontainer',
    text: () => '{\n  "mounts": [\n' + lines(15_000, (i) => `    "source=/run/s${i}.sock,target=/x,type=bind",\n`) + '  ],\n  "features": {\n' + lines(15_000, (i) => `    "ghcr.io/devcontainers/features/docker-in-docker:${i}": {},\n`) + '  }\n}\n',
    expect: 'findings',
  },
  {
    name: 'devcontainer.json: 20,000 ignore comments and 20,000 properties',
    kind: 'devcontainer',
    text: () => '{\n' + lines(20_000, (i) => `  // bulkhead-ignore no-privileged,no-such-rule -- ${i}\n  "p${i}": ${i},\n`) + '  "privileged": true\n}\n',
    expect: 'findings',
  },
  {
    name: 'devcontainer.json: a 1 MB lifecycle command of pipes',
    kind: 'devcontainer',
    text: () => '{\n  "postCreateCommand": "' + 'curl -fsSL https://x.example/i.sh | sh && '.repeat(MB / 44) + 'true"\n}\n',
    expect: 'findings',
    fuzzOnly: true,
  },
  {
    name: 'devcontainer.json: 1 MB single line of escapes in a runArgs item',
    kind: 'devcontainer',
    text: () => '{ "runArgs": ["--cap-add ' + '\\u0041\\"'.repeat(MB / 8) + '"] }\n',
    expect: 'findings',
  },
  {
    name: 'devcontainer.json: 10 MB',
    kind: 'devcontainer',
    text: () => '{\n' + lines(200_000, (i) => `  "k${i}": ["--privileged", "--privileged", "--privileged"],\n`) + '  "z": 0\n}\n',
    expect: 'file-too-large',
  },
  {
    name: 'devcontainer.json: NUL bytes, a BOM and lone surrogates',
    kind: 'devcontainer',
    text: () => '\ufeff{\n  "image": "debian\0:12",\n  "remoteUser": "ro\ud800ot",\n  "\udc00": [\0]\n}\n',
    expect: 'either',
  },
  // --- bytes and line endings
  {
    name: 'NUL bytes and invalid UTF-8 (decoded as U+FFFD), Dockerfile',
    kind: 'dockerfile',
    text: () => Buffer.from([...Buffer.from('FROM alpine:3.20\nRUN echo '), 0, 0, 0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, ...Buffer.from('\nUSER ro\0ot\n')]).toString('utf8'),
    expect: 'findings',
  },
  {
    name: 'NUL bytes and invalid UTF-8 (decoded as U+FFFD), Compose',
    kind: 'compose',
    text: () => Buffer.from([...Buffer.from('services:\n  web:\n    image: ngi'), 0, 0xff, 0xc3, 0x28, ...Buffer.from('nx\n    privileged: true\n')]).toString('utf8'),
    expect: 'either',
  },
  {
    name: 'lone surrogates in the text',
    kind: 'dockerfile',
    text: () => 'FROM alpine:3.20\nRUN echo \ud800 \udc00 \udbff\nUSER \ud83d\n',
    expect: 'findings',
  },
  { name: 'UTF-8 BOM, Dockerfile', kind: 'dockerfile', text: () => '\ufeffFROM alpine:3.20\nUSER root\n', expect: 'findings' },
  { name: 'UTF-8 BOM, Compose', kind: 'compose', text: () => '\ufeffservices:\n  web:\n    image: nginx:1.27\n    privileged: true\n', expect: 'findings' },
  { name: 'CRLF line endings', kind: 'dockerfile', text: () => 'FROM alpine:3.20\r\nRUN apt-get update && \\\r\n    apt-get install -y curl\r\nUSER root\r\n', expect: 'findings' },
  { name: 'lone CR line endings, Dockerfile', kind: 'dockerfile', text: () => 'FROM alpine:3.20\rRUN apt-get install -y curl\rUSER root\r', expect: 'findings' },
  { name: 'lone CR line endings, Compose', kind: 'compose', text: () => 'services:\r  web:\r    image: nginx\r    privileged: true\r', expect: 'either' },
  {
    name: 'mixed line endings',
    kind: 'dockerfile',
    text: () => 'FROM alpine:3.20\r\nRUN apt-get update \\\r    && apt-get install -y curl \\\n    && true\r\n# bulkhead-ignore non-root-user\rUSER root\n',
    expect: 'findings',
  },
  {
    name: 'mixed line endings, Compose',
    kind: 'compose',
    text: () => 'services:\r\n  web:\n    image: nginx:1.27\r    privileged: true\r\n    cap_add:\n      - ALL\r\n',
    expect: 'either',
  },
];

export const PATHOLOGICAL: readonly Pathological[] = CASES.map((c) => {
  const { scale } = c;
  const text = c.text ?? (scale ? () => scale.text(scale.full) : undefined);
  if (!text) throw new Error(`${c.name}: a case needs text() or scale`);
  return { ...c, text };
});
