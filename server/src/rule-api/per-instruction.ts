import type { Fix, Range } from '../core/types';
import type { BaseContext } from './rule';

/** One offending word (or span) of an instruction, with what its own message and fix would be. */
export interface InstructionHit {
  range: Range;
  /** The data of the rule's one-hit message. */
  data: Record<string, string | number>;
  /** How the many-hit message names this hit (`"777" on "/app"`). */
  label: string;
  fixes: Fix[];
}

/**
 * Reports the hits of one instruction as one finding, on the first hit: its own message when it is
 * alone, else `manyId` with `{count}` and `{items}` (every hit's label, a repeated one once with its count) and one fix that applies the
 * first fix of every hit that has one. One finding per rule per instruction keeps the Problems
 * panel to one entry per cause, while the message still names every offending word.
 */
export function reportPerInstruction<Id extends string>(
  ctx: Pick<BaseContext<Id>, 'report' | 'fix'>,
  hits: readonly InstructionHit[],
  oneId: Id,
  manyId: Id,
  manyFixTitle: (count: number) => string,
): void {
  if (hits.length === 0) return;
  if (hits.length === 1) {
    ctx.report({ messageId: oneId, data: hits[0].data, range: hits[0].range, fixes: hits[0].fixes });
    return;
  }
  const firsts = hits.map((h) => h.fixes[0]).filter((f): f is Fix => f !== undefined);
  const safety = firsts.some((f) => f.safety === 'suggestion') ? 'suggestion' : 'safe';
  const fixes = firsts.length > 1 ? [{ ...ctx.fix(manyFixTitle(firsts.length), firsts.flatMap((f) => f.edits), safety), ...mergeOtherFiles(firsts) }] : firsts;
  ctx.report({ messageId: manyId, data: { count: hits.length, items: itemList(hits.map((h) => h.label)) }, range: hits[0].range, fixes });
}

/** The labels in first-seen order, each once, with `×n` after one that occurs n > 1 times (the same download in two branches). */
export function itemList(labels: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].map(([l, n]) => (n > 1 ? `${l} ×${n}` : l)).join(', ');
}

function mergeOtherFiles(fixes: readonly Fix[]): Partial<Fix> {
  const others = fixes.flatMap((f) => f.otherFiles ?? []);
  return others.length > 0 ? { otherFiles: others } : {};
}
