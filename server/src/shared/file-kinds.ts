import type { Target } from '../core/types';

/**
 * Which files Bulkhead analyses, by name. Shared by the CLI's directory walk, the language server
 * and the client's document selector, so all three agree.
 */

const DOCKERFILE_NAME = /^(?:(?:Dockerfile|Containerfile)(?:[.\-_][^/]*)?|[^/]+\.(?:dockerfile|containerfile))$/i;
const COMPOSE_NAME = /^(?:compose|docker-compose)(?:[.\-_][^/]*)?\.ya?ml$/i;

/** Name patterns as globs, for VS Code document selectors and the README. */
export const DOCKERFILE_GLOBS = ['Dockerfile', 'Dockerfile.*', '*.Dockerfile', '*.dockerfile', 'Containerfile', 'Containerfile.*'];
export const COMPOSE_GLOBS = ['compose.yaml', 'compose.yml', 'compose.*.yaml', 'compose.*.yml', 'docker-compose*.yaml', 'docker-compose*.yml'];
/**
 * Dev Container configurations, as paths (the name alone says nothing: `devcontainer.json` counts only
 * inside `.devcontainer/`): `.devcontainer/devcontainer.json`, `.devcontainer/<name>/devcontainer.json`
 * and `.devcontainer.json`, the three places the Dev Containers specification looks.
 */
export const DEVCONTAINER_GLOBS = ['**/.devcontainer/devcontainer.json', '**/.devcontainer/*/devcontainer.json', '**/.devcontainer.json'];

const DEVCONTAINER_PATH = /(?:^|[\\/])(?:\.devcontainer[\\/](?:[^\\/]+[\\/])?devcontainer\.json|\.devcontainer\.json)$/;

/** Bulkhead's configuration file names (`.bulkhead.yaml` is searched first). */
export const CONFIG_FILE_NAMES = ['.bulkhead.yaml', '.bulkhead.yml'];

/**
 * The files whose changes the server must hear of (it keeps what it read from a disk until one
 * changes): configuration, `.dockerignore`, and files named like Dockerfiles or Compose files.
 * The VS Code client watches these; the server registers them with other clients.
 */
export const WATCHED_FILE_GLOBS: readonly string[] = [`**/{${CONFIG_FILE_NAMES.join(',')}}`, '**/.dockerignore', `**/{${[...DOCKERFILE_GLOBS, ...COMPOSE_GLOBS].join(',')}}`, ...DEVCONTAINER_GLOBS];

const SKIP_SUFFIX = /\.(?:md|txt|sh|py|j2|jinja2?|tmpl|tpl|template|in|orig|bak|swp|rej|patch|diff|json|lock)$/i;

export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

/** Whether a path is one of the places a Dev Container configuration lives. */
export function isDevcontainerPath(path: string): boolean {
  return DEVCONTAINER_PATH.test(path);
}

/** The kind a file has by its name (and, for Dev Container configurations, its parent folders), or null. */
export function kindFromName(path: string): Target | null {
  if (isDevcontainerPath(path)) return 'devcontainer';
  const name = baseName(path);
  if (COMPOSE_NAME.test(name)) return 'compose';
  if (DOCKERFILE_NAME.test(name) && !SKIP_SUFFIX.test(name)) return 'dockerfile';
  return null;
}

/** A YAML text whose top level has a `services:` mapping is a Compose file, whatever its name. */
export function looksLikeCompose(text: string): boolean {
  // `services:` at column 0 followed by an indented mapping key (a GitLab CI `services:` list does not count).
  return /^services[ \t]*:[ \t]*(?:#.*)?(?:\r?\n|\r)(?:[ \t]*(?:#.*)?(?:\r?\n|\r))*[ \t]+[^\s#\-][^:\r\n]*:/m.test(text) || /^services[ \t]*:[ \t]*\{/m.test(text);
}

/** The kind of a file: by name, then (for YAML files) by content. */
export function detectKind(path: string, text?: string): Target | null {
  const byName = kindFromName(path);
  if (byName) return byName;
  if (text !== undefined && /\.ya?ml$/i.test(path) && looksLikeCompose(text)) return 'compose';
  return null;
}

/** Language ids VS Code uses for the files we analyse. */
export function kindFromLanguageId(languageId: string, path: string, text?: string): Target | null {
  if (languageId === 'dockerfile') return 'dockerfile';
  if (languageId === 'dockercompose') return 'compose';
  if (languageId === 'yaml') return kindFromName(path) === 'compose' ? 'compose' : text !== undefined && looksLikeCompose(text) ? 'compose' : null;
  // VS Code opens devcontainer.json as JSON with Comments; other editors may say plain JSON.
  if (languageId === 'jsonc' || languageId === 'json') return isDevcontainerPath(path) ? 'devcontainer' : null;
  return null;
}
