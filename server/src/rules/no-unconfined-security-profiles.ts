import { defineRule } from '../rule-api/rule';
import { removeServiceItem } from '../edit/yaml-service-edits';
import { textItems } from '../parse/compose-values';
import { removeChildren } from '../edit/json-edits';
import { removeRunOptions } from '../fixes/run-args';
import { runOptions } from '../knowledge/docker-run';

type Kind = 'seccomp' | 'apparmor' | 'selinux' | 'systempaths';

/** `seccomp:unconfined`, `apparmor=unconfined`, `label:disable`, `label=type:spc_t`, `systempaths=unconfined`. */
function unconfined(option: string): Kind | null {
  const text = option.replace(/\s+/g, '').toLowerCase();
  const sep = text.includes('=') ? text.indexOf('=') : text.indexOf(':');
  if (sep < 0) return null;
  const key = text.slice(0, sep);
  const value = text.slice(sep + 1);
  if (key === 'seccomp' && value === 'unconfined') return 'seccomp';
  if (key === 'apparmor' && value === 'unconfined') return 'apparmor';
  if (key === 'label' && (value === 'disable' || value === 'type:spc_t' || value === 'type:unconfined_t')) return 'selinux';
  if (key === 'systempaths' && value === 'unconfined') return 'systempaths';
  return null;
}

export default defineRule({
  meta: {
    id: 'no-unconfined-security-profiles',
    practice: 9,
    title: 'Keep the seccomp, AppArmor and SELinux profiles on',
    severity: 'error',
    kind: 'risk',
    severityReason: 'An error: each option removes a confinement layer that stops most container escapes.',
    targets: ['compose', 'devcontainer'],
    fix: 'suggestion',
    docs: {
      summary:
        'A `security_opt` item (a dev container\'s `securityOpt` item or `--security-opt` in `runArgs`) turns off a confinement layer: `seccomp:unconfined`, `apparmor:unconfined`, ' +
        '`label:disable` (or an unconfined SELinux type such as `spc_t`) or `systempaths=unconfined`, with `:` or `=`.',
      rationale:
        'Docker\'s default seccomp profile blocks the system calls behind most kernel exploits and container escapes ' +
        '(`mount`, `unshare`, `keyctl`, `bpf`...); the AppArmor and SELinux profiles stop the container from writing ' +
        'to `/proc`, `/sys` and host files even when it holds a capability; and the masked system paths hide kernel ' +
        'interfaces such as `/proc/kcore` and `/proc/sysrq-trigger`. Each option removes one of these layers for the ' +
        'whole container, and together with an added capability they turn a bug into a host takeover.',
      howToFix:
        'Remove the item. If one system call is missing, copy Docker\'s default seccomp profile, allow that call and ' +
        'point `seccomp=` at the file; for SELinux, relabel the mounted files with `:z`/`:Z` instead of disabling labels. ' +
        'The quick fix removes the item (the whole `security_opt` when it was the only one); it is only offered, since a ' +
        'program that needed the blocked calls or paths fails until it gets a profile of its own.',
      references: [
        'https://docs.docker.com/engine/security/seccomp/',
        'https://docs.docker.com/engine/security/apparmor/',
        'https://docs.docker.com/reference/compose-file/services/#security_opt',
      ],
    },
    messages: {
      seccomp: 'Service "{service}" turns seccomp off with "{option}": every system call reaches the host kernel; remove it or use a custom profile',
      apparmor: 'Service "{service}" turns AppArmor off with "{option}", removing the profile that guards /proc, /sys and mounts; remove it',
      selinux: 'Service "{service}" turns SELinux separation off with "{option}"; remove it and relabel mounts with ":z" instead',
      systempaths: 'Service "{service}" unmasks /proc and /sys paths with "{option}", exposing kernel interfaces Docker hides; remove it',
      devcontainerSeccomp: 'The dev container turns seccomp off with "{option}": every system call reaches the host kernel; remove it or use a custom profile',
      devcontainerApparmor: 'The dev container turns AppArmor off with "{option}", removing the profile that guards /proc, /sys and mounts; remove it',
      devcontainerSelinux: 'The dev container turns SELinux separation off with "{option}"; remove it and relabel mounts with ":z" instead',
      devcontainerSystempaths: 'The dev container unmasks /proc and /sys paths with "{option}", exposing kernel interfaces Docker hides; remove it',
    },
    examples: {
      bad: [
        { kind: 'compose', code: 'services:\n  app:\n    image: app:1.4\n    security_opt:\n      - seccomp:unconfined\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/cpp:1-bookworm",\n  "runArgs": ["--security-opt", "seccomp=unconfined"]\n}\n' },
      ],
      good: [
        { kind: 'compose', code: 'services:\n  app:\n    image: app:1.4\n    security_opt:\n      - no-new-privileges:true\n      - seccomp=./seccomp/app.json\n' },
        { kind: 'devcontainer', code: '{\n  "image": "mcr.microsoft.com/devcontainers/cpp:1-bookworm",\n  "capAdd": ["SYS_PTRACE"],\n  "securityOpt": ["no-new-privileges"]\n}\n' },
      ],
    },
    aliases: {
      kics: ['default_seccomp_profile_disabled'],
      'compose-lint': ['CL-0009'],
      semgrep: ['seccomp-confinement-disabled', 'selinux-separation-disabled'],
    },
  },
  compose({ model, report, fix }) {
    for (const service of model.services) {
      const entry = service.get('security_opt');
      const hits = textItems(model, entry).filter((item) => unconfined(item.text));
      for (const item of hits) {
        const kind = unconfined(item.text)!;
        const edit = entry && removeServiceItem(model, service, entry, item.node, hits.map((h) => h.node));
        const fixes = edit ? [fix(`Remove "${item.text.trim()}" from security_opt`, [edit])] : [];
        report({ messageId: kind, data: { service: service.name, option: item.text.trim() }, range: item.range, fixes });
      }
    }
  },
  devcontainer({ model, report, fix }) {
    const messageId = (kind: Kind) => (`devcontainer${kind[0].toUpperCase()}${kind.slice(1)}`) as 'devcontainerSeccomp';
    const securityOpt = model.get('securityOpt')?.value;
    for (const node of model.items(securityOpt)) {
      const text = model.stringValue(node);
      const kind = text === null ? null : unconfined(text);
      if (!kind) continue;
      const option = text!.trim();
      report({ messageId: messageId(kind), data: { option }, range: model.rangeOf(node), fixes: [fix(`Remove "${option}" from securityOpt`, removeChildren(model, securityOpt!, [node]))] });
    }
    for (const o of runOptions(model)) {
      const kind = o.name === '--security-opt' && o.value !== null ? unconfined(o.value) : null;
      if (!kind) continue;
      const option = o.value!.trim();
      report({ messageId: messageId(kind), data: { option }, range: model.range(o.start, o.end), fixes: [fix(`Remove "--security-opt ${option}" from runArgs`, removeRunOptions(model, [o]))] });
    }
  },
});
