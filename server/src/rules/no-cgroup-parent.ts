import type { Node } from 'yaml';
import { defineRule } from '../rule-api/rule';
import { writtenIn } from '../edit/compose-item-edits';
import { removePair } from '../edit/yaml-edits';
import { scalarText } from '../parse/compose-values';

export default defineRule({
  meta: {
    id: 'no-cgroup-parent',
    practice: 7,
    title: 'Keep containers in Docker\'s own cgroup',
    severity: 'info',
    kind: 'risk',
    severityReason: 'Information: a custom cgroup parent moves the container outside the limits Docker manages; rare, and sometimes deliberate.',
    targets: ['compose'],
    fix: 'suggestion',
    docs: {
      summary: 'A service sets `cgroup_parent`, placing its container under a cgroup other than the one Docker manages.',
      rationale:
        'Docker puts every container in its own cgroup under a parent it controls (`docker` or `system.slice`), which is ' +
        'where the daemon applies and reports resource limits. A custom parent moves the container into another part ' +
        'of the host\'s cgroup tree: limits and accounting configured for containers no longer cover it, and it can ' +
        'end up sharing a budget with, or starving, host services in the same slice. Container limits are then only as ' +
        'good as whatever manages that other cgroup.',
      howToFix:
        'Remove `cgroup_parent` and set the service\'s limits with `deploy.resources.limits` (or `mem_limit`, `cpus`, ' +
        '`pids_limit`). If a host-level slice is required (for example to cap a group of containers together), document ' +
        'it and suppress the finding with a reason.',
      references: [
        'https://docs.docker.com/reference/compose-file/services/#cgroup_parent',
        'https://docs.docker.com/reference/cli/dockerd/#default-cgroup-parent',
      ],
    },
    messages: {
      cgroupParent: 'Service "{service}" runs under the custom cgroup parent "{parent}", outside the cgroup Docker manages for containers; remove "cgroup_parent"',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  worker:\n    image: worker:1.2\n    cgroup_parent: batch.slice\n' }],
      good: [{ kind: 'compose', code: 'services:\n  worker:\n    image: worker:1.2\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n' }],
    },
    aliases: {
      kics: ['cgroup_not_default'],
    },
  },
  compose({ model, report, fix }) {
    for (const service of model.services) {
      const entry = service.get('cgroup_parent');
      const parent = scalarText(entry?.value)?.trim();
      if (!entry || !parent) continue;
      const fixes = entry.via || !service.map || !writtenIn(service, entry.pair.value as Node) ? [] : [fix('Remove "cgroup_parent"', [removePair(model, service.map, entry.pair)])];
      report({ messageId: 'cgroupParent', data: { service: service.name, parent }, range: entry.range, fixes });
    }
  },
});
