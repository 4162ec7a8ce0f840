import type { Node } from 'yaml';
import { defineRule } from '../rule-api/rule';
import { writtenIn } from '../edit/compose-item-edits';
import { removePair } from '../edit/yaml-edits';
import { isTrue, scalarText } from '../parse/compose-values';
import { memoryLimit } from '../knowledge/memory-limit';

export default defineRule({
  meta: {
    id: 'no-oom-kill-disable',
    practice: 5,
    title: 'Keep the OOM killer and swap limits in place',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'A container that the kernel may not kill can take the host\'s memory with it.',
    targets: ['compose'],
    fix: 'suggestion',
    docs: {
      summary:
        'A service sets `oom_kill_disable: true` (or a YAML 1.1 spelling such as `yes`) without a memory limit, or sets ' +
        '`memswap_limit: -1` (unlimited swap).',
      rationale:
        'When memory runs out, the kernel\'s OOM killer ends the process that uses the most. With the OOM killer ' +
        'disabled for a container that has no memory limit, the kernel has to pick host processes instead (the SSH ' +
        'daemon, the Docker daemon, other containers), so one leaking or attacked service can take the whole machine ' +
        'down. Docker\'s own documentation says to disable it only together with a memory limit. `memswap_limit: -1` ' +
        'lets the container swap without bound, which slows every workload on the host to a crawl before anything is ' +
        'killed. (On cgroup v2 hosts Docker ignores `oom_kill_disable` with a warning, but the file then says something ' +
        'the host does not do.)',
      howToFix:
        'Remove `oom_kill_disable` and give the service a memory limit (`deploy.resources.limits.memory`), so the ' +
        'container is stopped, not the host. Remove `memswap_limit: -1` (by default swap is capped at the memory limit ' +
        'again) or set it to a real value such as `memswap_limit: 1g`.',
      references: [
        'https://docs.docker.com/engine/containers/resource_constraints/#memory',
        'https://docs.docker.com/reference/compose-file/services/#oom_kill_disable',
        'https://docs.docker.com/reference/compose-file/services/#memswap_limit',
      ],
    },
    messages: {
      oomKillDisable: 'Service "{service}" disables the OOM killer without a memory limit, so running out of memory kills host processes instead; remove "oom_kill_disable" and set a memory limit',
      unlimitedSwap: 'Service "{service}" sets "memswap_limit: -1", which lets it swap without bound and slow the whole host; remove it or set a limit',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  cache:\n    image: redis:7.4\n    oom_kill_disable: true\n' }],
      good: [{ kind: 'compose', code: 'services:\n  cache:\n    image: redis:7.4\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n' }],
    },
  },
  compose({ model, report, fix }) {
    for (const service of model.services) {
      if (!service.map) continue;
      const oom = service.get('oom_kill_disable');
      if (oom && isTrue(oom.value) && memoryLimit(model, service) === 'unlimited') {
        const fixes = oom.via || !writtenIn(service, oom.pair.value as Node) ? [] : [fix('Remove "oom_kill_disable"', [removePair(model, service.map, oom.pair)])];
        report({ messageId: 'oomKillDisable', data: { service: service.name }, range: oom.range, fixes });
      }
      const swap = service.get('memswap_limit');
      if (swap && scalarText(swap.value)?.trim() === '-1') {
        const fixes = swap.via || !writtenIn(service, swap.pair.value as Node) ? [] : [fix('Remove "memswap_limit: -1"', [removePair(model, service.map, swap.pair)])];
        report({ messageId: 'unlimitedSwap', data: { service: service.name }, range: swap.range, fixes });
      }
    }
  },
});
