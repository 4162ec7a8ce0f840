import { describe, expect, it } from 'vitest';
import { runRules } from '../../server/src/engine/run-rules';
import rule from '../../server/src/rules/dockerignore-secrets';
import { RULE_IDS } from '../../server/src/rules/ids';
import type { Finding, LintConfig, RelatedFiles } from '../../server/src/core/types';
import { at } from '../helpers/rule-tester';

/**
 * `dockerignore-secrets` where the edge can list the build context (the CLI, the desktop server):
 * what is really in the context decides. The rule tester's reader cannot list directories, so these
 * cases build their own `RelatedFiles` over a small file tree.
 */

/** A reader over a file tree given as paths (directories are implied by the paths under them). */
function tree(files: Record<string, string>): RelatedFiles {
  return {
    read: (p) => files[p],
    list: (dir) => {
      const prefix = dir.endsWith('/') ? dir : `${dir}/`;
      const names = new Set<string>();
      for (const p of Object.keys(files)) {
        if (!p.startsWith(prefix)) continue;
        const rest = p.slice(prefix.length);
        const slash = rest.indexOf('/');
        names.add(slash < 0 ? rest : rest.slice(0, slash + 1));
      }
      return names.size > 0 ? [...names] : undefined;
    },
  };
}

function lint(code: string, files: Record<string, string>, config: LintConfig = {}): Finding[] {
  const input = { text: code, kind: 'dockerfile' as const, uri: '/work/app/Dockerfile', related: tree({ '/work/app/Dockerfile': code, ...files }) };
  // The rule at its default (no severity in the configuration), so its advice is shown as hints.
  const result = runRules(input, config, [rule], new Set(RULE_IDS));
  return result.findings;
}
const show = (fs: Finding[]) => fs.map((f) => `${at(f.range)} ${f.severity} ${f.messageId}: ${f.message}`);

const NODE_APP = 'FROM node:22.11.0-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nUSER node\nCMD ["node", "server.js"]\n';

describe('dockerignore-secrets with a listed build context', () => {
  it('warns about secret-looking files that are in the context and not excluded, naming them', () => {
    const files = {
      '/work/app/.dockerignore': 'node_modules\n',
      '/work/app/.env': 'DB_PASSWORD=x\n',
      '/work/app/.env.example': 'DB_PASSWORD=\n',
      '/work/app/config/deploy_key.pem': '-----BEGIN PRIVATE KEY-----\n',
      '/work/app/server.js': '',
      '/work/app/node_modules/x/.env': '',
    };
    expect(show(lint(NODE_APP, files))).toEqual([
      '3:6-3:7 warning exposed: "COPY ." copies the whole build context, and ".dockerignore" does not exclude .env, config/deploy_key.pem, which it holds; they end up in the image',
    ]);
  });

  it('says nothing when the context holds no secret-looking file, however thin the .dockerignore', () => {
    const files = { '/work/app/.dockerignore': 'node_modules\n', '/work/app/server.js': '', '/work/app/.env.example': '', '/work/app/src/index.js': '' };
    expect(lint(NODE_APP, files)).toEqual([]);
  });

  it('says nothing when the .dockerignore excludes what is there (an allow-list, or the files by name)', () => {
    const secrets = { '/work/app/.env': '', '/work/app/.aws/credentials': '', '/work/app/server.js': '' };
    expect(lint(NODE_APP, { ...secrets, '/work/app/.dockerignore': '*\n!server.js\n!package*.json\n' })).toEqual([]);
    expect(lint(NODE_APP, { ...secrets, '/work/app/.dockerignore': '.env\n.aws\n' })).toEqual([]);
  });

  it('reports a repository directory, unless the build reads it', () => {
    const files = { '/work/app/.dockerignore': 'node_modules\n', '/work/app/.git/config': '', '/work/app/setup.py': '' };
    expect(show(lint('FROM python:3.12-slim\nCOPY . /src\nRUN pip install /src\n', files))).toEqual([
      '2:6-2:7 warning exposed: "COPY ." copies the whole build context, and ".dockerignore" does not exclude .git/, which it holds; they end up in the image',
    ]);
    expect(lint('FROM python:3.12-slim\nCOPY . /src\nRUN pip install setuptools-scm && pip install /src\n', files)).toEqual([]);
  });

  it('a copy into a build stage that the final image does not build on is advice: a hint that says "build stage"', () => {
    // The Rust server shape: compile in a builder, copy only the binary into the final image.
    const code =
      'FROM rust:1.82-bookworm AS build\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n\n' +
      'FROM debian:12-slim\nCOPY --from=build /app/target/release/server /usr/local/bin/server\nUSER 10001\nCMD ["server"]\n';
    const files = { '/work/app/.dockerignore': 'target\n', '/work/app/.env': 'ADMIN_TOKEN=x\n', '/work/app/Cargo.toml': '' };
    expect(show(lint(code, files))).toEqual([
      '3:6-3:7 hint exposedBuildStage: "COPY ." copies the whole build context into the build stage "build", and ".dockerignore" does not exclude .env, which it holds; they reach the builder and its cache',
    ]);
    expect(lint(code, files, { profile: 'strict' }).map((f) => f.severity)).toEqual(['warning']);
    expect(show(lint(code, { '/work/app/Cargo.toml': '' }))).toEqual([
      '3:6-3:7 hint noIgnoreBuildStage: "COPY ." copies the whole build context into the build stage "build" and there is no .dockerignore; its files stay out of the final image but reach the builder and its cache',
    ]);
  });

  it('still warns when there is no .dockerignore at all, whatever the context holds', () => {
    expect(lint(NODE_APP, { '/work/app/server.js': '' }).map((f) => `${at(f.range)} ${f.severity} ${f.messageId}`)).toEqual(['3:6-3:7 warning noIgnore']);
  });

  it('walks a bounded part of the context: dependency folders are skipped, deep trees are cut', () => {
    const deep: Record<string, string> = { '/work/app/.dockerignore': 'tmp\n' };
    deep['/work/app/a/b/c/d/e/.env'] = '';
    deep['/work/app/vendor/pkg/.env'] = '';
    // Too deep to see, and the walk is incomplete: the usual entries decide, and ".env" is not excluded, so a hint.
    expect(show(lint(NODE_APP, deep))).toEqual(['3:6-3:7 hint unverified: "COPY ." copies the whole build context and ".dockerignore" does not exclude .git, .env, .env.*, *.pem, *.key and 6 more']);
  });
});
