import { isMap, isScalar } from 'yaml';
import { addMapEntries, ownValue, replaceNode } from '../edit/yaml-edits';
import { defineRule } from '../rule-api/rule';
import type { TextEdit } from '../core/types';
import { composeListeners, dockerdArgs, emptyCertdir, insecureListenFlags, isAnyInterface, isDindImage, isPlainApiClientAddress, PLAIN_API_PORT, servesPlainApi, tlsVerifyOn } from '../knowledge/docker-api';
import { instructionCommands } from '../knowledge/commands';
import type { ComposeModel } from '../parse/compose';
import { environment, ports, type PortMapping } from '../parse/compose-values';
import { firstInChain, type DfProperty, type Stage } from '../parse/dockerfile';
import { effectiveArgv } from '../parse/shell';
import { substitute } from '../parse/variables';

/** Container port 2375, alone or at an end of a range (`2375-2376`); a wide range that merely spans it says nothing. */
const isPlainPort = (target: string) => {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(substitute(target, () => undefined).value.trim());
  return !!m && (Number(m[1]) === PLAIN_API_PORT || Number(m[2]) === PLAIN_API_PORT);
};

/** Rewrites a port mapping to publish on 127.0.0.1 only; null when it cannot be edited in place. */
function bindToLoopback(model: ComposeModel, p: PortMapping): TextEdit | null {
  if (p.inherited) return null;
  if (isMap(p.node)) {
    const ip = model.entriesOf(p.node).get('host_ip');
    if (ip) return ip.via || !isScalar(ip.value) ? null : replaceNode(model, ip.value, '127.0.0.1');
    return addMapEntries(model, p.node, { host_ip: '127.0.0.1' });
  }
  const [s, e] = model.offsetsOf(p.node)!;
  const raw = model.text.slice(s, e);
  const q = raw[0] === '"' || raw[0] === "'" ? raw[0] : '';
  const inner = q ? raw.slice(1, -1) : raw;
  if (inner.includes('\\') || inner.includes("''")) return null;
  // What follows the host address, from its first `:`.
  let rest: string;
  if (inner.startsWith('[')) rest = inner.slice(inner.indexOf(']') + 1);
  else if (p.hostIp !== null) rest = inner.slice(p.hostIp.length);
  else if (inner.startsWith(':')) rest = inner;
  else rest = (p.published === null ? '::' : ':') + inner;
  const text = `127.0.0.1${rest}`;
  return { range: model.index.range(s, e), newText: q + text + q };
}

