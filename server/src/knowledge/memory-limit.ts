import type { ComposeModel, Service } from '../parse/compose';
import { path, scalarText } from '../parse/compose-values';
import { extendsChain } from './service-extends';

/**
 * Whether a service's memory is capped: `mem_limit` or `deploy.resources.limits.memory`, on the
 * service or the nearest service of its `extends` chain that sets one. `-1` and `0` mean no limit.
 */
export type MemoryLimit = 'limited' | 'unlimited' | 'unknown';

const UNLIMITED = /^(?:-1|0{1,20}(?:\.0{1,20})?\s?(?:[kmgt]i?)?b?)$/i;

export function memoryLimit(model: ComposeModel, service: Service): MemoryLimit {
  const { chain, external } = extendsChain(model, service);
  for (const s of chain) {
    const values = [s.get('mem_limit'), path(model, s.get('deploy'), 'resources', 'limits', 'memory')]
      .map((e) => scalarText(e?.value)?.trim())
      .filter((t): t is string => !!t);
    if (values.length === 0) continue;
    if (values.some((t) => t.includes('$'))) return 'unknown';
    return values.some((t) => !UNLIMITED.test(t)) ? 'limited' : 'unlimited';
  }
  return external ? 'unknown' : 'unlimited';
}
