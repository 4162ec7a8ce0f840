import { defineRule } from '../engine/rule';
import type { ComposeModel, Entry, Service } from '../parse/compose';
import { path, scalarText } from '../parse/compose-values';
import { extendsChain } from '../knowledge/service-extends';

interface Dimension {
  what: string;
  /** Service keys and `deploy.resources.limits` keys that set it. */
  keys: string[];
  limits: string[];
  /** True for a value that sets no limit at all. */
  unlimited(text: string): boolean;
}

const isZero = (t: string) => /^[+-]?\d{1,20}(\.\d{1,20})?$/.test(t) && Number(t) === 0;
const DIMENSIONS: readonly Dimension[] = [
  { what: 'memory', keys: ['mem_limit'], limits: ['memory'], unlimited: (t) => t === '-1' || /^0{1,20}(\.0{1,20})?\s?([kmgt]i?)?b?$/i.test(t) },
  { what: 'CPU', keys: ['cpus', 'cpu_quota'], limits: ['cpus'], unlimited: (t) => isZero(t) || t === '-1' },
  { what: 'PIDs', keys: ['pids_limit'], limits: ['pids'], unlimited: (t) => isZero(t) || /^-\d{1,20}$/.test(t) },
];

function settings(model: ComposeModel, service: Service, d: Dimension): [Entry, string][] {
  const entries = [
    ...d.keys.map((k) => service.get(k)),
    ...d.limits.map((k) => path(model, service.get('deploy'), 'resources', 'limits', k)),
  ];
  const out: [Entry, string][] = [];
  for (const e of entries) {
    const text = scalarText(e?.value)?.trim();
    if (e && text) out.push([e, text]);
  }
  return out;
}

function list(items: string[]): string {
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

export default defineRule({
  meta: {
    id: 'require-resource-limits',
    practice: 5,
    title: 'Limit memory, CPU and process count',
    severity: 'warning',
    targets: ['compose'],
    docs: {
      summary:
        'A service sets no memory limit (`mem_limit` or `deploy.resources.limits.memory`), no CPU limit (`cpus`, ' +
        '`cpu_quota` or `deploy.resources.limits.cpus`) or no PIDs limit (`pids_limit` or `deploy.resources.limits.pids`), ' +
        'or sets one to an unlimited value such as `pids_limit: -1` or `mem_limit: 0`.',
      rationale:
        'Without limits a container may use all the memory, CPU time and process slots of the host. A memory leak, a ' +
        'request flood or a fork bomb in one service then starves every other service and the host itself, and an ' +
        'attacker can turn a small bug into a denial of service. Limits contain the damage to the one container.',
      howToFix:
        'Add `deploy.resources.limits` with `memory`, `cpus` and `pids` sized from the service\'s normal use plus ' +
        'headroom (for example `memory: 512M`, `cpus: "1.0"`, `pids: 200`). A service that uses `extends:` inherits the ' +
        'limits of the service it extends in the same file; one that extends a service in another file is not checked.',
      references: [
        'https://docs.docker.com/reference/compose-file/deploy/#resources',
        'https://docs.docker.com/engine/containers/resource_constraints/',
      ],
    },
    messages: {
      missing: 'Service "{service}" has no {missing} limit, so it can exhaust the host; add limits under deploy.resources.limits',
      unlimited: 'Service "{service}" sets "{key}: {value}", which means no {what} limit; set a real limit',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'services:\n  api:\n    image: api:2.3\n' }],
      good: [{ kind: 'compose', code: 'services:\n  api:\n    image: api:2.3\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n          cpus: "1.0"\n          pids: 200\n' }],
    },
    aliases: {
      kics: ['memory_not_limited', 'cpus_not_limited', 'pids_limit_not_set'],
      'compose-lint': ['CL-0026'],
    },
  },
  compose({ model, report }) {
    for (const service of model.services) {
      if (!service.map) continue;
      const { chain, external } = extendsChain(model, service);
      const missing: string[] = [];
      for (const d of DIMENSIONS) {
        // The nearest service of the extends chain that sets the dimension decides.
        const owner = chain.map((s) => ({ s, set: settings(model, s, d) })).find((x) => x.set.length > 0);
        if (!owner) {
          if (!external) missing.push(d.what);
          continue;
        }
        if (owner.s !== service || owner.set.some(([, t]) => t.includes('$') || !d.unlimited(t))) continue;
        for (const [entry, value] of owner.set) {
          report({ messageId: 'unlimited', data: { service: service.name, key: entry.key, value, what: d.what }, range: entry.range });
        }
      }
      if (missing.length > 0) report({ messageId: 'missing', data: { service: service.name, missing: list(missing) }, range: service.keyRange });
    }
  },
});
