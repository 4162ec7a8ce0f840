import { describe, expect, it } from 'vitest';
import { autoRemovesInstalls, compileCommand, isToolchainPackage, removedPackages, toolchainInstall } from '../../server/src/knowledge/build-toolchains';
import { parseShell } from '../../server/src/parse/shell';

const cmd = (text: string) => parseShell(text)[0];

describe('toolchain packages', () => {
  it('recognises compilers and SDKs, not headers or runtimes', () => {
    for (const p of ['gcc', 'g++', 'gcc-12', 'gcc-c++', 'make', 'cmake', 'build-essential', 'build-base', 'clang-17', 'golang', 'golang-1.22-go', 'go', 'default-jdk', 'openjdk-17-jdk-headless', 'openjdk17', 'java-17-openjdk-devel', 'maven', 'cargo', 'dotnet-sdk-8.0']) {
      expect(isToolchainPackage(p), p).toBe(true);
    }
    for (const p of ['libpq-dev', 'musl-dev', 'openjdk-17-jre', 'openjdk17-jre', 'golang-github-x-dev', 'makedepend', 'curl', 'python3-dev']) {
      expect(isToolchainPackage(p), p).toBe(false);
    }
  });

  it('reads installs of system package managers with their apk group', () => {
    const apk = toolchainInstall(cmd('apk add --no-cache --virtual .deps gcc musl-dev make'));
    expect(apk?.words.map((w) => w.value)).toEqual(['gcc', 'make']);
    expect(apk?.group).toBe('.deps');
    expect(toolchainInstall(cmd('sudo apt-get install -y gcc=4:12.2.0-3'))?.words.map((w) => w.value)).toEqual(['gcc=4:12.2.0-3']);
    expect(toolchainInstall(cmd('pip install cmake'))).toBeNull();
    expect(toolchainInstall(cmd('apt-get install -y $BUILD_DEPS'))).toBeNull();
  });

  it('reads removals', () => {
    expect(removedPackages(cmd('apt-get purge -y --auto-remove gcc make'))).toEqual(['gcc', 'make']);
    expect(removedPackages(cmd('apk del .build-deps'))).toEqual(['.build-deps']);
    expect(removedPackages(cmd('dnf remove -y gcc-c++'))).toEqual(['gcc-c++']);
    expect(removedPackages(cmd('apt-get install gcc'))).toEqual([]);
  });
});

describe('autoRemovesInstalls', () => {
  it('recognises apt-mark auto followed by purge --auto-remove', () => {
    const cmds = (s: string) => parseShell(s);
    expect(autoRemovesInstalls(cmds("apt-get install -y gcc; apt-mark auto '.*'; apt-get purge -y --auto-remove"))).toBe(true);
    expect(autoRemovesInstalls(cmds("apt-mark auto '.*'; apt-get autoremove -y"))).toBe(true);
    expect(autoRemovesInstalls(cmds('apt-get install -y gcc; apt-get purge -y --auto-remove'))).toBe(false);
    expect(autoRemovesInstalls(cmds("apt-mark auto '.*'"))).toBe(false);
  });
});

describe('compileCommand', () => {
  it('finds compile steps', () => {
    const text = (s: string) => compileCommand(cmd(s))?.text ?? null;
    expect(text('go build -o /app ./cmd')).toBe('go build');
    expect(text('./mvnw -B package -DskipTests')).toBe('./mvnw -B package');
    expect(text('gradle clean build')).toBe('gradle clean build');
    expect(text('cargo build --release')).toBe('cargo build');
    expect(text('make -j4')).toBe('make');
    expect(text('gcc -O2 -o app main.c')).toBe('gcc');
    expect(text('npm run build:prod')).toBe('npm run build:prod');
    expect(text('yarn build')).toBe('yarn build');
    expect(text('dotnet publish -c Release')).toBe('dotnet publish');
  });

  it('ignores commands that do not compile', () => {
    for (const s of ['go test ./...', 'go mod download', 'npm ci', 'npm run start', 'mvn dependency:go-offline', 'cargo fetch', 'dotnet restore', 'echo make', 'rustc --version', 'gcc', 'make --version']) {
      expect(compileCommand(cmd(s)), s).toBeNull();
    }
  });
});
