import { describe, expect, it } from 'vitest';
import { downloadedFile, fileUse, unpacksStdin, verifies } from '../../server/src/knowledge/download-checks';
import { parseShell } from '../../server/src/parse/shell';

const first = (script: string) => parseShell(script)[0];

describe('downloadedFile', () => {
  it.each([
    ['curl -fsSLo /tmp/a.tgz https://x/a.tgz', '/tmp/a.tgz', false],
    ['curl -fsSL --output a.tgz https://x/b', 'a.tgz', false],
    ['curl -fsSLO https://x/dl/a-1.0.tar.gz?x=1#y', 'a-1.0.tar.gz', false],
    ['wget https://x/dl/b.zip', 'b.zip', false],
    ['wget -qO /usr/local/bin/jq https://x/jq', '/usr/local/bin/jq', false],
    ['curl -fsSL https://x/a.tgz > /tmp/a.tgz', '/tmp/a.tgz', false],
    ['curl -fsSL https://x/a.tgz', null, true],
    ['wget -qO- https://x/a.tgz', null, true],
    ['wget https://x/', null, false],
  ])('%s', (script, path, stream) => {
    const f = downloadedFile(first(script));
    expect(f && { path: f.path, stream: f.stream }).toEqual({ path, stream });
  });

  it('is null for other commands', () => {
    expect(downloadedFile(first('tar -xzf a.tgz'))).toBeNull();
  });
});

describe('fileUse', () => {
  it.each([
    ['tar -xzf /tmp/a.tgz -C /opt', '/tmp/a.tgz', 'extract'],
    ['tar xzf a.tgz', '/tmp/a.tgz', null],
    ['tar xzf /tmp/a.tgz', 'a.tgz', 'extract'],
    ['tar --extract --file=a.tgz', 'a.tgz', 'extract'],
    ['tar -czf a.tgz /src', 'a.tgz', null],
    ['unzip -q ./b.zip -d /opt', 'b.zip', 'extract'],
    ['xz -d /tmp/c.xz', '/tmp/c.xz', 'extract'],
    ['./install.sh --yes', 'install.sh', 'run'],
    ['bash -x /tmp/i.sh', '/tmp/i.sh', 'run'],
    ['bash -c i.sh', 'i.sh', null],
    ['sh -n /usr/local/bin/dind', '/usr/local/bin/dind', null],
    ['python3 get-pip.py', 'get-pip.py', 'run'],
    ['java -jar /opt/app.jar', '/opt/app.jar', 'run'],
    ['kubectl version', '/usr/local/bin/kubectl', 'run'],
    ['kubectl version', '/tmp/kubectl', null],
    ['chmod +x /usr/local/bin/kubectl', '/usr/local/bin/kubectl', 'executable'],
    ['chmod 0755 tool', 'tool', 'executable'],
    ['chmod 0644 tool', 'tool', null],
    ['dpkg -i /tmp/*.deb', '/tmp/x.deb', 'install'],
    ['rpm -Uvh z.rpm', 'z.rpm', 'install'],
    ['apt-get install -y ./y.deb', '/tmp/y.deb', 'install'],
    ['apk add --allow-untrusted p.apk', 'p.apk', 'install'],
    ['apk add p.apk', 'p.apk', null],
    ['install -m 0755 tool /usr/local/bin/tool', 'tool', 'install'],
  ])('%s uses %s: %s', (script, path, use) => {
    expect(fileUse(first(script), path)).toBe(use);
  });
});

describe('unpacksStdin', () => {
  it.each([
    ['tar -xz -C /opt', true],
    ['tar xzf - -C /opt', true],
    ['tar -xzf a.tgz', false],
    ['gunzip', true],
    ['xz -d', true],
    ['sha256sum', false],
  ])('%s', (script, yes) => {
    expect(unpacksStdin(first(script))).toBe(yes);
  });
});

describe('verifies', () => {
  /** True when any command of the script verifies. */
  const any = (script: string) => parseShell(script).some(verifies);

  it.each([
    'echo "$SHA  a.tgz" | sha256sum -c -',
    'sha512sum --check --strict a.sha512',
    'shasum -a 256 -c a.sha256',
    'sha256sum a.tgz | grep -q "$SHA"',
    'test "$(sha256sum a.tgz | cut -d" " -f1)" = "$SHA"',
    'gpg --batch --verify a.asc a.tgz',
    'gpgv --keyring ./k.gpg a.sig a',
    'cosign verify-blob --key k.pub --signature a.sig a',
    'minisign -Vm a -P key',
    'openssl dgst -sha256 -verify pub.pem -signature a.sig a',
    'rpm -K a.rpm',
    'gh attestation verify a --owner x',
  ])('%s verifies', (script) => {
    expect(any(script)).toBe(true);
  });

  it.each(['sha256sum a.tgz', 'gpg --import k.asc', 'gpg --recv-keys ABC', 'cosign sign a', 'echo verify'])('%s does not', (script) => {
    expect(any(script)).toBe(false);
  });
});
