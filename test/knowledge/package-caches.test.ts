import { describe, expect, it } from 'vitest';
import { cachesLeft, cacheMountTargets, clearedCache } from '../../server/src/knowledge/package-caches';
import { parseDockerfile } from '../../server/src/parse/dockerfile';
import { parseShell } from '../../server/src/parse/shell';

/** The cache kinds a one-RUN Dockerfile leaves, with the install word of each. */
function left(run: string, pipNoCache = false): string[] {
  const model = parseDockerfile(`FROM x\n${run}\n`);
  const instr = model.instructions[1];
  return cachesLeft(instr, model.shell(instr), pipNoCache).map((c) => `${c.kind}:${c.install.subcommand.value}`);
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
  ])('%s', (run, expected) => {
    expect(left(run)).toEqual(expected);
  });

  it('PIP_NO_CACHE_DIR from the stage turns the pip cache off', () => {
    expect(left('RUN pip install a', true)).toEqual([]);
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
    ['apt-get clean', null],
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
