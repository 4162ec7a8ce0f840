import { isSeq, type Node } from 'yaml';
import { defineRule } from '../engine/rule';
import { instructionCommands } from '../knowledge/commands';
import { packageInstall, packageName, type PackageManager } from '../knowledge/packages';
import type { ComposeModel } from '../parse/compose';
import { ports, scalarText, textItems } from '../parse/compose-values';
import { stageChain } from '../parse/dockerfile';
import { baseName, effectiveArgv, nestedCommands, parseShell, type ShellCommand, type ShellWord } from '../parse/shell';
import { substitute } from '../parse/variables';

const SYSTEM: readonly PackageManager[] = ['apt', 'apk', 'yum', 'zypper'];

/** Package names that put an SSH daemon in the image. `openssh` has sshd on Alpine and openSUSE only. */
function isSshServer(name: string, manager: PackageManager): boolean {
  if (/^(openssh-server(-[\w.+-]+)?|dropbear(-bin|-run)?)$/.test(name)) return true;
  if (name === 'openssh') return manager === 'apk' || manager === 'zypper';
  return name === 'ssh' && manager === 'apt';
}

const SSH_SERVICE = /^sshd?(\.service)?$/;

/** The word that names the SSH daemon a command starts, if it starts one. */
function sshdWord(cmd: ShellCommand): ShellWord | undefined {
  const [first, a, b] = effectiveArgv(cmd);
  if (!first) return undefined;
  const name = baseName(first.value);
  if (name === 'sshd' || name === 'dropbear') return first;
  if (/(^|\/)init\.d\/sshd?$/.test(first.value) && /^(re)?start$/.test(a?.value ?? '')) return first;
  if (name === 'service' && a && SSH_SERVICE.test(a.value) && /^(re)?start$/.test(b?.value ?? '')) return a;
  if ((name === 'systemctl' && /^(start|restart|enable)$/.test(a?.value ?? '')) || (name === 'rc-service' && /^(re)?start$/.test(b?.value ?? ''))) {
    const svc = name === 'systemctl' ? b : a;
    if (svc && SSH_SERVICE.test(svc.value)) return svc;
  }
  if (name === 'rc-update' && a?.value === 'add' && b && SSH_SERVICE.test(b.value)) return b;
  return undefined;
}

const isPort22 = (text: string) => /^22(\/tcp)?$/i.test(text.trim());

