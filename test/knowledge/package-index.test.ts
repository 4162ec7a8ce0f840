import { describe, expect, it } from 'vitest';
import { indexCommand, summariseRun } from '../../server/src/knowledge/package-index';
import { clearedCache } from '../../server/src/knowledge/package-caches';
import { parseShell } from '../../server/src/parse/shell';

describe('indexCommand', () => {
  const role = (script: string) => {
    const ic = indexCommand(parseShell(script)[0]);
    return ic && [ic.family, ic.kind, script.slice(ic.start, ic.end)];
  };

  it.each([
    ['apt-get update', ['apt', 'refresh', 'apt-get update']],
    ['DEBIAN_FRONTEND=noninteractive sudo apt-get -qq update', ['apt', 'refresh', 'apt-get -qq update']],
    ['apt install -y curl', ['apt', 'use', 'apt install']],
    ['apt-get install --update -y curl', ['apt', 'fresh-use', 'apt-get install']],
    ['apt-get -o Acquire::Retries=3 upgrade -y', ['apt', 'use', 'apt-get -o Acquire::Retries=3 upgrade']],
    ['apk update', ['apk', 'refresh', 'apk update']],
    ['apk add curl', ['apk', 'use', 'apk add']],
    ['apk --no-cache add curl', ['apk', 'fresh-use', 'apk --no-cache add']],
    ['apk add -U curl', ['apk', 'fresh-use', 'apk add']],
    ['dnf makecache', ['yum', 'refresh', 'dnf makecache']],
    ['yum -y update', ['yum', 'use', 'yum -y update']],
    ['dnf --refresh install -y httpd', ['yum', 'fresh-use', 'dnf --refresh install']],
    ['zypper --non-interactive ref', ['zypper', 'refresh', 'zypper --non-interactive ref']],
    ['zypper in -y nginx', ['zypper', 'use', 'zypper in']],
  ])('%s', (script, expected) => {
    expect(role(script)).toEqual(expected);
  });

  it.each(['apt-get remove -y vim', 'apt-cache policy', 'pip install x', 'echo apt-get update', 'apk del x'])('%s has no index role', (script) => {
    expect(role(script)).toBeNull();
  });
});

describe('summariseRun', () => {
  const sum = (script: string) => {
    const s = summariseRun(parseShell(script), clearedCache);
    return { lone: [...s.lone.keys()], relies: [...s.relies], refreshes: [...s.refreshes] };
  };

  it('a refresh followed by a use is not lone', () => {
    expect(sum('apt-get update && apt-get install -y curl')).toEqual({ lone: [], relies: [], refreshes: ['apt'] });
  });
  it('a use before the refresh relies on an older index, and the refresh stays lone', () => {
    expect(sum('apt-get install -y a; apt-get update')).toEqual({ lone: ['apt'], relies: ['apt'], refreshes: ['apt'] });
  });
  it('deleting the lists after a refresh leaves nothing lone', () => {
    expect(sum('apk update && rm -rf /var/cache/apk/*')).toEqual({ lone: [], relies: [], refreshes: ['apk'] });
  });
  it('a self-refreshing use does not rely on anything', () => {
    expect(sum('apk add --no-cache curl')).toEqual({ lone: [], relies: [], refreshes: [] });
  });
});
