import { isScalar, isSeq } from 'yaml';
import type { ComposeModel, Service } from '../parse/compose';
import type { TextEdit } from '../core/types';
import { writtenIn } from '../edit/compose-item-edits';
import { addServiceEntries, appendSeqItems, blockList, replaceNode } from '../edit/yaml-edits';

/**
 * The `cap_drop: [ALL]` edit, kept apart from the rule that offers it so a combined "harden this
 * service" action can make it together with `read_only`, `tmpfs` and `no-new-privileges`.
 */

/** The lines of a new `cap_drop` key for `addServiceEntries`: block style with the file's dash indentation, or one flow line. */
export function capDropAllLines(model: ComposeModel, flow: boolean): string[] {
  return flow ? ['cap_drop: [ALL]'] : blockList(model, 'cap_drop', ['ALL']);
}

/**
 * Makes a service drop every capability: appends `ALL` to its own `cap_drop` list (block or flow),
 * or adds a `cap_drop` key when it has none of its own. A list that arrives through a merge key is
 * left alone: the service's own key overrides it, and `ALL` already drops what it listed.
 * Null when the service or its `cap_drop` has a shape this edit cannot place.
 */
export function dropAllCapabilities(model: ComposeModel, service: Service): TextEdit | null {
  const map = service.map;
  if (!map || !writtenIn(service)) return null;
  const own = service.get('cap_drop');
  if (own && own.via === null) {
    const value = own.pair.value;
    if (isSeq(value) && writtenIn(service, value) && (value.flow || value.items.length > 0)) return appendSeqItems(model, value, ['ALL']);
    if (isScalar(value) && writtenIn(service, value) && typeof value.value === 'string' && value.value.trim() !== '') {
      return replaceNode(model, value, `[${model.text.slice(value.range![0], value.range![1])}, ALL]`);
    }
    return null;
  }
  return addServiceEntries(model, service, capDropAllLines(model, map.flow === true));
}
