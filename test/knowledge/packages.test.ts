import { describe, expect, it } from 'vitest';
import { managerOf, packageInstall, packageName, splitPackage } from '../../server/src/knowledge/packages';
import { parseShell } from '../../server/src/parse/shell';

/** The install in the first command of a script, as [manager, tool, subcommand, package words]. */
function install(script: string): [string, string, string, string[]] | null {
  const [cmd] = parseShell(script);
  const pi = packageInstall(cmd);
  return pi ? [pi.manager, pi.tool, pi.subcommand.value, pi.words.map((w) => w.value)] : null;
}

describe('packageInstall', () => {
  it.each([
    ['apt-get install -y --no-install-recommends curl ca-certificates', ['apt', 'apt-get', 'install', ['curl', 'ca-certificates']]],
    ['apt-get -y -o Dpkg::Options::=--force-confold install nginx=1.22.1-9', ['apt', 'apt-get', 'install', ['nginx=1.22.1-9']]],
    ['apt-get install -t bookworm-backports -o Acquire::Retries=3 golang', ['apt', 'apt-get', 'install', ['golang']]],
    ['DEBIAN_FRONTEND=noninteractive sudo -E apt install -qqy git', ['apt', 'apt', 'install', ['git']]],
    ['/usr/bin/aptitude install vim', ['apt', 'aptitude', 'install', ['vim']]],
    ['apk add --no-cache --virtual .build-deps gcc musl-dev', ['apk', 'apk', 'add', ['gcc', 'musl-dev']]],
    ['apk --update add -X https://dl-cdn.alpinelinux.org/alpine/edge/testing -t .deps tini', ['apk', 'apk', 'add', ['tini']]],
    ['dnf install -y --setopt=install_weak_deps=False --enablerepo crb python3', ['yum', 'dnf', 'install', ['python3']]],
    ['microdnf install -y shadow-utils-4.9', ['yum', 'microdnf', 'install', ['shadow-utils-4.9']]],
    ['yum -y install httpd', ['yum', 'yum', 'install', ['httpd']]],
    ['tdnf install -y tar', ['yum', 'tdnf', 'install', ['tar']]],
    ['zypper --non-interactive in -y --from repo-oss -t package curl', ['zypper', 'zypper', 'in', ['curl']]],
    ['pip install --no-cache-dir -r requirements.txt flask==3.0.0', ['pip', 'pip', 'install', ['flask==3.0.0']]],
    ['pip3 --disable-pip-version-check install -c constraints.txt -i https://pypi.org/simple "requests[socks]>=2"', ['pip', 'pip3', 'install', ['requests[socks]>=2']]],
    ['python3 -m pip install --upgrade pip setuptools', ['pip', 'python3', 'install', ['pip', 'setuptools']]],
    ['python3.12 -u -mpip install -e . uvicorn', ['pip', 'python3.12', 'install', ['uvicorn']]],
    ['npm install -g --registry https://registry.npmjs.org @angular/cli@17 typescript', ['npm', 'npm', 'install', ['@angular/cli@17', 'typescript']]],
    ['npm i', ['npm', 'npm', 'i', []]],
    ['yarn global add --prefix /usr/local serve@14', ['yarn', 'yarn', 'add', ['serve@14']]],
    ['yarn --cwd web add -D vite', ['yarn', 'yarn', 'add', ['vite']]],
    ['pnpm --filter api add zod', ['pnpm', 'pnpm', 'add', ['zod']]],
    ['gem install bundler -v 2.5.0 --no-document', ['gem', 'gem', 'install', ['bundler']]],
    ['go install -ldflags "-s -w" -tags netgo golang.org/x/tools/gopls@v0.16.0', ['go', 'go', 'install', ['golang.org/x/tools/gopls@v0.16.0']]],
    ['cargo install --locked --version 14.1.0 --features pcre2 ripgrep', ['cargo', 'cargo', 'install', ['ripgrep']]],
    ['apt-get install -y -- -weird-name', ['apt', 'apt-get', 'install', ['-weird-name']]],
  ])('%s', (script, expected) => {
    expect(install(script)).toEqual(expected);
  });

  it.each([
    'apt-get update',
    'apt-get remove -y openssh-server',
    'apk del openssh',
    'pip download flask',
    'npm ci',
    'npm run build',
    'yarn install --frozen-lockfile',
    'python3 -m venv /opt/venv',
    'python3 install.py install',
    'go build ./...',
    'echo apt-get install x',
    'install -m 0755 tool /usr/local/bin/tool',
  ])('%s installs nothing', (script) => {
    expect(install(script)).toBeNull();
  });

  it('keeps option values out of the operands and reports the options', () => {
    const pi = packageInstall(parseShell('apt-get install -y --no-install-recommends -t bookworm-backports curl')[0])!;
    expect(pi.options.map((o) => [o.name, o.value])).toEqual([
      ['-y', null],
      ['--no-install-recommends', null],
      ['-t', 'bookworm-backports'],
    ]);
  });

  it('keeps the offsets of the package words', () => {
    const text = 'RUN apk add --no-cache openssh';
    const pi = packageInstall(parseShell(text, 4)[0])!;
    const w = pi.words[0];
    expect(text.slice(w.start, w.end)).toBe('openssh');
  });
});

describe('packageName and splitPackage', () => {
  it.each([
    ['curl=8.5.0-r0', undefined, 'curl'],
    ['flask==3.0.0', 'pip', 'flask'],
    ['requests>=2,<3', 'pip', 'requests'],
    ['django~=4.2', 'pip', 'django'],
    ['uvicorn[standard]==0.30', 'pip', 'uvicorn'],
    ['lodash@4.17.21', 'npm', 'lodash'],
    ['@types/node@20', 'npm', '@types/node'],
    ['@angular/cli', 'npm', '@angular/cli'],
    ['golang.org/x/tools/gopls@latest', 'go', 'golang.org/x/tools/gopls'],
    ['openssh-server-1.2', 'yum', 'openssh-server-1.2'],
    ['python3.12', undefined, 'python3.12'],
    ['nginx/bookworm-backports', 'apt', 'nginx'],
    ['libc6:i386=2.36-9', 'apt', 'libc6'],
    ['rails:7.1.0', 'gem', 'rails'],
    ['bash~5.2', 'apk', 'bash'],
  ] as const)('%s (%s) -> %s', (word, manager, name) => {
    expect(packageName(word, manager)).toBe(name);
  });

  it('returns the version constraint as written', () => {
    expect(splitPackage('flask==3.0.0', 'pip')).toEqual({ name: 'flask', version: '==3.0.0' });
    expect(splitPackage('uvicorn[standard]>=0.30', 'pip')).toEqual({ name: 'uvicorn', version: '>=0.30' });
    expect(splitPackage('curl')).toEqual({ name: 'curl', version: null });
  });

  it('managerOf maps command names to managers', () => {
    expect(managerOf('/usr/bin/dnf')?.manager).toBe('yum');
    expect(managerOf('pip3.11')?.manager).toBe('pip');
    expect(managerOf('make')).toBeNull();
  });
});
