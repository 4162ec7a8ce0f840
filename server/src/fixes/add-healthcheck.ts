import type { TextEdit } from '../core/types';
import { addServiceEntries, ownValue } from '../edit/yaml-edits';
import { knownHealthcheckTest } from '../knowledge/healthchecks';
import type { ComposeModel, Service } from '../parse/compose';

/**
 * The edit that adds a `healthcheck:` for a well-known image to a service that has none, or null
 * (unknown image, a service given through an alias or anchored for others to merge, or one that already
 * has a `healthcheck` key).
 */
export function addKnownHealthcheck(model: ComposeModel, service: Service, image: string): TextEdit | null {
  const test = knownHealthcheckTest(image);
  if (!test || !service.map || !ownValue(service.pair) || service.get('healthcheck')) return null;
  const block = ['healthcheck:', `\ttest: ${test}`, '\tinterval: 10s', '\ttimeout: 5s', '\tretries: 5'];
  return (
    addServiceEntries(model, service, block) ??
    addServiceEntries(model, service, [`healthcheck: {test: ${test}, interval: 10s, timeout: 5s, retries: 5}`])
  );
}
