import type { Connection } from 'vscode-languageserver';
import { LIST_FILES_REQUEST, READ_FILES_REQUEST, type ListFilesParams, type ListFilesResult, type ReadFilesParams, type ReadFilesResult } from '../shared/protocol';
import type { ScanLimits, ScanResult } from '../shared/scan';
import { DEFAULT_MAX_FILE_SIZE } from '../core/types';
import type { FileText } from './host';

/**
 * Files read through the client (`bulkhead/readFiles`, `bulkhead/listFiles`), for a server without
 * a disk (the web worker) or a file it cannot reach (a virtual workspace).
 *
 * The engine reads related files synchronously; the client answers asynchronously. So analysis
 * runs in rounds (`settle`): a run reads from the cache only, and every path it asks for that is
 * not cached yet is recorded (and read as absent for that run). The recorded paths are fetched in
 * one request and the run is repeated, until a run asks for nothing new (at most MAX_ROUNDS runs).
 * Only the last run's result is used, so no rule ever sees "missing" for a file that simply was
 * not fetched yet: in that run every answer came from the cache, and a file the client fetched and
 * did not find is `undefined`, as on a disk.
 *
 * The cache holds until `forget()` (a watched file changed, the configuration changed).
 */

export const MAX_ROUNDS = 4;
/** Runs a settle may spend in all, counting those repeated because the cache was emptied meanwhile. */
export const MAX_RUNS = 12;
const BATCH = 500;
const MAX_CACHED = 5000;

export interface ClientFileAccess {
  read(uris: string[], maxChars: number): Promise<ReadFilesResult>;
  list(uri: string, limits: ScanLimits): Promise<{ uris: string[]; truncated: boolean }>;
}

/** The requests, over the LSP connection. */
export function connectionFileAccess(connection: Connection): ClientFileAccess {
  return {
    read: (uris, maxChars) => connection.sendRequest<ReadFilesResult>(READ_FILES_REQUEST, { uris, maxChars } satisfies ReadFilesParams),
    list: (uri, limits) => connection.sendRequest<ListFilesResult>(LIST_FILES_REQUEST, { uri, maxFiles: limits.files, maxEntries: limits.entries } satisfies ListFilesParams),
  };
}

export class ClientFiles {
  private readonly cache = new Map<string, FileText | undefined>();
  /** The largest size limit asked for since the cache was last emptied: what the client is asked to read up to. */
  private maxChars = DEFAULT_MAX_FILE_SIZE;
  private misses: Set<string> | undefined;
  /** Misses recorded so far: a run that added none read everything from the cache. */
  missCount = 0;
  /** False once a request failed: the client does not serve files after all. */
  available = true;
  /** Counts `forget()`s and cache clears, so a settle can tell that what it fetched was dropped meanwhile. */
  private generation = 0;

  constructor(
    private readonly access: ClientFileAccess,
    private readonly toUri: (path: string) => string,
    private readonly toPath: (uri: string) => string,
    private readonly log: (message: string) => void,
  ) {}

  /** The cached text of a path (undefined: absent, or not fetched yet, which is recorded). */
  read(path: string, maxChars = DEFAULT_MAX_FILE_SIZE): FileText | undefined {
    if (maxChars > this.maxChars) {
      // Read with a larger limit than before: what was cut short must be read again.
      this.maxChars = maxChars;
      for (const [p, t] of this.cache) if (t?.truncated) this.cache.delete(p);
    }
    if (this.cache.has(path)) return this.cache.get(path);
    if (this.misses && !this.misses.has(path)) {
      this.misses.add(path);
      this.missCount++;
    }
    return undefined;
  }

  /** True when the path has been fetched (present or not). */
  has(path: string): boolean {
    return this.cache.has(path);
  }

  /** Fetches the paths not cached yet, in batches. */
  async fetch(paths: Iterable<string>): Promise<void> {
    const need = [...new Set(paths)].filter((p) => !this.cache.has(p));
    if (need.length === 0 || !this.available) return;
    if (this.cache.size + need.length > MAX_CACHED) this.clear();
    for (let i = 0; i < need.length; i += BATCH) {
      const chunk = need.slice(i, i + BATCH);
      let got: ReadFilesResult;
      try {
        got = await this.access.read(chunk.map(this.toUri), this.maxChars);
      } catch (e) {
        this.available = false;
        this.log(`The client does not serve files (${e instanceof Error ? e.message : String(e)}); files that are not open are not read.`);
        return;
      }
      chunk.forEach((p, j) => this.cache.set(p, fileText(got?.texts?.[j], got?.truncated?.[j])));
    }
  }

  /** Lists the Dockerfiles and Compose files under a folder (by URI); paths, or undefined when the client cannot. */
  async list(folderUri: string, limits: ScanLimits): Promise<ScanResult | undefined> {
    if (!this.available) return undefined;
    try {
      const r = await this.access.list(folderUri, limits);
      return { paths: r.uris.map(this.toPath), truncated: r.truncated };
    } catch (e) {
      this.log(`Listing ${folderUri} through the client failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  forget(): void {
    this.clear();
    this.maxChars = DEFAULT_MAX_FILE_SIZE;
  }

  private clear(): void {
    this.cache.clear();
    this.generation++;
  }

  /**
   * Runs `compute` until it reads only cached files (see the class comment); returns the last result.
   * A round whose fetched files were dropped before the next run (a watched file changed, the
   * configuration changed) does not count towards MAX_ROUNDS: otherwise a change elsewhere in the
   * workspace could end the settle early, with files read as absent that are there.
   */
  async settle<T>(compute: () => T): Promise<T> {
    let round = 1;
    for (let run = 1; ; run++) {
      const outer = this.misses;
      const misses = new Set<string>();
      this.misses = misses;
      let value: T;
      try {
        value = compute();
      } finally {
        this.misses = outer;
        for (const p of misses) outer?.add(p);
      }
      if (misses.size === 0 || round >= MAX_ROUNDS || run >= MAX_RUNS || !this.available) return value;
      const generation = this.generation;
      await this.fetch(misses);
      if (this.generation === generation) round++;
    }
  }
}

/** One answer of the client: a whole text, the beginning of a file over the limit, or nothing. */
function fileText(text: unknown, truncated: unknown): FileText | undefined {
  if (typeof truncated === 'number' && truncated >= 0) return { text: typeof text === 'string' ? text : '', truncated: { bytes: truncated } };
  return typeof text === 'string' ? { text } : undefined;
}
