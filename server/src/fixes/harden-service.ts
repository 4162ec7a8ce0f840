import type { ComposeModel, Service } from '../parse/compose';
import { isFalse, isTrue, textItems, volumes } from '../parse/compose-values';
import { capabilityName } from '../knowledge/capabilities';
import { extendsChain } from '../knowledge/service-extends';
import { noNewPrivileges, noNewPrivilegesOn } from '../knowledge/security-options';
import type { Fix, TextEdit } from '../core/types';
import { sameRange } from '../core/positions';
import { dropAllCapabilities } from './capability-edits';
import { addListItems, addMapEntries, ownValue, quoteLike, rawItem, replaceNode, type YamlValue } from '../edit/yaml-edits';
import { joinInsertions } from '../edit/yaml-service-edits';
import { isSeq, type Node } from 'yaml';

/**
 * The edits of the "harden this service" fix and of its parts, shared by the rules that offer
 * them (`read-only-root-filesystem`, `require-no-new-privileges`, `drop-all-capabilities`).
 * Each part returns the edits to existing nodes and the keys to add, or null when it cannot
 * be done without changing other services (a key inherited through a merge key, a list shared
 * through an alias or anchor).
 */

export interface HardenPart {
  edits: TextEdit[];
  add: Record<string, YamlValue>;
}

const NOTHING: HardenPart = { edits: [], add: {} };

/** The title of the combined fix. */
export function hardenServiceTitle(service: Service): string {
  return `Harden service "${service.name}" (read_only, tmpfs, cap_drop: ALL, no-new-privileges)`;
}

/** Whether the service's map is written in place, so editing it changes this service only. */
function editable(service: Service): boolean {
  return service.map !== null && ownValue(service.pair);
}

/** `read_only: true`: added when no service of the extends chain sets it, or a `false` of the service's own turned to `true`. */
export function readOnlyPart(model: ComposeModel, service: Service): HardenPart | null {
  const owner = extendsChain(model, service).chain.find((s) => s.get('read_only'));
  if (!owner) return { edits: [], add: { read_only: 'true' } };
  const entry = owner.get('read_only')!;
  if (!isFalse(entry.value)) return isTrue(entry.value) || owner === service ? NOTHING : { edits: [], add: { read_only: 'true' } };
  if (owner !== service) return { edits: [], add: { read_only: 'true' } };
  if (entry.via || !ownValue(entry.pair) || !entry.value) return null;
  return { edits: [replaceNode(model, entry.value, 'true')], add: {} };
}

/** Whether `/tmp` is already a tmpfs or a volume of the service (or of a service it extends). */
export function tmpCovered(model: ComposeModel, service: Service): boolean {
  for (const s of extendsChain(model, service).chain) {
    if (textItems(model, s.get('tmpfs')).some((i) => isTmp(i.text.split(':')[0]))) return true;
    if (volumes(model, s.get('volumes')).some((v) => isTmp(v.target))) return true;
  }
  return false;
}

const isTmp = (path: string) => /^\/tmp\/?$/.test(path.trim());

/** `tmpfs: [/tmp]`: added to the service's own list, or as a new key; nothing when /tmp is covered. */
export function tmpfsPart(model: ComposeModel, service: Service): HardenPart | null {
  if (tmpCovered(model, service)) return NOTHING;
  const entry = service.get('tmpfs');
  if (!entry) return { edits: [], add: { tmpfs: ['/tmp'] } };
  if (entry.via || !service.map) return null;
  const e = addListItems(model, service.map, 'tmpfs', ['/tmp']);
  return e ? { edits: [e], add: {} } : null;
}

