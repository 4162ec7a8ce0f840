import type { BasisItem } from './checklist-report';

/**
 * Reviewer ticks on the checklist. A tick is stored with the practice's fingerprint and basis (what
 * its status depended on) when it was given. It counts while the fingerprint is the same; when it
 * differs the tick is kept but does not count ("cleared"), and the two bases say why. An undo that
 * brings the fingerprint back brings the tick back. Plain data and no runtime imports, so the VS
 * Code client can use it without pulling in the engine.
 */

export interface StoredTick {
  fingerprint: string;
  basis: readonly BasisItem[];
}

/** Practice number → the tick as given. */
export type Ticks = Readonly<Record<number, StoredTick>>;

export interface TickState {
  /** The tick holds (same fingerprint). */
  ticked: boolean;
  /** Set when a tick was given but no longer holds: what changed, for people. */
  cleared?: string;
}

interface PracticeBasis {
  practice: number;
  fingerprint: string;
  basis: readonly BasisItem[];
}

/** Whether each ticked practice's tick holds, and why not. Practices not in the result keep what they had. */
export function tickStates(ticks: Ticks, practices: readonly PracticeBasis[]): Map<number, TickState> {
  const out = new Map<number, TickState>();
  for (const p of practices) {
    const t = ticks[p.practice];
    if (!t) continue;
    out.set(p.practice, t.fingerprint === p.fingerprint ? { ticked: true } : { ticked: false, cleared: explainChange(t.basis, p.basis) });
  }
  return out;
}

const ADDED: Record<BasisItem['kind'], (label: string) => string> = {
  finding: (l) => `new finding ${l}`,
  suppressed: (l) => `newly suppressed ${l}`,
  setting: (l) => `setting changed: ${l}`,
  files: () => 'files added or removed',
  unchecked: (l) => `not analysed: ${l}`,
  registries: () => 'trustedRegistries changed',
};
const REMOVED: Record<BasisItem['kind'], (label: string) => string> = {
  finding: (l) => `finding gone: ${l}`,
  suppressed: (l) => `suppression gone: ${l}`,
  setting: (l) => `setting removed: ${l}`,
  files: () => 'files added or removed',
  unchecked: (l) => `analysed again: ${l}`,
  registries: () => 'trustedRegistries changed',
};

/** "new finding no-privileged in compose.yaml ("privileged: true")", with a count of the other changes. */
export function explainChange(before: readonly BasisItem[], after: readonly BasisItem[]): string {
  const had = new Set(before.map((b) => b.key));
  const has = new Set(after.map((b) => b.key));
  const changes = [
    ...after.filter((a) => !had.has(a.key)).map((a) => ADDED[a.kind]?.(a.label) ?? a.label),
    ...before.filter((b) => !has.has(b.key)).map((b) => REMOVED[b.kind]?.(b.label) ?? b.label),
  ];
  const unique = [...new Set(changes)];
  if (unique.length === 0) return 'what it depends on changed';
  return unique.length === 1 ? unique[0] : `${unique[0]} (and ${unique.length - 1} more change${unique.length === 2 ? '' : 's'})`;
}

export function setTick(ticks: Ticks, practice: number, tick: StoredTick | null): Record<number, StoredTick> {
  const out: Record<number, StoredTick> = { ...ticks };
  if (tick === null) delete out[practice];
  else out[practice] = { fingerprint: tick.fingerprint, basis: tick.basis };
  return out;
}
