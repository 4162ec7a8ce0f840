import type { Connection } from 'vscode-languageserver';
import { PROFILES, type Profile, type RuleSetting } from '../core/types';
import type { FileConfig } from '../engine/config-file';

/**
 * The `bulkhead.*` settings the server reads from the client, per document (scopeUri). A setting the
 * user did not set is undefined (empty for `rules`), so `.bulkhead.yaml` applies: the settings win
 * only where they are set (see `settingsOverrides`).
 */
export interface ServerSettings {
  enable: boolean;
  rules: Record<string, RuleSetting>;
  trustedRegistries: string[] | undefined;
  /** Files larger than this many characters get one information diagnostic instead of analysis; undefined: not set. */
  maxFileSize: number | undefined;
  /** `bulkhead.profile`; undefined when empty (the `.bulkhead.yaml` profile applies). */
  profile: Profile | undefined;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  enable: true,
  rules: {},
  trustedRegistries: undefined,
  maxFileSize: undefined,
  profile: undefined,
};

/** The settings the user set, as configuration that wins over `.bulkhead.yaml` key by key. */
export function settingsOverrides(s: ServerSettings): FileConfig {
  return {
    ...(Object.keys(s.rules).length > 0 ? { rules: s.rules } : {}),
    ...(s.trustedRegistries ? { trustedRegistries: s.trustedRegistries } : {}),
    ...(s.maxFileSize !== undefined ? { maxFileSize: s.maxFileSize } : {}),
    ...(s.profile ? { profile: s.profile } : {}),
  };
}

function normalise(raw: unknown): ServerSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof ServerSettings, unknown>>;
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : DEFAULT_SETTINGS.enable,
    rules: typeof r.rules === 'object' && r.rules !== null && !Array.isArray(r.rules) ? (r.rules as Record<string, RuleSetting>) : {},
    trustedRegistries: Array.isArray(r.trustedRegistries) && r.trustedRegistries.length > 0 ? r.trustedRegistries.filter((x): x is string => typeof x === 'string') : undefined,
    maxFileSize: typeof r.maxFileSize === 'number' && r.maxFileSize > 0 ? r.maxFileSize : undefined,
    profile: (PROFILES as readonly unknown[]).includes(r.profile) ? (r.profile as Profile) : undefined,
  };
}

/** Reads settings through `workspace/configuration` when the client supports it, cached per document. */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<ServerSettings>>();
  supported = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<ServerSettings> {
    if (!this.supported) return Promise.resolve(DEFAULT_SETTINGS);
    let s = this.cache.get(uri);
    if (!s) {
      s = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'bulkhead' })
        .then(normalise, () => DEFAULT_SETTINGS);
      this.cache.set(uri, s);
    }
    return s;
  }

  forget(uri?: string): void {
    if (uri === undefined) this.cache.clear();
    else this.cache.delete(uri);
  }
}
