import type { Memento } from 'vscode';
import { reconcileTicks, setTick, type Ticks } from '../../server/src/shared/checklist-ticks';

/**
 * The reviewer's ticks, kept in the workspace state (per workspace, never in the files). Each
 * scope has its own: `workspace`, or `file:<uri>` for the active-file checklist. A tick stores the
 * practice's fingerprint at the time; when the files behind the practice change, it is dropped.
 */

const KEY = 'bulkhead.checklist.ticks';
/** File scopes remembered; the oldest are forgotten first. */
const MAX_SCOPES = 200;

export class TickStore {
  constructor(private readonly memento: Memento) {}

  private all(): Record<string, Ticks> {
    return this.memento.get<Record<string, Ticks>>(KEY, {});
  }

  private async save(scope: string, ticks: Ticks): Promise<void> {
    const all = { ...this.all() };
    delete all[scope];
    if (Object.keys(ticks).length > 0) all[scope] = ticks;
    const scopes = Object.keys(all);
    for (const old of scopes.slice(0, Math.max(0, scopes.length - MAX_SCOPES))) delete all[old];
    await this.memento.update(KEY, all);
  }

  get(scope: string): Ticks {
    return this.all()[scope] ?? {};
  }

  async set(scope: string, practice: number, fingerprint: string | null): Promise<void> {
    await this.save(scope, setTick(this.get(scope), practice, fingerprint));
  }

  /** Drops the ticks whose files changed since; returns the ones that still hold. */
  async reconcile(scope: string, practices: readonly { practice: number; fingerprint: string }[]): Promise<Ticks> {
    const { ticks, dropped } = reconcileTicks(this.get(scope), practices);
    if (dropped.length > 0) await this.save(scope, ticks);
    return ticks;
  }
}