/** `no-new-privileges:true`: its `false` items turned to `true`, or the item added to `security_opt`. */
export function noNewPrivilegesPart(model: ComposeModel, service: Service): HardenPart | null {
  const { chain } = extendsChain(model, service);
  const own = textItems(model, service.get('security_opt'));
  const off = own.filter((i) => noNewPrivileges(i.text) === 'off');
  if (off.length > 0) {
    const entry = service.get('security_opt')!;
    if (entry.via || !ownValue(entry.pair)) return null;
    const edits: TextEdit[] = [];
    for (const item of off) {
      const raw = isSeq(entry.value) ? rawItem(model, entry.value, item.node) : (entry.pair.value as Node);
      if (!raw || raw !== item.node) return null;
      edits.push(replaceNode(model, raw, quoteLike(model, raw, noNewPrivilegesOn(item.text))));
    }
    return { edits, add: {} };
  }
  if (chain.some((s) => textItems(model, s.get('security_opt')).some((i) => noNewPrivileges(i.text) !== null))) return NOTHING;
  const entry = service.get('security_opt');
  if (!entry) return { edits: [], add: { security_opt: ['no-new-privileges:true'] } };
  if (entry.via || !service.map) return null;
  const e = addListItems(model, service.map, 'security_opt', ['no-new-privileges:true']);
  return e ? { edits: [e], add: {} } : null;
}

/** `cap_drop: [ALL]`, unless a service of the extends chain already drops every capability. */
export function capDropAllPart(model: ComposeModel, service: Service): HardenPart | null {
  const dropsAll = extendsChain(model, service).chain.some((s) => textItems(model, s.get('cap_drop')).some((i) => capabilityName(i.text) === 'ALL'));
  if (dropsAll) return NOTHING;
  const e = dropAllCapabilities(model, service);
  return e ? { edits: [e], add: {} } : null;
}

/**
 * Puts parts together into one set of edits, in the order given (a part that appends to the
 * service's last list must come before one that adds a key after it), then the new keys at the
 * end of the service. Null when a part is refused or nothing is left to do.
 */
export function combineParts(model: ComposeModel, service: Service, parts: readonly (HardenPart | null)[]): TextEdit[] | null {
  if (!editable(service) || parts.some((p) => p === null)) return null;
  const add: Record<string, YamlValue> = {};
  const edits: (TextEdit | null)[] = [];
  for (const p of parts as HardenPart[]) {
    edits.push(...p.edits);
    Object.assign(add, p.add);
  }
  if (Object.keys(add).length > 0) {
    const e = addMapEntries(model, service.map!, add);
    if (!e) return null;
    edits.push(e);
  }
  const out = joinInsertions(edits);
  return out.length > 0 ? out : null;
}

/**
 * One edit set that adds whatever the service lacks of `read_only: true`, `tmpfs: [/tmp]`,
 * `cap_drop: [ALL]` and `security_opt: [no-new-privileges:true]`, merging into its lists.
 * Null when the service is already hardened or a part would change other services.
 */
export function hardenServiceEdits(model: ComposeModel, service: Service): TextEdit[] | null {
  // Up to four rules offer this fix for the same service: it is worked out once per service (a
  // service belongs to one parsed model), and each caller gets its own copy of the edits.
  let edits = hardened.get(service);
  if (edits === undefined) hardened.set(service, (edits = computeHardenServiceEdits(model, service)));
  return edits && edits.map((e) => ({ range: { start: { ...e.range.start }, end: { ...e.range.end } }, newText: e.newText }));
}

const hardened = new WeakMap<Service, TextEdit[] | null>();

function computeHardenServiceEdits(model: ComposeModel, service: Service): TextEdit[] | null {
  return combineParts(model, service, [
    readOnlyPart(model, service),
    tmpfsPart(model, service),
    noNewPrivilegesPart(model, service),
    // Last: its edit may add a key at the end of the service, after the lists the others extend.
    capDropAllPart(model, service),
  ]);
}

/**
 * A rule's fixes for a service: its own edits under `title` (when it has them), then "harden
 * this service" when that does more than the rule's own edits.
 */
export function ownThenHarden(
  model: ComposeModel,
  service: Service,
  fix: (title: string, edits: TextEdit[]) => Fix,
  title: string,
  edits: TextEdit[] | null,
): Fix[] {
  const out = edits ? [fix(title, edits)] : [];
  const harden = hardenServiceEdits(model, service);
  if (harden && !(edits && sameEdits(harden, edits))) out.push(fix(hardenServiceTitle(service), harden));
  return out;
}

/** Whether two edit lists make the same edits in the same order (a TextEdit is its range and text). */
function sameEdits(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.newText !== y.newText || !sameRange(x.range, y.range)) return false;
  }
  return true;
}
