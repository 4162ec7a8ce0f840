/**
 * Reviewer ticks on the checklist. A tick records the practice's fingerprint when it was given;
 * once the files behind the practice change (another fingerprint), the tick no longer counts.
 * Plain data and no imports, so the VS Code client can use it without pulling in the engine.
 */

/** Practice number → the fingerprint it had when ticked. */
export type Ticks = Readonly<Record<number, string>>;

/** The ticks that still hold for these practices, and whether any were dropped. */
export function reconcileTicks(ticks: Ticks, practices: readonly { practice: number; fingerprint: string }[]): { ticks: Record<number, string>; dropped: number[] } {
  const kept: Record<number, string> = {};
  const dropped: number[] = [];
  const current = new Map(practices.map((p) => [p.practice, p.fingerprint]));
  for (const [key, fingerprint] of Object.entries(ticks)) {
    const n = Number(key);
    if (current.get(n) === fingerprint) kept[n] = fingerprint;
    else if (current.has(n)) dropped.push(n);
    // A practice missing from the result (an incomplete result) keeps its tick.
    else kept[n] = fingerprint;
  }
  return { ticks: kept, dropped };
}

export function setTick(ticks: Ticks, practice: number, fingerprint: string | null): Record<number, string> {
  const out: Record<number, string> = { ...ticks };
  if (fingerprint === null) delete out[practice];
  else out[practice] = fingerprint;
  return out;
}
