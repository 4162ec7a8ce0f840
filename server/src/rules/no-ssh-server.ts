import type { Node } from 'yaml';
import { defineRule } from '../rule-api/rule';
import { deleteInstruction, removeSpan, removeWords } from '../edit/dockerfile-edits';
import { removeServiceItem } from '../edit/yaml-service-edits';
import { instructionCommands } from '../knowledge/commands';
import { packageInstall, packageName, type PackageManager } from '../knowledge/packages';
import { composeCommands } from '../knowledge/compose-commands';
import { ports, scalarText, textItems } from '../parse/compose-values';
import { stageChain } from '../parse/dockerfile';
import { baseName, effectiveArgv, type ShellCommand, type ShellWord } from '../parse/shell';
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

export default defineRule({
  meta: {
    id: 'no-ssh-server',
    practice: 19,
    title: 'Do not run an SSH server in the container',
    severity: 'warning',
    kind: 'risk',
    adviceMessages: ['composePort'],
    severityReason:
      'An SSH server is a second, unmanaged way into the container; `EXPOSE 22` alone, with no server installed, is not reported, ' +
      'and a Compose port 22 (the image may run a Git or SFTP server) is advice.',
    targets: ['dockerfile', 'compose'],
    fix: 'suggestion',
    docs: {
      summary:
        'The image installs or starts an SSH server (`openssh-server`, Alpine\'s `openssh`, `dropbear`, `sshd -D`, ' +
        '`service ssh start`), and its `EXPOSE 22` with it; or a Compose service publishes or exposes container port 22 or runs sshd. ' +
        '`EXPOSE 22` in an image that installs no SSH server is not reported: the port may belong to another program.',
      rationale:
        'An SSH daemon is a second way into the container that bypasses the engine: it needs keys or passwords ' +
        'kept somewhere, host keys baked into the image (shared by every container started from it), patching ' +
        'of its own, and a process supervisor next to the application. It is also a standing invitation to fix ' +
        'things by hand inside a running container, which drifts from the image and is lost on the next deploy.',
      howToFix:
        'Remove the SSH server and port 22. For a shell use `docker exec -it <container> sh` ' +
        '(`docker compose exec`, `kubectl exec`), copy files with `docker cp`, read logs with `docker logs`. ' +
        'Rebuild and redeploy the image to change what runs in it. The quick fixes remove the SSH package from an install ' +
        'command that installs other packages too, port 22 from `EXPOSE` (the whole instruction when it is the only port), ' +
        'and the Compose port item; they are only offered, since whatever relied on SSH stops working. Commands that start ' +
        'the daemon have no automatic fix.',
      references: ['https://docs.docker.com/reference/cli/docker/container/exec/', 'https://docs.docker.com/reference/dockerfile/#expose'],
    },
    messages: {
      package: 'Package "{name}" puts an SSH server in the image; remove it and use docker exec for access',
      daemon: '"{name}" starts an SSH server in the container; remove it and use docker exec for access',
      expose: 'EXPOSE "{port}" opens the SSH port; remove it and use docker exec for access',
      composePort: 'Service "{service}" opens container port 22 (SSH) with "{port}"; unless it serves Git or SFTP, remove it and use docker compose exec for access',
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
  dockerfile({ model, report, fix }) {
    const final = model.finalStage;
    if (!final) return;
    // EXPOSE 22 is reported only next to an SSH server the image installs or starts: on its own it
    // documents a port, which some other program (a Git server, an SFTP-only daemon) may use.
    const exposes: (() => void)[] = [];
    let server = false;
    for (const stage of stageChain(final)) {
      for (const instr of stage.instructions) {
        const keyword = (instr.trigger ?? instr).keyword;
        if (keyword === 'EXPOSE') {
          const args = (instr.trigger ?? instr).args;
          const ssh = args.filter((arg) => isPort22(model.resolve(arg.value, instr).value));
          for (const arg of ssh) {
            // The whole instruction goes when it exposes nothing else; ONBUILD triggers are left alone.
            const edit = instr.trigger ? null : ssh.length === args.length ? deleteInstruction(model, instr) : removeSpan(model, arg.start, arg.end);
            const fixes = edit ? [fix(ssh.length === args.length ? `Remove "EXPOSE ${args.map((a) => a.value).join(' ')}"` : `Remove port "${arg.value}" from EXPOSE`, [edit])] : [];
            exposes.push(() => report({ messageId: 'expose', data: { port: arg.value }, range: arg.range, fixes }));
          }
        }
        if (keyword !== 'RUN' && keyword !== 'CMD' && keyword !== 'ENTRYPOINT') continue;
        for (const cmd of instructionCommands(model, instr)) {
          const install = keyword === 'RUN' ? packageInstall(cmd) : null;
          if (install && SYSTEM.includes(install.manager)) {
            const manager = install.manager;
            const ssh = install.words.filter((w) => isSshServer(packageName(w.value, manager), manager));
            for (const w of ssh) {
              server = true;
              const name = packageName(w.value, manager);
              // Only when other packages are left to install, and the word is written as it reads.
              const removable = ssh.length < install.words.length && model.verbatim(w);
              const fixes = removable ? [fix(`Remove the "${w.value}" package`, removeWords(model, instr.trigger ?? instr, [w]))] : [];
              report({ messageId: 'package', data: { name }, range: model.range(w.start, w.end), fixes });
            }
          }
          const sshd = sshdWord(cmd);
          if (sshd) {
            server = true;
            report({ messageId: 'daemon', data: { name: sshd.value }, range: model.range(sshd.start, sshd.end) });
          }
        }
      }
    }
    if (server) for (const r of exposes) r();
  },
  compose({ model, report, fix }) {
    for (const service of model.services) {
      const remove = (key: string, node: Node, port: string, together: Node[]) => {
        const entry = service.get(key);
        const edit = entry && removeServiceItem(model, service, entry, node, together);
        return edit ? [fix(`Remove "${port}" from ${key}`, [edit])] : [];
      };
      const sshPorts = ports(model, service.get('ports')).filter((p) => isPort22(substitute(p.target, () => undefined).value) && p.protocol.toLowerCase() === 'tcp');
      for (const p of sshPorts) {
        const port = scalarText(p.node) ?? `target: ${p.target}`;
        report({ messageId: 'composePort', data: { service: service.name, port }, range: p.range, fixes: remove('ports', p.node, port, sshPorts.map((x) => x.node)) });
      }
      const exposed = textItems(model, service.get('expose')).filter((e) => isPort22(substitute(e.text, () => undefined).value));
      for (const e of exposed) {
        report({ messageId: 'composePort', data: { service: service.name, port: e.text }, range: e.range, fixes: remove('expose', e.node, e.text, exposed.map((x) => x.node)) });
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
