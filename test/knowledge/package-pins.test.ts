import { describe, expect, it } from 'vitest';
import { unpinnedPackages } from '../../server/src/knowledge/package-pins';
import { packageInstall } from '../../server/src/knowledge/packages';
import { parseShell } from '../../server/src/parse/shell';

const unpinned = (script: string) => unpinnedPackages(packageInstall(parseShell(script)[0])!).map((w) => w.value);

describe('unpinnedPackages', () => {
  it.each([
    ['apt-get install -y curl git=1:2.39.5 libc6:i386 nginx/bookworm-backports', ['curl', 'libc6:i386', 'nginx/bookworm-backports']],
    ['apt-get install -y ./a.deb $PKGS ${EXTRA} ${LIST//,/ } lib*', []],
    ['apk add bash=5.2 tini~0.19 "curl>8" jq@edge', ['jq@edge']],
    ['pip install a==1 b~=2.0 "c>=1,<2" "d>=1" e!=2 f "g[x]==1" h', ['d>=1', 'e!=2', 'f', 'h']],
    ['pip install -c constraints.txt a b', []],
    ['pip install . -e ./src https://x/a.whl app-1.0.tar.gz "pkg @ https://x/p.zip"', []],
    ['npm install -g a@1 @s/b@2 c d@latest e@next git+https://x/y.git ./local', ['c', 'd@latest', 'e@next', 'git+https://x/y.git']],
    ['npm install -g git+https://x/y.git#v1.2.0 github:o/r#0a1b2c3d', []],
    ['pip install git+https://x/y.git@main git+https://x/z.git@v2 "lib @ git+https://x/l.git"', ['git+https://x/y.git@main', 'lib @ git+https://x/l.git']],
    ['gem install a:1.0 b', ['b']],
    ['gem install -v 1.0 a b', ['b']],
    ['dnf install -y httpd-2.4.62 java-17-openjdk python3 nginx-1:1.24 "php >= 8.2" db-$V @group ./x.rpm', ['java-17-openjdk', 'python3']],
    ['zypper in -y nginx=1.26 curl', ['curl']],
    ['go install golang.org/x/tools/gopls@v0.16.2 example.com/t@master example.com/u ./cmd/app cmd/vet', ['example.com/t@master', 'example.com/u']],
    ['cargo install ripgrep', []],
  ])('%s', (script, expected) => {
    expect(unpinned(script)).toEqual(expected);
  });
});
