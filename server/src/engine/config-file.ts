import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { readYamlDocument, TOO_DEEP } from '../parse/yaml-document';
import { LineIndex } from '../core/positions';
import { RULES } from '../rules';
import { PROFILES, type LintConfig, type Profile, type Range, type RuleSetting, type SeveritySetting } from '../core/types';

/**
 * `.bulkhead.yaml`: parsed as plain data (the YAML core schema, no custom tags, no aliases
 * expanded beyond their value), validated against the rule registry. Problems come with a
 * position; a file that is not YAML at all yields one problem and the defaults.
 *
 *   rules:
 *     image-tag-pinned: error
 *     require-resource-limits: off
 *     non-root-user: { severity: warning, options: { nonRootImages: ["my.registry/base:*"] } }
 *   trustedRegistries: [docker.io, "*.corp.example"]
 *   ignore: ["vendor/**"]
 *   failOn: error
 *   maxFileSize: 5000000
 *   profile: strict
 */

export { CONFIG_FILE_NAMES } from '../shared/file-kinds';

export const FAIL_ON_LEVELS = ['error', 'warning', 'info', 'never'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/** The most `ignore` globs a configuration file may list (the rest are left out, with a problem). */
export const MAX_IGNORE_GLOBS = 10_000;
/**
 * The highest `maxFileSize` a configuration file may set: a repository cannot make the editor or
 * CI parse a file of any size (the `bulkhead.maxFileSize` setting, the user's own, has no ceiling).
 */
export const MAX_CONFIG_FILE_SIZE = 10_000_000;

export interface FileConfig extends LintConfig {
  /** Globs, relative to the config file's directory, of files not to analyse. */
  ignore?: string[];
  failOn?: FailOn;
}

export interface ConfigProblem {
  message: string;
  range: Range;
}

const TOP_KEYS = ['rules', 'trustedRegistries', 'ignore', 'failOn', 'maxFileSize', 'profile'];
const SETTINGS: readonly string[] = ['off', 'hint', 'info', 'warning', 'error'];

export function parseConfigFile(text: string): { config: FileConfig; problems: ConfigProblem[] } {
  const index = new LineIndex(text);
  const problems: ConfigProblem[] = [];
  const at = (node: unknown): Range => {
    const r = (node as Node | null)?.range;
    return r ? index.range(r[0], Math.max(r[1], r[0] + 1)) : index.range(0, Math.min(1, text.length));
  };
  const read = readYamlDocument(text, { prettyErrors: false, uniqueKeys: true, merge: false, customTags: [] });
  if (!read.doc) return { config: {}, problems: [{ message: `not valid YAML: ${TOO_DEEP}`, range: index.range(read.tooDeepAt, read.tooDeepAt + 1) }] };
  const doc = read.doc;
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return { config: {}, problems: [{ message: `not valid YAML: ${e.message.split('\n')[0]}`, range: index.range(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)) }] };
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config: {}, problems };
  if (!isMap(root)) return { config: {}, problems: [{ message: 'the configuration must be a mapping (rules:, trustedRegistries:, ignore:, failOn:)', range: at(root) }] };

  const config: FileConfig = {};
  for (const pair of root.items as Pair[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    switch (key) {
      case 'rules':
        config.rules = readRules(value, problems, at);
        break;
      case 'trustedRegistries':
      case 'ignore': {
        const list = stringList(value);
        if (list === null) problems.push({ message: `"${key}" must be a list of strings`, range: at(value ?? pair.key) });
        else if (key === 'ignore' && list.length > MAX_IGNORE_GLOBS) {
          problems.push({ message: `"ignore" has ${list.length} globs; only the first ${MAX_IGNORE_GLOBS} are used`, range: at(value ?? pair.key) });
          config.ignore = list.slice(0, MAX_IGNORE_GLOBS);
        } else config[key] = list;
        break;
      }
      case 'failOn': {
        const v = isScalar(value) ? String(value.value) : '';
        if ((FAIL_ON_LEVELS as readonly string[]).includes(v)) config.failOn = v as FailOn;
        else problems.push({ message: `"failOn" must be one of ${FAIL_ON_LEVELS.join(', ')} (got "${v}")`, range: at(value ?? pair.key) });
        break;
      }
      case 'profile': {
        const v = isScalar(value) ? String(value.value) : '';
        if ((PROFILES as readonly string[]).includes(v)) config.profile = v as Profile;
        else problems.push({ message: `"profile" must be one of ${PROFILES.join(', ')} (got "${v}")`, range: at(value ?? pair.key) });
        break;
      }
      case 'maxFileSize': {
        const v = isScalar(value) ? value.value : undefined;
        if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 && v <= MAX_CONFIG_FILE_SIZE) config.maxFileSize = v;
        else if (typeof v === 'number' && Number.isSafeInteger(v) && v > MAX_CONFIG_FILE_SIZE) {
          problems.push({ message: `"maxFileSize" may be at most ${MAX_CONFIG_FILE_SIZE} characters in a configuration file (got ${v}); ${MAX_CONFIG_FILE_SIZE} is used`, range: at(value) });
          config.maxFileSize = MAX_CONFIG_FILE_SIZE;
        } else problems.push({ message: `"maxFileSize" must be a positive whole number of characters (got "${isScalar(value) ? String(value.value) : ''}")`, range: at(value ?? pair.key) });
        break;
      }
      default:
        problems.push({ message: `unknown key "${key}" (expected one of ${TOP_KEYS.join(', ')})`, range: at(pair.key) });
    }
  }
  return { config, problems };
}

