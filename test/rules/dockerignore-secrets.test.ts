import rule from '../../server/src/rules/dockerignore-secrets';
import { describe, expect, it } from 'vitest';
import { runRule, testRule } from '../helpers/rule-tester';
import { describeGrowth, screenedCpuGrowth, SUPERLINEAR_RATIO } from '../helpers/growth';

const IGNORE = '/work/project/.dockerignore';
const OWN = '/work/project/Dockerfile.dockerignore';
const HEADER = '# Keep secrets and repository data out of the build context';
const ALL = ['.git', '**/.env', '**/.env.*', '**/*.pem', '**/*.key', '**/*.p12', '**/id_rsa*', '**/id_ed25519*', '**/.npmrc', '**/.aws', '**/.ssh'];
const created = [HEADER, ...ALL].map((l) => l + '\n').join('');
/** Covers every entry, in the spellings people use. */
const COMPLETE = '# secrets\n.git/\n/.env\n.env.*\n**/*.pem\n*.key\n*.p12\nid_rsa*\nid_ed25519*\n.npmrc\n.aws\n.ssh/\n';
const COPY_ALL = 'FROM node:22.11.0\nWORKDIR /app\nCOPY . .\n';

testRule(rule, {
  valid: [
    { name: 'without access to other files nothing is guessed', code: COPY_ALL },
    { name: 'a .dockerignore that covers every entry', code: COPY_ALL, files: { [IGNORE]: COMPLETE } },
    { name: 'an allow-list .dockerignore: "*" then exceptions', code: COPY_ALL, files: { [IGNORE]: '*\n!src\n!package.json\n!package-lock.json\n' } },
    { name: 'the Dockerfile-specific ignore file wins over an incomplete .dockerignore', code: COPY_ALL, files: { [OWN]: COMPLETE, [IGNORE]: 'node_modules\n' } },
    { name: 'only named files are copied', code: 'FROM node:22.11.0\nCOPY package.json package-lock.json ./\nCOPY src/ ./src/\n', files: {} },
    { name: 'copying from another stage does not read the context', code: 'FROM node:22.11.0 AS build\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=build . /usr/share/nginx/html\n', files: {} },
    { name: 'ONBUILD copies belong to the child image\'s context', code: 'FROM node:22.11.0\nONBUILD COPY . /app\n', files: {} },
    { name: 'a heredoc COPY', code: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF\n', files: {} },
    { name: 'a source from an unresolved build argument', code: 'FROM alpine:3.20\nARG SRC\nCOPY $SRC /app\n', files: {} },
    { name: 'a parent directory has a .dockerignore: the context is probably there', code: COPY_ALL, files: { '/work/.dockerignore': 'node_modules\n' } },
    {
      name: 'an entry the Dockerfile copies by name is not asked for',
      code: 'FROM node:22.11.0\nCOPY .npmrc package.json ./\nCOPY . .\n',
      files: { [IGNORE]: COMPLETE.replace('.npmrc\n', '') },
    },
    {
      name: 'where the context cannot be listed, excluding the usual key and env files is enough (the examples/hardened shape)',
      code: 'FROM golang:1.25-bookworm AS build\nCOPY . .\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\n',
      files: { [IGNORE]: '.git\n.env\n.env.*\n*.pem\n*.key\nid_rsa*\n.npmrc\n.aws/\n.ssh/\n' },
    },
    {
      name: 'where the context cannot be listed, a missing .git, .npmrc or .ssh entry alone is not reported',
      code: COPY_ALL,
      files: { [IGNORE]: COMPLETE.replace('.git/\n', '').replace('.npmrc\n', '').replace('.ssh/\n', '') },
    },
    {
      name: '.git is not asked for when the build reads the repository',
      code: 'FROM python:3.12\nCOPY . /src\nRUN pip install setuptools-scm && git describe --tags\n',
      files: { [IGNORE]: COMPLETE.replace('.git/\n', '') },
    },
  ],
  invalid: [
    {
      name: 'no .dockerignore at all: the fix creates one',
      code: COPY_ALL,
      files: {},
      errors: [
        {
          messageId: 'noIgnore',
          at: '3:6-3:7',
          message: '"COPY ." copies the whole build context and there is no .dockerignore, so files such as .env, .git and private keys end up in the image',
        },
      ],
      output: COPY_ALL,
      outputFiles: { [IGNORE]: created },
    },
    {
      name: 'an existing .dockerignore without a final newline: the missing entries are appended',
      code: COPY_ALL,
      files: { [IGNORE]: 'node_modules\n.git' },
      errors: [
        {
          messageId: 'unverified',
          at: '3:6-3:7',
          message: '"COPY ." copies the whole build context and ".dockerignore" does not exclude .env, .env.*, *.pem, *.key, *.p12 and 5 more',
        },
      ],
      output: COPY_ALL,
      outputFiles: { [IGNORE]: 'node_modules\n.git\n' + [HEADER, ...ALL.slice(1)].map((l) => l + '\n').join('') },
    },
    {
      name: 'a "!" exception brings .env back; comments are not patterns; CRLF is kept',
      code: COPY_ALL,
      files: { [IGNORE]: COMPLETE.replace('/.env\n', '.env*\n!.env\n# .env\n').replace(/\n/g, '\r\n') },
      errors: [{ messageId: 'unverified', at: '3:6-3:7', message: '"COPY ." copies the whole build context and ".dockerignore" does not exclude .env' }],
      output: COPY_ALL,
      outputFiles: { [IGNORE]: COMPLETE.replace('/.env\n', '.env*\n!.env\n# .env\n').replace(/\n/g, '\r\n') + `${HEADER}\r\n**/.env\r\n` },
    },
    {
      name: 'the Dockerfile-specific ignore file is the one checked and edited',
      code: COPY_ALL,
      files: { [OWN]: COMPLETE.replace('*.key\n', ''), [IGNORE]: COMPLETE },
      errors: [{ messageId: 'unverified', at: '3:6-3:7', message: '"COPY ." copies the whole build context and "Dockerfile.dockerignore" does not exclude *.key' }],
      output: COPY_ALL,
      outputFiles: { [OWN]: COMPLETE.replace('*.key\n', '') + `${HEADER}\n**/*.key\n` },
    },
    {
      name: 'exec form, ADD ./, lowercase copy *, a continuation line and an ARG-resolved source',
      code: 'FROM alpine:3.20\nCOPY [".", "/app"]\nADD ./ /srv\ncopy * ./\nCOPY --chown=app:app \\\n    ./* /opt/\nARG SRC=.\nCOPY ${SRC} /data\n',
      files: { [IGNORE]: COMPLETE.replace('id_rsa*\n', '') },
      errors: [
        { messageId: 'unverified', at: '2:8-2:9' },
        { messageId: 'unverified', at: '3:5-3:7' },
        { messageId: 'unverified', at: '4:6-4:7' },
        { messageId: 'unverified', at: '6:5-6:8' },
        { messageId: 'unverified', at: '8:6-8:12', message: '"COPY ${SRC}" copies the whole build context and ".dockerignore" does not exclude id_rsa*' },
      ],
      output: 'FROM alpine:3.20\nCOPY [".", "/app"]\nADD ./ /srv\ncopy * ./\nCOPY --chown=app:app \\\n    ./* /opt/\nARG SRC=.\nCOPY ${SRC} /data\n',
      outputFiles: { [IGNORE]: COMPLETE.replace('id_rsa*\n', '') + `${HEADER}\n**/id_rsa*\n` },
    },
    {
      name: 'every stage that copies the context is reported; a build stage the final image does not build on says so',
      code: 'FROM node:22.11.0 AS build\nCOPY . .\nRUN npm run build\n\nFROM node:22.11.0-slim\nCOPY . .\n',
      files: {},
      errors: [
        {
          messageId: 'noIgnoreBuildStage',
          at: '2:6-2:7',
          message:
            '"COPY ." copies the whole build context into the build stage "build" and there is no .dockerignore; its files stay out of the final image but reach the builder and its cache',
        },
        { messageId: 'noIgnore', at: '6:6-6:7' },
      ],
      output: 'FROM node:22.11.0 AS build\nCOPY . .\nRUN npm run build\n\nFROM node:22.11.0-slim\nCOPY . .\n',
      outputFiles: { [IGNORE]: created },
    },
  ],
});

describe('dockerignore-secrets on large inputs', () => {
  // Both files come from the repository: thousands of whole-context copies and a megabyte-sized
  // .dockerignore must cost their sum, not their product (one edit for all the copies).
  it('10x the copies and 10x the .dockerignore cost about 10x, not 100x', () => {
    const input = (n: number) => ({
      text: `FROM alpine:3.20\n${Array.from({ length: n }, (_, i) => `COPY . /app${i}\n`).join('')}`,
      // 20 lines per copy: over 64 KiB at both sizes, so neither is served from the cache of parsed short files.
      ignore: Array.from({ length: 20 * n }, (_, i) => `build/out${i}\n`).join(''),
    });
    let runs = 0;
    const run = (x: { text: string; ignore: string }) => {
      // A text no run has seen (a new last line), so that every run parses it as the first analysis does.
      const findings = runRule(rule, { code: x.text, files: { [IGNORE]: `${x.ignore}# run ${runs++}\n` } });
      expect(findings.filter((f) => f.ruleId === 'dockerignore-secrets').length).toBe(x.text.split('COPY').length - 1);
    };
    const g = screenedCpuGrowth(input, run, 300);
    expect(g.ratio, describeGrowth(g, 300)).toBeLessThanOrEqual(SUPERLINEAR_RATIO);
  });
});
