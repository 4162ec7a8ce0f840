import { describe, expect, it } from 'vitest';
import { cachesLeft, cacheMountTargets, clearedCache } from '../../server/src/knowledge/package-caches';
import { parseDockerfile } from '../../server/src/parse/dockerfile';
import { parseShell } from '../../server/src/parse/shell';

/** The cache kinds a one-RUN Dockerfile leaves, with the install word of each. */
function left(run: string, pipNoCache = false): string[] {
  const model = parseDockerfile(`FROM x\n${run}\n`);
  const instr = model.instructions[1];
  return cachesLeft(instr, model.shell(instr), { pipNoCache, aptKeepsArchives: false }).map((c) => `${c.kind}:${c.sub.value}`);
}

describe('cachesLeft', () => {
  it.each([
    ['RUN apt-get update && apt-get install -y a && apt-get install -y b', ['apt:install']],
    ['RUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/*', []],
    ['RUN apt-get update && apt-get install -y a && find /var/lib/apt/lists -type f -delete', []],
    ['RUN apt-get install -y ./a.deb', []],
    ['RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y a', []],
    ['RUN apk add a && apk add b', ['apk:add', 'apk:add']],
    ['RUN apk add a && rm -rf /var/cache/apk', []],
    ['RUN pip install a && pip3 install --no-cache-dir b', ['pip:install']],
    ['RUN --mount=type=cache,dst=/root/.cache pip install a', []],
    ['RUN pip install a && rm -rf ~/.cache/pip', []],
    ['RUN yum install -y a && yum clean all', []],
    ['RUN yum install -y a && yum clean packages', ['yum:install']],
    ['RUN tdnf install -y a && rm -rf /var/cache/tdnf', ['yum:install']],
    ['RUN dnf install -y a && rm -rf /var/cache/dnf', []],
    ['RUN zypper in -y a', ['zypper:in']],
    ['RUN npm install -g a', []],
    ['RUN yum clean all && yum install -y a', ['yum:install']],
    ['RUN dnf in -y a && dnf upgrade -y', ['yum:in']],
    ['RUN dnf upgrade -y', ['yum:upgrade']],
    ['RUN dnf -y upgrade && dnf clean all', []],
    ['RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y a', ['apt:install']],
    ['RUN apt-get update && apt-get upgrade -y', ['apt:upgrade']],
    ['RUN apt-get update', []],
    ['RUN rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/*', ['aptArchives:install']],
    ['RUN rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y a && apt-get clean && rm -rf /var/lib/apt/lists/*', []],
    ['RUN --mount=type=cache,target=/var/cache/apt rm -f /etc/apt/apt.conf.d/docker-clean && apt-get install -y ./a.deb', []],
    ['RUN export PIP_NO_CACHE_DIR=1 && pip install a', []],
    ['RUN pip install a && export PIP_NO_CACHE_DIR=1', ['pip:install']],
    ['RUN yarn install --frozen-lockfile', ['yarn:install']],
    ['RUN yarn --production && yarn cache clean', []],
    ['RUN yarn', ['yarn:yarn']],
    ['RUN yarn build', []],
    ['RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install', []],
    ['RUN yarn global add serve && rm -rf /usr/local/share/.cache/yarn', []],
    ['RUN pnpm install --prod', ['pnpm:install']],
    ['RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install --frozen-lockfile', []],
    ['RUN pnpm i && pnpm store prune', []],
    ['RUN apk update', ['apk:update']],
    ['RUN apk update && apk upgrade && apk add a', ['apk:add']],
    ['RUN yarn --version && yarn -v', []],
  ])('%s', (run, expected) => {
    expect(left(run)).toEqual(expected);
  });

  it('PIP_NO_CACHE_DIR from the stage turns the pip cache off', () => {
    expect(left('RUN pip install a', true)).toEqual([]);
  });

  it('an image that removed docker-clean earlier keeps APT archives', () => {
    const model = parseDockerfile('FROM x\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/*\n');
    const instr = model.instructions[1];
    expect(cachesLeft(instr, model.shell(instr), { pipNoCache: false, aptKeepsArchives: true }).map((c) => `${c.kind}:${c.sub.value}`)).toEqual(['aptArchives:install']);
  });
});

describe('clearedCache', () => {
  it.each([
    ['rm -rf /var/lib/apt/lists/*', 'apt'],
    ['rm -rf /var/lib/apt', 'apt'],
    ['apt-get dist-clean', 'apt'],
    ['rm -f /var/cache/apk/*', 'apk'],
    ['dnf clean all', 'yum'],
    ['zypper cc -a', 'zypper'],
    ['pip cache purge', 'pip'],
    ['rm -rf /var/lib/apt/listsx', null],
    ['apt-get clean', 'aptArchives'],
    ['yarn cache clean --all', 'yarn'],
    ['pnpm store prune', 'pnpm'],
    ['rm -rf /root/.local/share/pnpm/store', 'pnpm'],
    ['echo rm -rf /var/lib/apt/lists/*', null],
  ])('%s', (script, kind) => {
    expect(clearedCache(parseShell(script)[0])).toBe(kind);
  });
});

describe('cacheMountTargets', () => {
  it('reads cache and tmpfs mounts, not bind mounts', () => {
    const model = parseDockerfile('FROM x\nRUN --mount=type=cache,target=/var/cache/apt/ --mount=type=tmpfs,destination=/tmp --mount=type=bind,target=/src make\n');
    expect(cacheMountTargets(model.instructions[1])).toEqual(['/var/cache/apt', '/tmp']);
  });
});
