import type { ComposeModel, Service } from '../parse/compose';
import { childEntries, isMap, scalarText } from '../parse/compose-values';

/**
 * `extends:` chains, for rules that look for a setting a service may inherit. Compose merges the
 * base service's keys into the extending one (sequences such as `security_opt` are combined,
 * maps such as `deploy` merged, scalars overridden), so a missing setting is only missing when no
 * service of the chain sets it.
 */

export interface ExtendsChain {
  /** The service first, then the service it extends, and so on (same file only). */
  chain: Service[];
  /** True when the chain continues in another file or names a service this file does not have: its settings are unknown. */
  external: boolean;
}

const MAX_CHAIN = 16;

export function extendsChain(model: ComposeModel, service: Service): ExtendsChain {
  const chain: Service[] = [service];
  let current = service;
  while (chain.length <= MAX_CHAIN) {
    const entry = current.get('extends');
    if (!entry || !entry.value) return { chain, external: false };
    let base: string | null;
    if (isMap(entry.value)) {
      const e = childEntries(model, entry);
      if (e.has('file')) return { chain, external: true };
      base = scalarText(e.get('service')?.value);
    } else {
      base = scalarText(entry.value);
    }
    const next = model.serviceNamed(base);
    if (!next || chain.includes(next)) return { chain, external: !next };
    chain.push(next);
    current = next;
  }
  return { chain, external: true };
}
