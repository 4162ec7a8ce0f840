import { defineRule } from '../rule-api/rule';
import { removeServiceItem } from '../edit/yaml-service-edits';
import { textItems } from '../parse/compose-values';

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
    targets: ['compose'],
    fix: 'suggestion',
    docs: {
      summary:
        'A `security_opt` item turns off a confinement layer: `seccomp:unconfined`, `apparmor:unconfined`, ' +
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
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  app:\n    image: app:1.4\n    security_opt:\n      - seccomp:unconfined\n' }],
      good: [{ kind: 'compose', code: 'services:\n  app:\n    image: app:1.4\n    security_opt:\n      - no-new-privileges:true\n      - seccomp=./seccomp/app.json\n' }],
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
});