/** The commands of a Compose `command:`/`entrypoint:` (a string or a list), with offsets in the file. */
function composeCommands(model: ComposeModel, value: Node | null): ShellCommand[] {
  const word = (n: Node): ShellWord | null => {
    const off = model.offsetsOf(n);
    const v = scalarText(n);
    return off && v !== null ? { value: v, start: off[0], end: off[1], quoted: true, expands: false } : null;
  };
  let cmds: ShellCommand[];
  if (isSeq(value)) {
    const words = model.items(value).map(word).filter((w): w is ShellWord => w !== null);
    if (words.length === 0) return [];
    cmds = [{ words, argv: words, redirects: [], start: words[0].start, end: words[words.length - 1].end, before: null, after: null }];
  } else {
    const w = value ? word(value) : null;
    if (!w) return [];
    const raw = model.text.slice(w.start, w.end);
    if (raw === w.value) cmds = parseShell(model.text, w.start, w.end);
    else if (raw.length >= 2 && /^["']/.test(raw) && raw.slice(1, -1) === w.value) cmds = parseShell(model.text, w.start + 1, w.end - 1);
    else cmds = parseShell(w.value).map((c) => ({ ...c, argv: c.argv.map((x) => ({ ...x, start: w.start, end: w.end })) }));
  }
  return [...cmds, ...cmds.flatMap((c) => nestedCommands(model.text, c))];
}

export default defineRule({
  meta: {
    id: 'no-ssh-server',
    practice: 19,
    title: 'Do not run an SSH server in the container',
    severity: 'warning',
    targets: ['dockerfile', 'compose'],
    docs: {
      summary:
        'The image installs or starts an SSH server (`openssh-server`, Alpine\'s `openssh`, `dropbear`, `sshd -D`, ' +
        '`service ssh start`), exposes port 22, or a Compose service publishes or exposes container port 22 or runs sshd.',
      rationale:
        'An SSH daemon is a second way into the container that bypasses the engine: it needs keys or passwords ' +
        'kept somewhere, host keys baked into the image (shared by every container started from it), patching ' +
        'of its own, and a process supervisor next to the application. It is also a standing invitation to fix ' +
        'things by hand inside a running container, which drifts from the image and is lost on the next deploy.',
      howToFix:
        'Remove the SSH server and port 22. For a shell use `docker exec -it <container> sh` ' +
        '(`docker compose exec`, `kubectl exec`), copy files with `docker cp`, read logs with `docker logs`. ' +
        'Rebuild and redeploy the image to change what runs in it.',
      references: ['https://docs.docker.com/reference/cli/docker/container/exec/', 'https://docs.docker.com/reference/dockerfile/#expose'],
    },
    messages: {
      package: 'Package "{name}" puts an SSH server in the image; remove it and use docker exec for access',
      daemon: '"{name}" starts an SSH server in the container; remove it and use docker exec for access',
      expose: 'EXPOSE "{port}" opens the SSH port; remove it and use docker exec for access',
      composePort: 'Service "{service}" opens container port 22 (SSH) with "{port}"; remove it and use docker compose exec for access',
      composeDaemon: 'Service "{service}" starts the SSH server "{name}"; remove it and use docker compose exec for access',
    },
    examples: {
      bad: [
        { kind: 'dockerfile', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y openssh-server\nEXPOSE 22\nCMD ["/usr/sbin/sshd", "-D"]\n' },
        { kind: 'compose', code: 'services:\n  app:\n    image: example/app:1.0\n    ports:\n      - "2222:22"\n' },
      ],
      good: [
        { kind: 'dockerfile', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y openssh-client\nCMD ["app"]\n' },
        { kind: 'compose', code: 'services:\n  app:\n    image: example/app:1.0\n    ports:\n      - "8022:8080"\n' },
      ],
    },
    aliases: { trivy: ['DS-0004'], checkov: ['CKV_DOCKER_1'], kics: ['exposing_port_22'] },
  },
  dockerfile({ model, report }) {
    const final = model.finalStage;
    if (!final) return;
    for (const stage of stageChain(final)) {
      for (const instr of stage.instructions) {
        const keyword = (instr.trigger ?? instr).keyword;
        if (keyword === 'EXPOSE') {
          for (const arg of (instr.trigger ?? instr).args) {
            const port = model.resolve(arg.value, instr).value;
            if (isPort22(port)) report({ messageId: 'expose', data: { port: arg.value }, range: arg.range });
          }
        }
        if (keyword !== 'RUN' && keyword !== 'CMD' && keyword !== 'ENTRYPOINT') continue;
        for (const cmd of instructionCommands(model, instr)) {
          const install = keyword === 'RUN' ? packageInstall(cmd) : null;
          if (install && SYSTEM.includes(install.manager)) {
            for (const w of install.words) {
              const name = packageName(w.value, install.manager);
              if (isSshServer(name, install.manager)) report({ messageId: 'package', data: { name }, range: model.range(w.start, w.end) });
            }
          }
          const sshd = sshdWord(cmd);
          if (sshd) report({ messageId: 'daemon', data: { name: sshd.value }, range: model.range(sshd.start, sshd.end) });
        }
      }
    }
  },
  compose({ model, report }) {
    for (const service of model.services) {
      for (const p of ports(model, service.get('ports'))) {
        if (isPort22(substitute(p.target, () => undefined).value) && p.protocol.toLowerCase() === 'tcp') {
          report({ messageId: 'composePort', data: { service: service.name, port: scalarText(p.node) ?? `target: ${p.target}` }, range: p.range });
        }
      }
      for (const e of textItems(model, service.get('expose'))) {
        if (isPort22(substitute(e.text, () => undefined).value)) report({ messageId: 'composePort', data: { service: service.name, port: e.text }, range: e.range });
      }
      for (const key of ['entrypoint', 'command']) {
        const entry = service.get(key);
        if (!entry) continue;
        for (const cmd of composeCommands(model, entry.value)) {
          const w = sshdWord(cmd);
          if (!w) continue;
          const range = entry.via ? entry.range : model.index.range(w.start, w.end);
          report({ messageId: 'composeDaemon', data: { service: service.name, name: w.value }, range });
        }
      }
    }
  },
});
