import { defineRule } from '../rule-api/rule';
import type { Fix } from '../core/types';
import { combineParts, noNewPrivilegesPart, ownThenHarden } from '../fixes/harden-service';
import type { Service } from '../parse/compose';
import { textItems } from '../parse/compose-values';
import { noNewPrivileges } from '../knowledge/security-options';
import { extendsChain } from '../knowledge/service-extends';
import { isWindowsService } from '../knowledge/windows';

export default defineRule({
  meta: {
    id: 'require-no-new-privileges',
    practice: 18,
    title: 'Set no-new-privileges',
    severity: 'info',
    kind: 'advice',
    gapLabels: { missing: 'no-new-privileges:true' },
    severityReason: 'Advice: a hardening setting that is not present, not a defect; folded into `harden-service`.',
    targets: ['compose'],
    fix: 'suggestion',
    docs: {
      summary: 'A service does not set `security_opt: [no-new-privileges:true]`, or sets it to `false`.',
      rationale:
        'Without the flag, a process in the container can gain privileges by running a setuid or setgid program or ' +
        'one with file capabilities: an attacker who lands as an unprivileged user can use `su`, `sudo` or a ' +
        'vulnerable setuid binary in the image to become root. With `no-new-privileges` the kernel refuses such ' +
        'gains for the whole container, which also keeps the seccomp and AppArmor profiles from being swapped.',
      howToFix:
        'Add `security_opt: ["no-new-privileges:true"]` to the service (or to a shared `x-` block merged into every ' +
        'service). A program that really needs setuid to work (rare in containers) is the only reason to leave it out. ' +
        'The quick fix adds the item to the service\'s `security_opt` list (in the list\'s own style) or turns `false` into ' +
        '`true`; a second fix also adds `read_only: true`, a `tmpfs` for `/tmp` and `cap_drop: [ALL]`.',
      references: [
        'https://docs.docker.com/reference/cli/docker/container/run/#security-opt',
        'https://www.kernel.org/doc/html/latest/userspace-api/no_new_privs.html',
      ],
    },
    messages: {
      missing: 'Service "{service}" does not set "no-new-privileges:true", so setuid programs can raise its privileges',
      disabled: 'Service "{service}" turns "no-new-privileges" off, so setuid programs can raise its privileges; set it to true',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  api:\n    image: api:2.3\n' }],
      good: [{ kind: 'compose', code: 'services:\n  api:\n    image: api:2.3\n    security_opt:\n      - no-new-privileges:true\n' }],
    },
    aliases: {
      kics: ['no_new_privileges_not_set'],
      'compose-lint': ['CL-0003'],
      semgrep: ['no-new-privileges'],
    },
  },
  compose({ model, report, fix }) {
    /** The rule's own fix, then "harden this service" when it does more. Both are made once per service. */
    const fixes = (service: Service, title: string): Fix[] =>
      ownThenHarden(model, service, fix, title, combineParts(model, service, [noNewPrivilegesPart(model, service)]));
    for (const service of model.services) {
      // Windows containers have no such Linux setting.
      if (!service.map || isWindowsService(model, service)) continue;
      const { chain, external } = extendsChain(model, service);
      // Compose combines security_opt along an extends chain; the service's own items are reported,
      // a base service's are reported on the base.
      let set = false;
      for (const [n, s] of chain.entries()) {
        for (const item of textItems(model, s.get('security_opt'))) {
          const state = noNewPrivileges(item.text);
          if (state === 'off' && n === 0) {
            report({ messageId: 'disabled', data: { service: service.name }, range: item.range, fixes: () => fixes(service, 'Set "no-new-privileges" to true') });
          }
          if (state !== null) set = true;
        }
      }
      if (!set && !external) {
        report({ messageId: 'missing', data: { service: service.name }, range: service.keyRange, fixes: () => fixes(service, 'Add "no-new-privileges:true" to security_opt') });
      }
    }
  },
});
