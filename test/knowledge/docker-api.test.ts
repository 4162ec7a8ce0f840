import { describe, expect, it } from 'vitest';
import { dockerdArgs, insecureListenFlags, isDindImage, isLoopbackHost, isPlainApiClientAddress, tcpAddress, tlsVerifyOn } from '../../server/src/knowledge/docker-api';
import { parseShell } from '../../server/src/parse/shell';

const argv = (line: string) => parseShell(line)[0].argv;
const flags = (line: string) => insecureListenFlags(dockerdArgs(argv(line)) ?? []).map((f) => f.address);

describe('tcpAddress', () => {
  it('parses host and port, brackets and empty hosts', () => {
    expect(tcpAddress('tcp://docker:2375')).toEqual({ host: 'docker', port: 2375 });
    expect(tcpAddress('tcp://[::]:2376/')).toEqual({ host: '::', port: 2376 });
    expect(tcpAddress('tcp://:2375')).toEqual({ host: '', port: 2375 });
    expect(tcpAddress('TCP://docker')).toEqual({ host: 'docker', port: null });
    expect(tcpAddress('unix:///var/run/docker.sock')).toBeNull();
    expect(tcpAddress('ssh://me@host')).toBeNull();
  });

  it('knows loopback hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '::1']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['', '0.0.0.0', '10.0.0.1', 'docker', '::']) expect(isLoopbackHost(h)).toBe(false);
  });
});

describe('dockerd command lines', () => {
  it('finds the daemon and its TCP listeners without --tlsverify', () => {
    expect(flags('dockerd -H tcp://0.0.0.0:2375')).toEqual(['tcp://0.0.0.0:2375']);
    expect(flags('/usr/bin/dockerd --host=tcp://:2375 -H unix:///run/docker.sock')).toEqual(['tcp://:2375']);
    expect(flags('dockerd -Htcp://10.1.2.3:2376 --tls')).toEqual(['tcp://10.1.2.3:2376']);
    expect(flags('dockerd-entrypoint.sh dockerd -H=tcp://0.0.0.0:2375')).toEqual(['tcp://0.0.0.0:2375']);
  });

  it('accepts verified, loopback-only, config-file and non-daemon command lines', () => {
    expect(flags('dockerd -H tcp://0.0.0.0:2376 --tlsverify')).toEqual([]);
    expect(flags('dockerd -H tcp://0.0.0.0:2376 --tlsverify=true')).toEqual([]);
    expect(flags('dockerd -H tcp://127.0.0.1:2375')).toEqual([]);
    expect(flags('dockerd --config-file /etc/docker/daemon.json -H tcp://0.0.0.0:2375')).toEqual([]);
    expect(flags('dockerd-entrypoint.sh --host=tcp://0.0.0.0:2375')).toEqual([]);
    expect(flags('docker -H tcp://0.0.0.0:2375 ps')).toEqual([]);
    expect(flags('dockerd -H tcp://0.0.0.0:2375 --tlsverify=false')).toEqual(['tcp://0.0.0.0:2375']);
  });
});

describe('clients and images', () => {
  it('reports plain-port client addresses outside loopback and proxies', () => {
    expect(isPlainApiClientAddress('tcp://docker:2375')).not.toBeNull();
    expect(isPlainApiClientAddress('tcp://docker')).not.toBeNull();
    expect(isPlainApiClientAddress('tcp://docker:2376')).toBeNull();
    expect(isPlainApiClientAddress('tcp://localhost:2375')).toBeNull();
    expect(isPlainApiClientAddress('tcp://socket-proxy:2375')).toBeNull();
    expect(isPlainApiClientAddress('unix:///var/run/docker.sock')).toBeNull();
  });

  it('reads DOCKER_TLS_VERIFY as the Docker CLI does, but takes 0/false as off', () => {
    expect(tlsVerifyOn('1')).toBe(true);
    expect(tlsVerifyOn('yes')).toBe(true);
    expect(tlsVerifyOn('0')).toBe(false);
    expect(tlsVerifyOn('')).toBe(false);
    expect(tlsVerifyOn(null)).toBe(false);
  });

  it('recognises docker:dind and its tags', () => {
    for (const i of ['docker:dind', 'docker:27-dind', 'docker:27.3.1-dind-alpine3.20', 'docker:dind-rootless', 'docker', 'docker:27', 'docker.io/library/docker:latest', 'mirror.gcr.io/library/docker:27']) {
      expect(isDindImage(i), i).toBe(true);
    }
    for (const i of ['docker:27-cli', 'docker:cli', 'docker:windowsservercore', 'docker/compose:1.29', 'acme/docker:1', '${IMG}']) expect(isDindImage(i), i).toBe(false);
  });
});
