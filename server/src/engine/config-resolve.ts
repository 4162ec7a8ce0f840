import { compileGlob, type CompiledGlob } from '../core/glob';
import { CONFIG_FILE_NAMES, mergeConfigs, parseConfigFile, type ConfigProblem, type FileConfig } from './config-file';

/**
 * Configuration resolved once, the same way for the CLI, the language server and the checklist:
 * `(path, files, overrides) → config`. Pure: the caller supplies how files are read and where the
 * search stops, so the Node CLI, the Node server and the browser server share it.
 *
 * Discovery: the nearest `.bulkhead.yaml` (or `.yml`) in the file's folder or above, but never above
 * a *boundary* folder: the workspace folder in the editor, a repository root (a folder with a `.git`
 * entry) everywhere, the working directory for the CLI outside a repository. A file under no
 * boundary at all uses only a configuration file in its own folder. So a `.bulkhead.yaml` above a
 * cloned repository never silences it.
 *
 * Then the overrides (the editor's `bulkhead.*` settings that the user set) win, key by key.
 */

export interface ConfigFiles {
  /** A file's text, undefined when it is absent or cannot be read. */
  read(path: string): string | undefined;
  /** Whether discovery stops at this folder (it is searched, nothing above it is). */
  isBoundary(dir: string): boolean;
}

export interface ParsedConfigFile {
  path: string;
  text: string;
  config: FileConfig;
  problems: ConfigProblem[];
}

export interface ResolvedConfig {
  /** The configuration file that applies, or null. */
  file: ParsedConfigFile | null;
  /** The file's configuration with the overrides applied. */
  config: FileConfig;
  /** The path is excluded by the file's `ignore` globs. */
  ignored: boolean;
}

export interface ResolveOptions {
  /** Values set elsewhere (editor settings) that win over the file. */
  overrides?: FileConfig;
  /** `path` is a folder: the configuration that applies inside it. */
  directory?: boolean;
  /** Parsed files by path, reused while their text is the same (the caller keeps it across calls). */
  cache?: Map<string, ParsedConfigFile>;
}

const MAX_DEPTH = 256;

export function dirnameOf(path: string): string {
  const i = path.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : path.slice(0, i);
}

/** A path without trailing slashes (`/` stays `/`). A loop, not a regular expression: paths come from the workspace. */
export function withoutTrailingSlash(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

const joinPath = (dir: string, name: string) => (dir === '/' ? `/${name}` : dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`);

/** The folders searched for a path's configuration, nearest first (see the header). */
export function configSearchDirs(path: string, isBoundary: (dir: string) => boolean, directory = false): string[] {
  const first = directory ? withoutTrailingSlash(path) : dirnameOf(path);
  const dirs: string[] = [];
  let dir = first;
  for (let i = 0; i < MAX_DEPTH; i++) {
    dirs.push(dir);
    if (isBoundary(dir)) return dirs;
    const up = dirnameOf(dir);
    if (up === dir || dir === '.' || dir === '') break;
    dir = up;
  }
  return [first];
}

/** The nearest configuration file inside the boundary, read through `files`. */
export function findConfigFile(path: string, files: ConfigFiles, directory = false): { path: string; text: string } | null {
  for (const dir of configSearchDirs(path, (d) => files.isBoundary(d), directory)) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = joinPath(dir, name);
      const text = files.read(p);
      if (text !== undefined) return { path: p, text };
    }
  }
  return null;
}

/** Parses a configuration file, reusing the cached result while its text is unchanged. */
export function parsedConfigFile(path: string, text: string, cache?: Map<string, ParsedConfigFile>): ParsedConfigFile {
  const known = cache?.get(path);
  if (known && known.text === text) return known;
  const { config, problems } = parseConfigFile(text);
  const parsed = { path, text, config, problems };
  if (cache) {
    if (cache.size >= 1000) cache.clear();
    cache.set(path, parsed);
  }
  return parsed;
}

/** The configuration that applies to a file (or, with `directory`, inside a folder). */
export function resolveConfig(path: string, files: ConfigFiles, options: ResolveOptions = {}): ResolvedConfig {
  const found = findConfigFile(path, files, options.directory);
  const file = found ? parsedConfigFile(found.path, found.text, options.cache) : null;
  return applyConfigFile(path, file, options.overrides, options.directory);
}

/** The configuration of a file given its configuration file (found, or named with `--config`). */
export function applyConfigFile(path: string, file: ParsedConfigFile | null, overrides?: FileConfig, directory = false): ResolvedConfig {
  const config = overrides ? mergeConfigs(file?.config, overrides) : (file?.config ?? {});
  const ignored = !directory && !!file && !!config.ignore && isIgnored(path, file.path, config.ignore);
  return { file, config, ignored };
}

/**
 * The `ignore` globs compiled once per list: names (globs without `/`, matched against every
 * segment) and paths (relative to the configuration file's folder, a directory matching all below
 * it). Globs without wildcards are looked up in sets, so a long list of plain paths costs little.
 */
interface IgnoreMatcher {
  names: Set<string>;
  nameGlobs: CompiledGlob[];
  /** Plain paths: the path itself and everything below it. */
  paths: Set<string>;
  /** Plain folders of `dir/` and `dir/**`: everything below them. */
  dirs: Set<string>;
  pathGlobs: CompiledGlob[];
}

const matchers = new WeakMap<readonly string[], IgnoreMatcher>();

function ignoreMatcher(globs: readonly string[]): IgnoreMatcher {
  let m = matchers.get(globs);
  if (m) return m;
  m = { names: new Set(), nameGlobs: [], paths: new Set(), dirs: new Set(), pathGlobs: [] };
  for (let g of globs) {
    if (g.startsWith('./')) g = g.slice(2);
    if (g.startsWith('/')) g = g.slice(1);
    if (g.endsWith('/')) g += '**';
    if (g === '') continue;
    const compiled = compileGlob(g);
    const folder = g.endsWith('/**') ? compileGlob(g.slice(0, -3)).literal : null;
    if (folder) {
      m.dirs.add(folder);
    } else if (!g.includes('/')) {
      if (compiled.literal !== null) m.names.add(compiled.literal);
      else m.nameGlobs.push(compiled);
    } else if (compiled.literal !== null) {
      m.paths.add(compiled.literal);
    } else {
      m.pathGlobs.push(compiled, compileGlob(`${g}/**`));
    }
  }
  matchers.set(globs, m);
  return m;
}

/**
 * gitignore-like matching of `ignore` globs, relative to the config file's directory:
 * a glob without `/` matches a file or directory name at any depth; `dir/` means everything under it.
 */
export function isIgnored(filePath: string, configPath: string, globs: readonly string[]): boolean {
  const base = dirnameOf(configPath);
  const prefix = base === '/' ? '/' : `${base}/`;
  if (!filePath.startsWith(prefix)) return false;
  const rel = filePath.slice(prefix.length);
  const parts = rel.split('/');
  const m = ignoreMatcher(globs);
  if (parts.some((p) => m.names.has(p))) return true;
  for (let i = 1, prefix = parts[0]; i <= parts.length; prefix += `/${parts[i]}`, i++) {
    if (m.paths.has(prefix) || (i < parts.length && m.dirs.has(prefix))) return true;
  }
  if (m.nameGlobs.some((g) => parts.some((p) => g.test(p)))) return true;
  return m.pathGlobs.some((g) => g.test(rel));
}
