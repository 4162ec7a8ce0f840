import { describe, expect, it } from 'vitest';
import { configMount, isConfigFileName } from '../../server/src/knowledge/config-paths';

describe('configMount', () => {
  it.each([
    ['./conf', '/etc/nginx/conf.d', 'etc'],
    ['/etc/resolv.conf', '/etc/resolv.conf', 'etc'],
    ['./x', '/etc/app/', 'etc'],
    ['./nginx.conf', '/tmp/nginx.conf', 'file'],
    ['./settings', '/app/config.yaml', 'file'],
    ['./Caddyfile', '/srv/Caddyfile', 'file'],
    ['.\\my.cnf', '/opt/my.cnf', 'file'],
  ])('%s → %s is configuration (%s)', (source, target, why) => {
    expect(configMount(source, target)).toBe(why);
  });

  it.each([
    ['./data', '/var/lib/mysql'],
    ['./src', '/app'],
    ['./etc', '/app/etc'],
    ['./letsencrypt', '/etc/letsencrypt'],
    ['./gitlab/config', '/etc/gitlab'],
    ['./acme.json', '/acme.json'],
    ['./package.json', '/code/package.json'],
    ['./backend', '/etc'],
  ])('%s → %s is not', (source, target) => {
    expect(configMount(source, target)).toBeNull();
  });
});

describe('isConfigFileName', () => {
  it('reads the last path segment, case-insensitively', () => {
    expect(isConfigFileName('./conf/APP.YML')).toBe(true);
    expect(isConfigFileName('./conf.d/')).toBe(false);
    expect(isConfigFileName('./${NAME}.conf')).toBe(false);
    expect(isConfigFileName('./app.jar')).toBe(false);
  });
});
