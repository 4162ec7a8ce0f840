import { describe, expect, it } from 'vitest';
import { engineSocket, hostPathOf, sensitiveHostPath } from '../../server/src/knowledge/host-paths';

describe('hostPathOf', () => {
  it.each([
    ['/var/run/docker.sock', '/var/run/docker.sock', true],
    ['//var//run/./docker.sock/', '/var/run/docker.sock', true],
    ['/srv/../etc', '/etc', true],
    ['/', '/', true],
    ['~', '~', true],
    ['~/', '~', true],
    ['~/.ssh', '~/.ssh', true],
    ['~alice/.ssh', '~/.ssh', true],
    ['$HOME/.aws', '~/.aws', true],
    ['${HOME}/.kube/config', '~/.kube/config', true],
    ['${HOME:-/root}/.kube', '~/.kube', true],
    ['C:\\Users\\me\\.ssh', '~/.ssh', true],
    ['${SOCK:-/run/docker.sock}', '/run/docker.sock', true],
    ['$XDG_RUNTIME_DIR/docker.sock', '/docker.sock', false],
    ['\\\\.\\pipe\\docker_engine', '//./pipe/docker_engine', true],
    ['$HOMEDIR/x', '/x', false],
  ])('%s -> %s', (source, path, complete) => {
    expect(hostPathOf(source)).toEqual({ path, complete });
  });

  it.each(['./data', 'data', '../x', '', '  ', 'D:\\data', '${DATA}', '~/../etc'])('%j is not an absolute host path', (source) => {
    expect(hostPathOf(source)).toBeNull();
  });
});

describe('engineSocket', () => {
  const kind = (s: string) => engineSocket(hostPathOf(s)!);
  it('finds sockets by file name, even behind a variable', () => {
    for (const s of ['/var/run/docker.sock', '/run/podman/podman.sock', '/run/k3s/containerd/containerd.sock', '/var/run/crio/crio.sock', '${X}/docker.sock', '/var/run/cri-dockerd.sock', '/var/run/docker.sock.raw', '//./pipe/docker_engine']) {
      expect(kind(s), s).toBe('socket');
    }
  });
  it('finds the directories that hold one, only when fully known', () => {
    for (const s of ['/run', '/var/run/', '/run/containerd', '/var/run/docker/containerd', '/run/user/1000', '/run/user/1000/podman']) expect(kind(s), s).toBe('directory');
    for (const s of ['/run/dbus', '/run/docker', '/run/user/1000/pulse', '/var', '/run/containerd/io.containerd.runtime.v2.task', '${X}/run', '/tmp/app.sock']) expect(kind(s), s).toBeNull();
  });
});

describe('sensitiveHostPath', () => {
  const hit = (s: string, ro = false) => sensitiveHostPath(hostPathOf(s)!, ro)?.why ?? null;
  it('matches exact entries only exactly, tree entries below them too', () => {
    expect(hit('/etc')).toMatch(/configuration/);
    expect(hit('/etc/nginx')).toBeNull();
    expect(hit('/etc/ssh/sshd_config')).toMatch(/SSH keys/);
    expect(hit('/dev')).toMatch(/device/);
    expect(hit('/dev/shm')).toMatch(/shared memory/);
    expect(hit('/dev/null')).toBeNull();
    expect(hit('/dev/snd')).toBeNull();
    expect(hit('/usr')).toMatch(/programs/);
    expect(hit('/usr/share/zoneinfo')).toBeNull();
  });
  it('reports a directory that contains a sensitive one', () => {
    expect(hit('/var')).toBe('contains "/var/lib/docker", which holds every container\'s files and the Docker engine state');
    expect(hit('/home/dev')).toMatch(/home directory/);
    expect(hit('/Users')).toMatch(/every user home/);
  });
  it('skips writable-only entries when mounted read-only', () => {
    expect(hit('/etc/passwd', true)).toBeNull();
    expect(hit('/etc/passwd', false)).toMatch(/root account/);
    expect(hit('/etc/shadow', true)).toMatch(/password hashes/);
  });
  it('leaves sockets, incomplete paths and ordinary paths alone', () => {
    expect(hit('/var/run')).toBeNull();
    expect(hit('/run/docker.sock')).toBeNull();
    expect(hit('${ROOT}/etc')).toBeNull();
    expect(hit('/srv/data')).toBeNull();
    expect(hit('/home/dev/projects')).toBeNull();
  });
});
