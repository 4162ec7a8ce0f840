import type { Memento } from 'vscode';
import { setTick, type StoredTick, type Ticks } from '../../server/src/shared/checklist-ticks';

/**
 * The reviewer's ticks, kept in the workspace state (per workspace, never in the files). Each
 * scope has its own: `workspace`, or `file:<uri>` for the active-file checklist. A tick stores the
 * practice's fingerprint and basis when it was given; it is kept when they change (so an undo
 * brings it back) and only removed when the reviewer unticks the box.
 */

/** Version 2: ticks hold a basis; the version-1 ticks (a hash of file contents) are left behind. */
const KEY = 'bulkhead.checklist.ticks.v2';
/** File scopes remembered; the oldest are forgotten first. */
const MAX_SCOPES = 200;

/** Where version 1 kept its ticks: dropped once (they cannot be compared with the new fingerprints). */
const OLD_KEY = 'bulkhead.checklist.ticks';

export class TickStore {
  constructor(private readonly memento: Memento) {
    if (memento.get(OLD_KEY) !== undefined) void memento.update(OLD_KEY, undefined);
  }

  private all(): Record<string, Ticks> {
    return this.memento.get<Record<string, Ticks>>(KEY, {});
  }

  get(scope: string): Ticks {
    return this.all()[scope] ?? {};
  }

  async set(scope: string, practice: number, tick: StoredTick | null): Promise<void> {
    const all = { ...this.all() };
    const ticks = setTick(all[scope] ?? {}, practice, tick);
    delete all[scope];
    if (Object.keys(ticks).length > 0) all[scope] = ticks;
    const scopes = Object.keys(all);
    for (const old of scopes.slice(0, Math.max(0, scopes.length - MAX_SCOPES))) delete all[old];
    await this.memento.update(KEY, all);
  }
}
