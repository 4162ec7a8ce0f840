import { describe, expect, it } from 'vitest';
import { modeBits, shellModeChange, withoutOtherWrite } from '../../server/src/knowledge/file-modes';
import { parseShell } from '../../server/src/parse/shell';

describe('modeBits', () => {
  it.each([
    ['4755', { setuid: true, setgid: false, sticky: false, otherWrite: false, execute: true }],
    ['02775', { setuid: false, setgid: true, sticky: false, otherWrite: false, execute: true }],
    ['1777', { setuid: false, setgid: false, sticky: true, otherWrite: true, execute: true }],
    ['666', { setuid: false, setgid: false, sticky: false, otherWrite: true, execute: false }],
    ['u+s', { setuid: true, setgid: false, sticky: false, otherWrite: false, execute: false }],
    ['+s', { setuid: true, setgid: true, sticky: false, otherWrite: false, execute: false }],
    ['ug=rwxs,o=rx', { setuid: true, setgid: true, sticky: false, otherWrite: false, execute: true }],
    ['a+rwX', { setuid: false, setgid: false, sticky: false, otherWrite: true, execute: true }],
    ['o+w,+t', { setuid: false, setgid: false, sticky: true, otherWrite: true, execute: false }],
    ['+w', { setuid: false, setgid: false, sticky: false, otherWrite: false, execute: false }],
    ['u-s,o-w', { setuid: false, setgid: false, sticky: false, otherWrite: false, execute: false }],
  ])('%s', (mode, bits) => {
    expect(modeBits(mode)).toEqual(bits);
  });

  it.each(['$MODE', '/usr/bin/x', '8755', '12345', 'u+q'])('%s cannot be read', (mode) => {
    expect(modeBits(mode)).toBeNull();
  });
});

describe('withoutOtherWrite', () => {
  it.each([
    ['777', '775'],
    ['0666', '0664'],
    ['2777', '2775'],
    ['772', '770'],
    ['a+w', null],
  ])('%s -> %s', (mode, out) => {
    expect(withoutOtherWrite(mode)).toBe(out);
  });
});

describe('shellModeChange', () => {
  const change = (script: string) => {
    const c = shellModeChange(parseShell(script)[0]);
    return c && { tool: c.tool, mode: script.slice(c.mode.start, c.mode.end), targets: c.targets.map((t) => t.value), directories: c.directories };
  };

  it.each([
    ['chmod -R 777 /app /data', { tool: 'chmod', mode: '777', targets: ['/app', '/data'], directories: false }],
    ['sudo chmod -v u+s /bin/x', { tool: 'chmod', mode: 'u+s', targets: ['/bin/x'], directories: false }],
    ['chmod -x /bin/x', { tool: 'chmod', mode: '-x', targets: ['/bin/x'], directories: false }],
    ['install -Dm4755 a /usr/bin/a', { tool: 'install', mode: '4755', targets: ['a', '/usr/bin/a'], directories: false }],
    ['install -o root -m 0755 a /usr/bin/', { tool: 'install', mode: '0755', targets: ['a', '/usr/bin/'], directories: false }],
    ['install -d --mode=2775 /srv', { tool: 'install', mode: '2775', targets: ['/srv'], directories: true }],
    ['mkdir -p -m 1777 /scratch', { tool: 'mkdir', mode: '1777', targets: ['/scratch'], directories: true }],
  ])('%s', (script, expected) => {
    expect(change(script)).toEqual(expected);
  });

  it.each(['chmod --reference=/bin/ls /x', 'install a b', 'mkdir -p /x', 'chown 777 /x'])('%s sets no mode', (script) => {
    expect(change(script)).toBeNull();
  });
});