function stringList(node: Node | null): string[] | null {
  if (!isSeq(node)) return null;
  const out: string[] = [];
  for (const item of node.items) {
    if (!isScalar(item) || typeof item.value !== 'string') return null;
    out.push(item.value);
  }
  return out;
}

function readRules(node: Node | null, problems: ConfigProblem[], at: (n: unknown) => Range): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  if (!isMap(node)) {
    problems.push({ message: '"rules" must map rule ids to a severity (off, hint, info, warning, error) or {severity, options}', range: at(node) });
    return out;
  }
  for (const pair of node.items as Pair[]) {
    const id = isScalar(pair.key) ? String(pair.key.value) : '';
    const rule = RULES.find((r) => r.meta.id === id);
    if (!rule) {
      problems.push({ message: `unknown rule "${id}" (run "bulkhead rules" for the list)`, range: at(pair.key) });
      continue;
    }
    const v = pair.value as Node | null;
    if (isScalar(v)) {
      const s = String(v.value);
      if (SETTINGS.includes(s)) out[id] = s as SeveritySetting;
      else problems.push({ message: `rule "${id}": severity must be one of ${SETTINGS.join(', ')} (got "${s}")`, range: at(v) });
      continue;
    }
    if (!isMap(v)) {
      problems.push({ message: `rule "${id}": expected a severity or {severity, options}`, range: at(v ?? pair.key) });
      continue;
    }
    const setting: { severity?: SeveritySetting; options?: Record<string, unknown> } = {};
    for (const p of v.items as Pair[]) {
      const k = isScalar(p.key) ? String(p.key.value) : '';
      const pv = p.value as Node | null;
      if (k === 'severity') {
        const s = isScalar(pv) ? String(pv.value) : '';
        if (SETTINGS.includes(s)) setting.severity = s as SeveritySetting;
        else problems.push({ message: `rule "${id}": severity must be one of ${SETTINGS.join(', ')} (got "${s}")`, range: at(pv ?? p.key) });
      } else if (k === 'options') {
        const options = readOptions(id, rule.meta.options ?? {}, pv, problems, at);
        if (Object.keys(options).length > 0) setting.options = options;
      } else {
        problems.push({ message: `rule "${id}": unknown key "${k}" (expected severity or options)`, range: at(p.key) });
      }
    }
    out[id] = setting;
  }
  return out;
}

function readOptions(
  id: string,
  specs: NonNullable<(typeof RULES)[number]['meta']['options']>,
  node: Node | null,
  problems: ConfigProblem[],
  at: (n: unknown) => Range,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isMap(node)) {
    problems.push({ message: `rule "${id}": options must be a mapping`, range: at(node) });
    return out;
  }
  for (const p of node.items as Pair[]) {
    const name = isScalar(p.key) ? String(p.key.value) : '';
    const spec = specs[name];
    const v = p.value as Node | null;
    if (!spec) {
      const known = Object.keys(specs);
      problems.push({ message: `rule "${id}" has no option "${name}"${known.length ? ` (it has ${known.join(', ')})` : ''}`, range: at(p.key) });
      continue;
    }
    const value = spec.type === 'string[]' ? stringList(v) : isScalar(v) ? v.value : undefined;
    const ok = spec.type === 'string[]' ? value !== null : typeof value === spec.type;
    if (ok) out[name] = value;
    else problems.push({ message: `rule "${id}": option "${name}" must be a ${spec.type === 'string[]' ? 'list of strings' : spec.type}`, range: at(v ?? p.key) });
  }
  return out;
}

/** Merges configurations; later ones win (per rule id, per key). */
export function mergeConfigs(...configs: (FileConfig | undefined)[]): FileConfig {
  const out: FileConfig = {};
  for (const c of configs) {
    if (!c) continue;
    if (c.rules) out.rules = { ...out.rules, ...c.rules };
    if (c.trustedRegistries) out.trustedRegistries = c.trustedRegistries;
    if (c.ignore) out.ignore = c.ignore;
    if (c.failOn) out.failOn = c.failOn;
    if (c.now) out.now = c.now;
    if (c.maxFileSize !== undefined) out.maxFileSize = c.maxFileSize;
    if (c.profile) out.profile = c.profile;
  }
  return out;
}