export default defineRule({
  meta: {
    id: 'no-exposed-docker-api',
    practice: 2,
    title: 'Do not expose the Docker API without TLS',
    severity: 'error',
    kind: 'risk',
    severityReason: 'An error: an unauthenticated Engine API on the network is root on the host for anyone who finds it.',
    targets: ['dockerfile', 'compose'],
    fix: 'suggestion',
    docs: {
      summary:
        'The Docker Engine API is reachable over plain TCP: `dockerd -H tcp://0.0.0.0:2375` without `--tlsverify`, a Compose ' +
        'service publishing container port 2375 on every interface, a docker:dind service or image with an empty ' +
        '`DOCKER_TLS_CERTDIR`, or a client whose `DOCKER_HOST` is `tcp://…:2375` outside loopback without `DOCKER_TLS_VERIFY`.',
      rationale:
        'The Engine API has no authentication of its own: whoever can open a connection to it can start a privileged container ' +
        'that mounts the host\'s root filesystem, which is root on the host. On port 2375 the API answers anyone on the network, ' +
        'and scanners look for exactly that port. `--tls` without `--tlsverify` encrypts the traffic but still lets every client ' +
        'in. A client configured for `tcp://…:2375` shows that a daemon somewhere listens that way. Not reported: loopback ' +
        'addresses, hosts named like a socket proxy, a `DOCKER_HOST` that names a service of the same file whose daemon keeps ' +
        'TLS on, `EXPOSE 2375` (it publishes nothing, and docker:dind exposes it while using TLS by default), and ' +
        '`DOCKER_TLS_VERIFY=0` on its own (the Docker CLI treats any non-empty value, `0` included, as "verify").',
      howToFix:
        'Prefer the Unix socket or `ssh://user@host` for remote access. If TCP is required, listen on 2376 with ' +
        '`--tlsverify --tlscacert --tlscert --tlskey` and give clients certificates (`DOCKER_TLS_VERIFY=1`, `DOCKER_CERT_PATH`). ' +
        'For docker:dind keep the default `DOCKER_TLS_CERTDIR=/certs` and share the client certificates through a volume. ' +
        'Publish the port to `127.0.0.1` at most; on a shared network, put a filtering socket proxy in front of the daemon.',
      references: [
        'https://docs.docker.com/engine/security/protect-access/',
        'https://docs.docker.com/engine/daemon/remote-access/',
        'https://hub.docker.com/_/docker',
      ],
    },
    messages: {
      daemon: 'dockerd listens on "{address}" without "--tlsverify": anyone who can reach that address controls the Docker daemon',
      client: '"DOCKER_HOST={value}" talks to the Docker API over plain TCP, so the daemon there answers anyone who can reach it; use ssh:// or TLS on port 2376',
      certdir: 'An empty "DOCKER_TLS_CERTDIR" makes the docker:dind daemon listen on port 2375 without TLS; keep the default so it generates certificates',
      port: 'Service "{service}" publishes the Docker API port 2375 on every interface: anyone who can reach this host controls the daemon behind it',
    },
    examples: {
      bad: [
        { kind: 'compose', code: 'services:\n  dind:\n    image: docker:27-dind\n    privileged: true\n    ports:\n      - "2375:2375"\n' },
        { kind: 'dockerfile', code: 'FROM docker:27-dind\nENTRYPOINT ["dockerd", "--host=tcp://0.0.0.0:2375"]\n' },
      ],
      good: [
        { kind: 'compose', code: 'services:\n  ci:\n    image: docker:27-cli\n    environment:\n      DOCKER_HOST: ssh://deploy@build-host\n' },
        { kind: 'dockerfile', code: 'FROM docker:27-dind\nENTRYPOINT ["dockerd", "--host=tcp://0.0.0.0:2376", "--tlsverify"]\n' },
      ],
    },
  },
  dockerfile({ model, report }) {
    // What a stage's chain says, walked once per stage: asked for every ENV and ARG, a chain of
    // thousands of stages, or thousands of DOCKER_HOST lines, took quadratic time.
    const tlsVerify = new Map<Stage, DfProperty | undefined>();
    const roots = new Map<Stage, Stage | undefined>();
    for (const top of model.instructions) {
      const instr = top.trigger ?? top;
      if (instr.keyword === 'ENV' || instr.keyword === 'ARG') {
        const tlsVerifyValue = () =>
          top.stage ? (firstInChain(top.stage, tlsVerify, (s) => s.instructions.filter((i) => i.keyword === 'ENV').flatMap((i) => i.properties).find((p) => p.name === 'DOCKER_TLS_VERIFY'))?.value ?? null) : null;
        for (const p of instr.properties) {
          if (p.value === null || !p.valueRange) continue;
          const value = model.resolve(p.value, top);
          if (value.unresolved.length > 0) continue;
          if (p.name === 'DOCKER_HOST' && isPlainApiClientAddress(value.value) && !tlsVerifyOn(tlsVerifyValue())) {
            report({ messageId: 'client', data: { value: value.value }, range: p.valueRange });
          }
          if (p.name !== 'DOCKER_TLS_CERTDIR' || instr.keyword !== 'ENV' || value.value !== '') continue;
          const base = top.stage ? firstInChain(top.stage, roots, (s) => (s.baseStage === null ? s : undefined))?.image?.text : undefined;
          if (base && isDindImage(base)) {
            report({ messageId: 'certdir', range: p.valueRange.start.character === p.valueRange.end.character ? p.range : p.valueRange });
          }
        }
      } else if (['RUN', 'CMD', 'ENTRYPOINT'].includes(instr.keyword)) {
        for (const cmd of instructionCommands(model, top)) {
          for (const f of insecureListenFlags(dockerdArgs(effectiveArgv(cmd)) ?? [])) {
            report({ messageId: 'daemon', data: { address: f.address }, range: model.range(f.word.start, f.word.end) });
          }
        }
      }
    }
  },
  compose({ model, report, fix }) {
    const plain = new Set(model.services.filter((s) => servesPlainApi(model, s)).map((s) => s.name));
    for (const service of model.services) {
      const env = environment(model, service.get('environment'));
      const get = (name: string) => env.find((v) => v.name === name);
      const host = get('DOCKER_HOST');
      const hostValue = host?.value != null ? substitute(host.value, () => undefined) : null;
      const address = hostValue && hostValue.unresolved.length === 0 ? isPlainApiClientAddress(hostValue.value) : null;
      // A service of this file answers there: report only when it really serves the API without TLS.
      const inFile = address && model.serviceNamed(address.host) !== undefined;
      if (host && address && (!inFile || plain.has(address.host)) && !tlsVerifyOn(get('DOCKER_TLS_VERIFY')?.value ?? null)) {
        report({ messageId: 'client', data: { value: hostValue!.value }, range: host.valueRange ?? host.range });
      }
      const certdir = emptyCertdir(model, service);
      if (certdir) report({ messageId: 'certdir', range: certdir.valueRange ?? certdir.range });
      const portsEntry = service.get('ports');
      for (const p of ports(model, portsEntry)) {
        if (p.protocol.toLowerCase() !== 'tcp' || !isAnyInterface(p.hostIp) || !isPlainPort(p.target)) continue;
        const edit = ownValue(portsEntry!.pair) ? bindToLoopback(model, p) : null;
        const fixes = edit ? [fix('Publish port 2375 on 127.0.0.1 only', [edit])] : [];
        report({ messageId: 'port', data: { service: service.name }, range: p.range, fixes });
      }
      for (const { flag, entry } of composeListeners(model, service)) {
        report({ messageId: 'daemon', data: { address: flag.address }, range: entry.via ? entry.range : model.index.range(flag.word.start, flag.word.end) });
      }
    }
  },
});
