import { defineRule } from '../rule-api/rule';
import type { Fix, TextEdit } from '../core/types';
import { combineParts, ownThenHarden, readOnlyPart, tmpfsPart } from '../fixes/harden-service';
import { isFalse } from '../parse/compose-values';
import type { Service } from '../parse/compose';
import { extendsChain } from '../knowledge/service-extends';
import { isWindowsService } from '../knowledge/windows';

export default defineRule({
  meta: {
    id: 'read-only-root-filesystem',
    practice: 8,
    title: 'Make the root filesystem read-only',
    severity: 'info',
    kind: 'advice',
    gapLabels: { missing: 'read_only: true' },
    severityReason: 'Advice: a hardening setting that is not present, not a defect; folded into `harden-service`.',
    targets: ['compose'],
    fix: 'suggestion',
    docs: {
      summary: 'A service does not set `read_only: true`, or sets it to false (including YAML 1.1 spellings such as `no` and `off`).',
      rationale:
        'With a writable root filesystem, an attacker who gets code execution can replace binaries, drop tools and ' +
        'persist changes for as long as the container lives, and nothing distinguishes the running container from ' +
        'its image. A read-only root makes the image the single source of what runs and confines writes to the ' +
        'places you chose: volumes and `tmpfs` mounts.',
      howToFix:
        'Set `read_only: true` and give the program the writable paths it needs as `tmpfs` (for example ' +
        '`tmpfs: [/tmp, /run]`) or volumes for data that must persist. Run the service once and look for ' +
        '"Read-only file system" errors to find those paths. The quick fix adds `read_only: true` with a `tmpfs` entry ' +
        'for `/tmp` (unless `/tmp` already is a tmpfs or a volume), or turns `false` into `true`; a second fix also adds ' +
        '`cap_drop: [ALL]` and `no-new-privileges:true`. Both change what the service may do, so they are only offered.',
      references: ['https://docs.docker.com/reference/compose-file/services/#read_only', 'https://docs.docker.com/reference/compose-file/services/#tmpfs'],
    },
    messages: {
      missing: 'Service "{service}" has a writable root filesystem; set "read_only: true" and mount tmpfs where it must write',
      disabled: 'Service "{service}" sets "read_only" to false; set it to true and mount tmpfs where it must write',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  api:\n    image: api:2.3\n' }],
      good: [{ kind: 'compose', code: 'services:\n  api:\n    image: api:2.3\n    read_only: true\n    tmpfs:\n      - /tmp\n' }],
    },
    aliases: {
      'compose-lint': ['CL-0007'],
      semgrep: ['writable-filesystem-service'],
    },
  },
  compose({ model, report, fix }) {
    const fixes = (service: Service, title: string, edits: TextEdit[] | null): Fix[] => ownThenHarden(model, service, fix, title, edits);
    for (const service of model.services) {
      // Windows containers have no such Linux setting.
      if (!service.map || isWindowsService(model, service)) continue;
      const { chain, external } = extendsChain(model, service);
      // The nearest service of the extends chain that sets read_only decides; a base reports its own value.
      const owner = chain.find((s) => s.get('read_only'));
      if (owner) {
        const entry = owner.get('read_only')!;
        if (owner === service && isFalse(entry.value)) {
          report({ messageId: 'disabled', data: { service: service.name }, range: entry.range, fixes: () => fixes(service, 'Set "read_only: true"', combineParts(model, service, [readOnlyPart(model, service)])) });
        }
      } else if (!external) {
        const tmpfs = tmpfsPart(model, service);
        const title = tmpfs && tmpfs.edits.length + Object.keys(tmpfs.add).length > 0 ? 'Add "read_only: true" and a tmpfs for /tmp' : 'Add "read_only: true"';
        report({ messageId: 'missing', data: { service: service.name }, range: service.keyRange, fixes: () => fixes(service, title, combineParts(model, service, [readOnlyPart(model, service), tmpfs])) });
      }
    }
  },
});
