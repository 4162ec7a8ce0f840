import { defineRule } from '../rule-api/rule';
import { addMapEntries, ownValue, replaceNode } from '../edit/yaml-edits';
import { addNestedEntries, ownPairAt } from '../edit/yaml-service-edits';
import type { ComposeModel, Entry, Service } from '../parse/compose';
import { path, scalarText } from '../parse/compose-values';
import { extendsChain } from '../knowledge/service-extends';

interface Dimension {
  what: string;
  /** The `deploy.resources.limits` key and the service key a fix adds, with a placeholder value. */
  limit: string;
  serviceKey: string;
  placeholder: string;
  /** Service keys and `deploy.resources.limits` keys that set it. */
  keys: string[];
  limits: string[];
  /** True for a value that sets no limit at all. */
  unlimited(text: string): boolean;
}

const isZero = (t: string) => /^[+-]?\d{1,20}(\.\d{1,20})?$/.test(t) && Number(t) === 0;
const DIMENSIONS: readonly Dimension[] = [
  { what: 'memory', limit: 'memory', serviceKey: 'mem_limit', placeholder: '512M', keys: ['mem_limit'], limits: ['memory'], unlimited: (t) => t === '-1' || /^0{1,20}(\.0{1,20})?\s?([kmgt]i?)?b?$/i.test(t) },
  { what: 'CPU', limit: 'cpus', serviceKey: 'cpus', placeholder: '"0.50"', keys: ['cpus', 'cpu_quota'], limits: ['cpus'], unlimited: (t) => isZero(t) || t === '-1' },
  { what: 'PIDs', limit: 'pids', serviceKey: 'pids_limit', placeholder: '256', keys: ['pids_limit'], limits: ['pids'], unlimited: (t) => isZero(t) || /^-\d{1,20}$/.test(t) },
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

/** Placeholder values for an unlimited entry, by key. */
const PLACEHOLDER: Record<string, string> = { mem_limit: '512M', memory: '512M', cpus: '"0.50"', cpu_quota: '50000', pids_limit: '256', pids: '256' };
const SERVICE_KEYS = ['mem_limit', 'cpus', 'cpu_quota', 'pids_limit'];

/**
 * Adds placeholder limits for the missing dimensions: under `deploy.resources.limits` (merged into
 * the maps that exist), or as `mem_limit`/`cpus`/`pids_limit` when the service already uses those
 * keys and has no `deploy.resources.limits` of its own.
 */
function addLimits(model: ComposeModel, service: Service, dims: Dimension[]): { title: string; edit: NonNullable<ReturnType<typeof addMapEntries>> } | null {
  if (!service.map || !ownValue(service.pair)) return null;
  const deployLimits = path(model, service.get('deploy'), 'resources', 'limits');
  const serviceStyle = !deployLimits && SERVICE_KEYS.some((k) => service.get(k));
  const entries = Object.fromEntries(dims.map((d) => (serviceStyle ? [d.serviceKey, d.placeholder] : [d.limit, d.placeholder])));
  const text = Object.entries(entries).map(([k, v]) => `${k}: ${v}`).join(', ');
  if (serviceStyle) {
    const edit = addMapEntries(model, service.map, entries);
    return edit && { title: `Add placeholder limits (${text})`, edit };
  }
  const edit = addNestedEntries(model, service.map, ['deploy', 'resources', 'limits'], entries);
  return edit && { title: `Add placeholder limits under deploy.resources.limits (${text})`, edit };
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
    kind: 'risk',
    adviceMessages: ['missingOther'],
    gapLabels: { missingOther: '{limits}' },
    severityReason:
      'A warning for a service without a memory limit, which can exhaust the host; missing CPU and PIDs limits beside a memory limit are advice (a hint).',
    targets: ['compose'],
    fix: 'suggestion',
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
        'limits of the service it extends in the same file; one that extends a service in another file is not checked. ' +
        'The quick fix adds placeholder limits (`memory: 512M`, `cpus: "0.50"`, `pids: 256`) for what is missing, in the ' +
        'style the service already uses (`deploy.resources.limits`, or `mem_limit`/`cpus`/`pids_limit`), and replaces an ' +
        'unlimited value with the placeholder. Size them before you rely on them: a limit that is too low kills or throttles the service.',
      references: [
        'https://docs.docker.com/reference/compose-file/deploy/#resources',
        'https://docs.docker.com/engine/containers/resource_constraints/',
      ],
    },
    messages: {
      missing: 'Service "{service}" has no {missing} limit, so it can exhaust the host; add limits under deploy.resources.limits',
      missingOther: 'Service "{service}" has no {missing} limit; add one to contain a runaway process or a fork bomb',
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
  compose({ model, report, fix }) {
    for (const service of model.services) {
      if (!service.map) continue;
      const { chain, external } = extendsChain(model, service);
      const missing: Dimension[] = [];
      for (const d of DIMENSIONS) {
        // The nearest service of the extends chain that sets the dimension decides.
        const owner = chain.map((s) => ({ s, set: settings(model, s, d) })).find((x) => x.set.length > 0);
        if (!owner) {
          if (!external) missing.push(d);
          continue;
        }
        if (owner.s !== service || owner.set.some(([, t]) => t.includes('$') || !d.unlimited(t))) continue;
        for (const [entry, value] of owner.set) {
          const map = entry.via === null && ownValue(service.pair) ? service.map : null;
          const own = map && [[entry.key], ['deploy', 'resources', 'limits', entry.key]].some((at) => ownPairAt(map, at) === entry.pair);
          const placeholder = PLACEHOLDER[entry.key];
          const fixes = own && entry.value ? [fix(`Replace "${entry.key}: ${value}" with a placeholder limit (${placeholder})`, [replaceNode(model, entry.value, placeholder)])] : [];
          report({ messageId: 'unlimited', data: { service: service.name, key: entry.key, value, what: d.what }, range: entry.range, fixes });
        }
      }
      if (missing.length > 0) {
        const add = addLimits(model, service, missing);
        const fixes = add ? [fix(add.title, [add.edit])] : [];
        // No memory limit is the risk; a memory limit without CPU or PIDs limits is advice.
        const messageId = missing.includes(DIMENSIONS[0]) ? 'missing' : 'missingOther';
        const whats = missing.map((d) => d.what);
        const limits = whats.length === 1 ? `a ${whats[0]} limit` : `${whats.join(' and ')} limits`;
        report({ messageId, data: { service: service.name, missing: list(whats), limits }, range: service.keyRange, fixes });
      }
    }
  },
});
