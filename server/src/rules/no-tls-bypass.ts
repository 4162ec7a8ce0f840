import { defineRule } from '../engine/rule';
import { instructionCommands } from '../knowledge/commands';
import { commandBypasses, insecureEnv } from '../knowledge/tls-bypass';
import { environment, path } from '../parse/compose-values';
import { substitute } from '../parse/variables';

export default defineRule({
  meta: {
    id: 'no-tls-bypass',
    practice: 10,
    title: 'Keep TLS and signature checks on',
    severity: 'warning',
    targets: ['dockerfile', 'compose'],
    docs: {
      summary:
        'A build step or an environment variable turns off TLS certificate checks or package signature checks ' +
        '(`curl -k`, `wget --no-check-certificate`, `apt-get --allow-unauthenticated`, `apk --allow-untrusted`, ' +
        '`dnf --nogpgcheck`, `pip --trusted-host`, `npm config set strict-ssl false`, `git -c http.sslVerify=false`, ' +
        '`NODE_TLS_REJECT_UNAUTHORIZED=0`, `GIT_SSL_NO_VERIFY`, `deb [trusted=yes] https://...`).',
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
        'source, `rpm --import`, the key in `/etc/apk/keys`).',
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
    },
    examples: {
      bad: [
        { kind: 'dockerfile', code: 'FROM debian:12\nRUN curl -fsSLk https://example.com/tool.tgz -o /tmp/tool.tgz\n' },
        { kind: 'compose', code: 'services:\n  api:\n    image: node:22\n    environment:\n      NODE_TLS_REJECT_UNAUTHORIZED: "0"\n' },
      ],
      good: [
        {
          kind: 'dockerfile',
          code: 'FROM debian:12\nCOPY corp-ca.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates && curl -fsSL https://example.com/tool.tgz -o /tmp/tool.tgz\n',
        },
        { kind: 'compose', code: 'services:\n  api:\n    image: node:22\n    environment:\n      NODE_EXTRA_CA_CERTS: /certs/corp-ca.pem\n' },
      ],
    },
    aliases: {
      checkov: [
        'CKV2_DOCKER_2', 'CKV2_DOCKER_3', 'CKV2_DOCKER_4', 'CKV2_DOCKER_5', 'CKV2_DOCKER_6', 'CKV2_DOCKER_7', 'CKV2_DOCKER_8',
        'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11', 'CKV2_DOCKER_12', 'CKV2_DOCKER_13', 'CKV2_DOCKER_14',
        'CKV2_DOCKER_15', 'CKV2_DOCKER_16',
      ],
    },
  },
  dockerfile({ model, report }) {
    const short = (s: string) => (s.length > 60 ? s.slice(0, 57) + '...' : s);
    for (const outer of model.instructions) {
      const instr = outer.trigger ?? outer;
      if (instr.keyword === 'RUN') {
        for (const cmd of instructionCommands(model, outer)) {
          for (const b of commandBypasses(cmd, model.text)) {
            const text = short(model.text.slice(b.start, b.end).replace(/\\\r?\n\s*/g, ' '));
            report({ messageId: b.kind, data: { text, tool: b.tool }, range: model.range(b.start, b.end) });
          }
        }
      } else if (instr.keyword === 'ENV' || instr.keyword === 'ARG') {
        for (const p of instr.properties) {
          if (p.value === null) continue;
          const resolved = model.resolve(p.value, instr);
          // An unresolved value still counts where any value turns the check off (GIT_SSL_NO_VERIFY).
          const tool = insecureEnv(p.name, resolved.unresolved.length > 0 ? '' : resolved.value);
          if (tool) report({ messageId: 'tls', data: { text: short(`${p.name}=${p.value}`), tool }, range: p.range });
        }
      }
    }
  },
  compose({ model, report }) {
    for (const service of model.services) {
      const build = service.get('build');
      const vars = [...environment(model, service.get('environment')), ...environment(model, path(model, build, 'args'))];
      for (const v of vars) {
        if (v.value === null) continue;
        const resolved = substitute(v.value, () => undefined);
        const tool = insecureEnv(v.name, resolved.unresolved.length > 0 ? '' : resolved.value);
        if (tool) report({ messageId: 'tls', data: { text: `${v.name}=${v.value}`, tool }, range: v.range });
      }
    }
  },
});
