import type { Range, RelatedFiles } from '../core/types';
import type { ComposeModel, Service } from '../parse/compose';
import { parseDevcontainer, type DevcontainerModel } from '../parse/devcontainer';
import { stringProperty } from '../parse/devcontainer-values';
import type { DockerfileModel, Stage } from '../parse/dockerfile';
import { relatedCompose, relatedDockerfile } from './related-models';
import { buildStage } from './compose-build';
import { dirName, isAbsolutePath, isRemoteOrVariable, normalizePath, resolvePath } from './file-paths';
import { isRootUser } from './users';

/**
 * Where a dev container comes from: an `image`, a Dockerfile (`build.dockerfile` with `build.context`
 * and `build.target`, or the legacy top-level `dockerFile`/`context`), or a Compose service
 * (`dockerComposeFile`, one path or a list, and `service`, with `runServices` saying which other
 * services start). Paths are relative to the `devcontainer.json`. The engine reads the referenced
 * files only through the caller's `RelatedFiles`.
 */

export interface DevcontainerDockerfile {
  /** Absolute path of the Dockerfile. */
  path: string;
  /** As written, for messages. */
  written: string;
  contextDir: string;
  target: string | null;
  /** The `dockerfile` value, where findings about the build are anchored. */
  range: Range;
}

export interface DevcontainerCompose {
  /** Absolute paths of the Compose files, in order (later files override earlier ones). */
  paths: string[];
  service: string | null;
  /** Where findings about the service are anchored: the `service` value, else `dockerComposeFile`. */
  range: Range;
  /** The services that start: `service` plus `runServices`; null when every service starts. */
  runServices: string[] | null;
}

export interface DevcontainerSource {
  dockerfile: DevcontainerDockerfile | null;
  compose: DevcontainerCompose | null;
  /**
   * Whether the tools replace the container's command with a sleep loop: `overrideCommand`, by
   * default true for an image or a Dockerfile and false for a Compose service.
   */
  overrideCommand: boolean;
}

export function devcontainerSource(model: DevcontainerModel, configPath: string | undefined): DevcontainerSource {
  const dir = configPath && isAbsolutePath(configPath) ? dirName(configPath) : null;
  const dockerfile = dir ? readDockerfileRef(model, dir) : null;
  const compose = dir ? readComposeRef(model, dir) : null;
  const override = model.get('overrideCommand')?.value;
  const overrideCommand = override?.type === 'boolean' ? override.value === true : compose === null;
  return { dockerfile, compose, overrideCommand };
}

function readDockerfileRef(model: DevcontainerModel, dir: string): DevcontainerDockerfile | null {
  const file = stringProperty(model, 'build', 'dockerfile') ?? stringProperty(model, 'dockerFile');
  if (!file || file.value.trim() === '' || isRemoteOrVariable(file.value)) return null;
  const inBuild = stringProperty(model, 'build', 'dockerfile') !== null;
  const context = (inBuild ? stringProperty(model, 'build', 'context') : stringProperty(model, 'context'))?.value ?? '.';
  const target = inBuild ? (stringProperty(model, 'build', 'target')?.value ?? null) : null;
  if (isRemoteOrVariable(context) || target?.includes('$')) return null;
  return { path: resolvePath(dir, file.value), written: file.value, contextDir: resolvePath(dir, context), target, range: file.range };
}

function readComposeRef(model: DevcontainerModel, dir: string): DevcontainerCompose | null {
  const property = model.get('dockerComposeFile');
  const files = model.stringList(property?.value).filter((f) => !isRemoteOrVariable(f.value));
  if (!property || files.length === 0) return null;
  const service = stringProperty(model, 'service');
  const run = model.get('runServices');
  const runServices = run ? [...new Set([...(service ? [service.value] : []), ...model.stringList(run.value).map((s) => s.value)])] : null;
  return { paths: files.map((f) => resolvePath(dir, f.value)), service: service?.value ?? null, range: service?.range ?? property.range, runServices };
}

export interface BuiltDevcontainer {
  ref: DevcontainerDockerfile;
  dockerfile: DockerfileModel;
  /** The stage the dev container runs: `build.target`, else the final stage. */
  stage: Stage;
}

/** Reads and parses the Dockerfile a dev container builds; null when there is none or it cannot be read. */
export function readDevcontainerDockerfile(source: DevcontainerSource, related: RelatedFiles | undefined): BuiltDevcontainer | null {
  const ref = source.dockerfile;
  const text = ref && related ? related.read(ref.path) : undefined;
  if (!ref || text === undefined) return null;
  const dockerfile = relatedDockerfile(text);
  const stage = buildStage(dockerfile, ref.target);
  return stage ? { ref, dockerfile, stage } : null;
}

export interface DevcontainerService {
  ref: DevcontainerCompose;
  /** The Compose file that defines the service last (the one whose definition wins) and its path. */
  compose: ComposeModel;
  path: string;
  service: Service;
}

/** Reads the Compose files and finds the dev container's service (the last file that defines it); null when unknown. */
export function readDevcontainerService(source: DevcontainerSource, related: RelatedFiles | undefined): DevcontainerService | null {
  const ref = source.compose;
  if (!ref || !ref.service || !related) return null;
  let found: DevcontainerService | null = null;
  // Each text is parsed once: the list comes from the repository and may name one file thousands of times.
  const parsed = new Map<string, ComposeModel>();
  for (const path of ref.paths) {
    const text = related.read(path);
    if (text === undefined) continue;
    let compose = parsed.get(text);
    if (!compose) parsed.set(text, (compose = relatedCompose(text)));
    const service = compose.syntaxErrors.length === 0 ? compose.serviceNamed(ref.service) : undefined;
    if (service) found = { ref, compose, path, service };
  }
  return found;
}

/** Where a dev container that builds the Dockerfile at `dockerfilePath` would usually be configured. */
function configCandidates(dockerfilePath: string): string[] {
  const dir = dirName(dockerfilePath);
  return [`${dir}/devcontainer.json`, `${dir}/.devcontainer/devcontainer.json`, `${dir}/.devcontainer.json`].map(normalizePath);
}

/**
 * The dev container configurations next to a Dockerfile (in its folder, or `.devcontainer/` below it)
 * that build it; none when they cannot be read.
 */
export function devcontainersBuilding(dockerfilePath: string | undefined, related: RelatedFiles | undefined): DevcontainerModel[] {
  if (!dockerfilePath || !related || !isAbsolutePath(dockerfilePath)) return [];
  const target = normalizePath(dockerfilePath);
  const out: DevcontainerModel[] = [];
  for (const path of configCandidates(target)) {
    const text = related.read(path);
    if (text === undefined) continue;
    const model = parseDevcontainer(text);
    if (model.syntaxErrors.length === 0 && devcontainerSource(model, path).dockerfile?.path === target) out.push(model);
  }
  return out;
}

/** Whether a configuration names a non-root user (`remoteUser`, else `containerUser`). */
export function namesNonRootUser(model: DevcontainerModel): boolean {
  const user = stringProperty(model, 'remoteUser') ?? stringProperty(model, 'containerUser');
  return !!user && user.value.trim() !== '' && !user.value.includes('$') && !isRootUser(user.value);
}
