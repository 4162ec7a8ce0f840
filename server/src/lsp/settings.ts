import type { Connection } from 'vscode-languageserver';
import { PROFILES, type LintConfig, type Profile, type RuleSetting } from '../core/types';

/** The `bulkhead.*` settings the server reads from the client, per document (scopeUri). */
export interface ServerSettings {
  enable: boolean;
  rules: Record<string, RuleSetting>;
  trustedRegistries: string[] | undefined;
  /** Files larger than this many characters get one information diagnostic instead of analysis. */
  maxFileSize: number;
  /** `bulkhead.profile`; undefined when empty (the `.bulkhead.yaml` profile applies). */
  profile: Profile | undefined;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  enable: true,
  rules: {},
  trustedRegistries: undefined,
  maxFileSize: 2_000_000,
  profile: undefined,
};

export function toLintConfig(s: ServerSettings): LintConfig {
  return { rules: s.rules, ...(s.trustedRegistries ? { trustedRegistries: s.trustedRegistries } : {}), ...(s.profile ? { profile: s.profile } : {}) };
}

function normalise(raw: unknown): ServerSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof ServerSettings, unknown>>;
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : DEFAULT_SETTINGS.enable,
    rules: typeof r.rules === 'object' && r.rules !== null && !Array.isArray(r.rules) ? (r.rules as Record<string, RuleSetting>) : {},
    trustedRegistries: Array.isArray(r.trustedRegistries) && r.trustedRegistries.length > 0 ? r.trustedRegistries.filter((x): x is string => typeof x === 'string') : undefined,
    maxFileSize: typeof r.maxFileSize === 'number' && r.maxFileSize > 0 ? r.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
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
