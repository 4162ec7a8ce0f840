/**
 * What a code action does, named by the server: "fix N of finding M", "ignore finding M's rule on
 * its line", "ignore it in the file", "fix all", for one version of one document. It travels as a
 * deferred code action's `data` (resolved by `codeAction/resolve`) and as the argument of the
 * `bulkhead.applyEdit` command (clients that take commands only). The server turns it back into an
 * edit from its own analysis of that version, so the only edits it ever applies are its own, and a
 * reference to an older version is refused.
 */
export type ActionKind = 'fix' | 'ignoreLine' | 'ignoreFile' | 'fixAll';

export interface ActionRef {
  bulkhead: 'action';
  uri: string;
  version: number;
  kind: ActionKind;
  /** The finding's index in the analysis (every kind but `fixAll`). */
  finding?: number;
  /** The fix's index among the finding's fixes (`fix`). */
  fix?: number;
}

const KINDS: readonly string[] = ['fix', 'ignoreLine', 'ignoreFile', 'fixAll'];
const isIndex = (n: unknown) => n === undefined || (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0);

/** The reference, if `x` is one (anything a client sends back is checked before use). */
export function asActionRef(x: unknown): ActionRef | null {
  const r = x as Partial<ActionRef> | null;
  if (typeof r !== 'object' || r === null || r.bulkhead !== 'action') return null;
  if (typeof r.uri !== 'string' || typeof r.version !== 'number' || !Number.isSafeInteger(r.version)) return null;
  if (typeof r.kind !== 'string' || !KINDS.includes(r.kind) || !isIndex(r.finding) || !isIndex(r.fix)) return null;
  if (r.kind !== 'fixAll' && r.finding === undefined) return null;
  if (r.kind === 'fix' && r.fix === undefined) return null;
  return { bulkhead: 'action', uri: r.uri, version: r.version, kind: r.kind as ActionKind, ...(r.finding !== undefined ? { finding: r.finding } : {}), ...(r.fix !== undefined ? { fix: r.fix } : {}) };
}
