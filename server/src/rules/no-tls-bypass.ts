import type { Node } from 'yaml';
import { defineRule } from '../rule-api/rule';
import type { TextEdit } from '../core/types';
import { removeProperty, removeWords, replace } from '../edit/dockerfile-edits';
import { ownPair, ownValue, removeItemOrKey, removePair } from '../edit/yaml-edits';
import { instructionCommands } from '../knowledge/commands';
import { commandBypasses, insecureEnv, verifiedFiles, verifiedInstall, type Bypass } from '../knowledge/tls-bypass';
import type { ComposeModel, Service } from '../parse/compose';
import { environment, isMap, isPair, isSeq, path, type EnvVar } from '../parse/compose-values';
import type { DfInstruction, DfProperty, DockerfileModel } from '../parse/dockerfile';
import type { ShellCommand } from '../parse/shell';
import { substitute } from '../parse/variables';
import { lifecycleScripts } from '../parse/devcontainer-commands';
import { removeNode } from '../edit/json-edits';

/**
 * Removes a bypass that is an option (`-k`, `--trusted-host h`, `-o Acquire::...=false`), the `k` of a
 * combined curl flag (`-fsSLk`), or a variable assignment in front of a command; null for
 * configuration commands and text, where removing words would leave a broken command.
 */
function bypassEdits(model: DockerfileModel, instr: DfInstruction, cmd: ShellCommand, b: Bypass): { title: string; edits: TextEdit[] } | null {
  const words = cmd.words.filter((w) => w.start >= b.start && w.end <= b.end);
  const first = words[0];
  if (!first) return null;
  const raw = model.text.slice(first.start, first.end);
  if (words.length === 1 && b.tool === 'curl' && /^-[A-Za-z0-9#:]{2,}$/.test(raw) && raw.includes('k')) {
    const at = first.start + raw.indexOf('k');
    return { title: `Remove "k" from "${raw}"`, edits: [replace(model, at, at + 1, '')] };
  }
  const prefix = /^[A-Za-z_][A-Za-z0-9_]*=/.test(first.value) && cmd.argv.length > 0 && first.end <= cmd.argv[0].start;
  if (!prefix && !first.value.startsWith('-')) return null;
  const text = model.text.slice(b.start, b.end).replace(/\\\r?\n\s*/g, ' ');
  return { title: `Remove "${text.length > 60 ? text.slice(0, 57) + '...' : text}"`, edits: removeWords(model, instr, words) };
}

/** Removes a Compose variable from `environment` or `build.args` (the whole key when no other variable is left). */
function removeVariable(model: ComposeModel, service: Service, v: EnvVar, where: 'environment' | 'args', together: EnvVar[]): TextEdit | null {
  if (v.inherited || !service.map || !ownValue(service.pair)) return null;
  const buildPair = where === 'args' ? ownPair(service.map, 'build') : undefined;
  const parent = where === 'args' ? (buildPair && ownValue(buildPair) && isMap(buildPair.value) ? buildPair.value : null) : service.map;
  const pair = parent && ownPair(parent, where);
  if (!parent || !pair) return null;
  const value = pair.value;
  const item = isMap(value) ? value.items.find((p) => p.key === v.node) : v.node;
  const keys = new Set(together.map((t) => t.node));
  const all = (isMap(value) || isSeq(value)) && (value.items as unknown[]).every((i) => keys.has((isPair(i) ? i.key : i) as Node));
  if (all && ownValue(pair)) return removePair(model, parent, pair);
  return item ? removeItemOrKey(model, parent, pair, item) : null;
}

export default defineRule({
  meta: {
    id: 'no-tls-bypass',
    practice: 10,
    title: 'Keep TLS and signature checks on',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'A download without TLS or signature checks can be replaced by anyone on the network path.',
    targets: ['dockerfile', 'compose', 'devcontainer'],
    fix: 'suggestion',
    docs: {
      summary:
        'A build step, a dev container lifecycle command or an environment variable (`ENV`, Compose `environment`, dev container `containerEnv`/`remoteEnv`) turns off TLS certificate checks or package signature checks ' +
        '(`curl -k`, `wget --no-check-certificate`, `apt-get --allow-unauthenticated`, `apk --allow-untrusted`, ' +
        '`dnf --nogpgcheck`, `dnf`/`yum-config-manager --setopt=sslverify=0`, `rpm --nosignature`/`--noverify`/`--nofiledigest`, ' +
        '`pip --trusted-host`, `npm`/`yarn config set strict-ssl false`, `git -c http.sslVerify=false`, ' +
        '`NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, `GIT_SSL_NO_VERIFY`, `GOINSECURE`, `deb [trusted=yes] https://...` ' +
        'written to a file). Text that `echo` only prints, and `apk add --allow-untrusted` of a package whose signature a `gpg --verify` ' +
        'of the same `RUN` checked first, are not reported.',
      rationale:
        'TLS certificates and package signatures are what prove a download came from the server or publisher you ' +
        'named. With the check off, anyone on the network path (a proxy, a hostile Wi-Fi, a poisoned DNS answer, a ' +
        'compromised mirror) can hand the build a different file, and it lands in the image without a trace. ' +
        'Variables set with `ENV` or in Compose `environment` also weaken every connection the running application ' +
        'makes. Note that git turns verification off whenever `GIT_SSL_NO_VERIFY` exists, even set to `0`.',
      howToFix:
        'Remove the flag or variable. When a corporate proxy or a private registry uses its own certificate ' +
        'authority, add that CA to the image (`COPY corp-ca.crt /usr/local/share/ca-certificates/` then ' +
        '`update-ca-certificates`) or point the tool at it (`curl --cacert`, `PIP_CERT`, `NODE_EXTRA_CA_CERTS`, ' +
        '`git config http.sslCAInfo`). For package signatures, import the repository key (`signed-by=` in the APT ' +
        'source, `rpm --import`, the key in `/etc/apk/keys`). The quick fix removes the flag (with its value), the `k` of a ' +
        'combined curl flag such as `-fsSLk`, the `ENV`/`ARG` variable or the Compose entry; it is only offered, since a ' +
        'build that relied on the bypass fails until the CA or key is in place. Configuration commands (`npm config set ' +
        'strict-ssl false`, `git config http.sslVerify false`) and text written to files have no automatic fix.',
      references: [
        'https://docs.docker.com/engine/network/ca-certs/',
        'https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue',
        'https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpsslVerify',
        'https://wiki.debian.org/DebianRepository/UseThirdParty',
      ],
    },
    messages: {
      tls: '"{text}" turns off TLS certificate checks in {tool}; remove it and trust the server\'s CA certificate instead',
      signature: '"{text}" lets {tool} install packages without a valid signature; remove it and import the repository key instead',
      devcontainerTls: '"{text}" in {key} turns off TLS certificate checks in {tool}; remove it and trust the server\'s CA certificate instead',
      devcontainerSignature: '"{text}" in {key} lets {tool} install packages without a valid signature; remove it and import the repository key instead',
    },
    examples: {
      bad: [
        { kind: 'dockerfile', code: 'FROM debian:12\nRUN curl -fsSLk https://example.com/tool.tgz -o /tmp/tool.tgz\n' },
        { kind: 'compose', code: 'services:\n  api:\n    image: node:22\n    environment:\n      NODE_TLS_REJECT_UNAUTHORIZED: "0"\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "postCreateCommand": "git config --global http.sslVerify false"\n}\n' },
      ],
      good: [
        {
          kind: 'dockerfile',
          code: 'FROM debian:12\nCOPY corp-ca.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates && curl -fsSL https://example.com/tool.tgz -o /tmp/tool.tgz\n',
        },
        { kind: 'compose', code: 'services:\n  api:\n    image: node:22\n    environment:\n      NODE_EXTRA_CA_CERTS: /certs/corp-ca.pem\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "containerEnv": { "NODE_EXTRA_CA_CERTS": "/certs/corp-ca.pem" }\n}\n' },
      ],
    },
    aliases: {
      checkov: [
        'CKV2_DOCKER_2', 'CKV2_DOCKER_3', 'CKV2_DOCKER_4', 'CKV2_DOCKER_5', 'CKV2_DOCKER_6', 'CKV2_DOCKER_7', 'CKV2_DOCKER_8',
        'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11', 'CKV2_DOCKER_12', 'CKV2_DOCKER_13', 'CKV2_DOCKER_14',
        'CKV2_DOCKER_15', 'CKV2_DOCKER_16', 'CKV2_DOCKER_18',
      ],
    },
  },
  dockerfile({ model, report, fix }) {
    const short = (s: string) => (s.length > 60 ? s.slice(0, 57) + '...' : s);
    for (const outer of model.instructions) {
      const instr = outer.trigger ?? outer;
      if (instr.keyword === 'RUN') {
        const cmds = instructionCommands(model, outer);
        const verified = new Set<string>();
        cmds.forEach((cmd, i) => {
          // `gpg --verify x.apk.asc x.apk && apk add --allow-untrusted x.apk` checks the signature itself.
          for (const f of verifiedFiles(cmd)) verified.add(f);
          for (const b of commandBypasses(cmd, model.text, cmds[i + 1])) {
            if (b.kind === 'signature' && verifiedInstall(cmd, verified)) continue;
            const text = short(model.text.slice(b.start, b.end).replace(/\\\r?\n\s*/g, ' '));
            const removal = bypassEdits(model, instr, cmd, b);
            report({ messageId: b.kind, data: { text, tool: b.tool }, range: model.range(b.start, b.end), fixes: removal ? [fix(removal.title, removal.edits)] : [] });
          }
        });
      } else if (instr.keyword === 'ENV' || instr.keyword === 'ARG') {
        const toolOf = (p: DfProperty) => {
          if (p.value === null) return null;
          const resolved = model.resolve(p.value, instr);
          // An unresolved value still counts where any value turns the check off (GIT_SSL_NO_VERIFY).
          return insecureEnv(p.name, resolved.unresolved.length > 0 ? '' : resolved.value);
        };
        const flagged = instr.properties.filter((p) => toolOf(p));
        for (const p of flagged) {
          const tool = toolOf(p);
          if (tool) {
            const fixes = [fix(`Remove "${short(`${p.name}=${p.value}`)}"`, [removeProperty(model, instr, p, flagged)])];
            report({ messageId: 'tls', data: { text: short(`${p.name}=${p.value}`), tool }, range: p.range, fixes });
          }
        }
      }
    }
  },
  devcontainer({ model, report, fix }) {
    const short = (t: string) => (t.length > 60 ? t.slice(0, 57) + '...' : t);
    for (const script of lifecycleScripts(model)) {
      for (const cmd of script.commands) {
        for (const b of commandBypasses(cmd, script.text)) {
          const text = short(script.text.slice(b.start, b.end));
          const range = model.range(script.source(b.start), script.source(b.end));
          report({ messageId: b.kind === 'tls' ? 'devcontainerTls' : 'devcontainerSignature', data: { text, tool: b.tool, key: script.key }, range });
        }
      }
    }
    for (const key of ['containerEnv', 'remoteEnv']) {
      for (const [name, p] of model.properties(model.get(key)?.value)) {
        const value = model.stringValue(p.value);
        const tool = value === null ? null : insecureEnv(name, value.includes('${') ? '' : value);
        if (tool) report({ messageId: 'devcontainerTls', data: { text: short(`${name}=${value}`), tool, key }, range: p.range, fixes: [fix(`Remove "${name}"`, removeNode(model, p.node))] });
      }
    }
  },
  compose({ model, report, fix }) {
    for (const service of model.services) {
      const build = service.get('build');
      const env = environment(model, service.get('environment')).map((v) => [v, 'environment'] as const);
      const args = environment(model, path(model, build, 'args')).map((v) => [v, 'args'] as const);
      const insecure = (v: EnvVar) => {
        if (v.value === null) return null;
        const resolved = substitute(v.value, () => undefined);
        return insecureEnv(v.name, resolved.unresolved.length > 0 ? '' : resolved.value);
      };
      const flagged = [...env, ...args].filter(([v]) => insecure(v));
      for (const [v, where] of flagged) {
        const tool = insecure(v)!;
        const edit = removeVariable(model, service, v, where, flagged.filter(([, w]) => w === where).map(([x]) => x));
        report({ messageId: 'tls', data: { text: `${v.name}=${v.value}`, tool }, range: v.range, fixes: edit ? [fix(`Remove "${v.name}"`, [edit])] : [] });
      }
    }
  },
});
