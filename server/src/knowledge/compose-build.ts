import { isMap } from 'yaml';
import type { RelatedFiles } from '../core/types';
import type { ComposeModel, Entry, Service } from '../parse/compose';
import { childEntries, scalarText } from '../parse/compose-values';
import type { DockerfileModel, Stage } from '../parse/dockerfile';
import { relatedDockerfile } from './related-models';
import { dirName, isAbsolutePath, isRemoteOrVariable, normalizePath, relativePath, resolvePath } from './file-paths';
import { extendsChain } from './service-extends';

/**
 * Where the image of a Compose service that has `build:` comes from. `build: dir` and
 * `build: {context, dockerfile, target, dockerfile_inline}`; the context is relative to the
 * Compose file's directory, the Dockerfile relative to the context (or absolute), and the default
 * Dockerfile is `<context>/Dockerfile`. A `build:` inherited through `extends` (same file) counts.
 * Anything that needs the environment (`${VAR}`) or the network (a Git URL) is left unknown.
 */

export interface ServiceBuild {
  /** The `build:` entry (of the service or of the service it extends). */
  entry: Entry;
  /** Absolute context directory. */
  contextDir: string;
  /** Absolute Dockerfile path; null for `dockerfile_inline`. */
  dockerfilePath: string | null;
  /** The Dockerfile text for `dockerfile_inline`. */
  inline: string | null;
  /** The `target` stage, or null for the final stage. */
  target: string | null;
  /** How to name the Dockerfile in a message: its path relative to the Compose file, or "dockerfile_inline". */
  label: string;
}

/** The build of a service; null when it has none or its location cannot be known without the environment. */
export function serviceBuild(model: ComposeModel, service: Service, composePath: string | undefined): ServiceBuild | null {
  if (!composePath || !isAbsolutePath(composePath)) return null;
  const { chain, external } = extendsChain(model, service);
  const owners = chain.filter((s) => s.get('build'));
  // A chain that continues in another file may bring build keys we cannot see.
  if (owners.length === 0 || external) return null;
  // Compose merges `build` along an `extends` chain: the nearest service that sets a key wins.
  const keys = new Map<string, string | null>();
  for (const owner of owners) {
    const entry = owner.get('build')!;
    if (isMap(entry.value)) {
      for (const [k, e] of childEntries(model, entry)) if (!keys.has(k)) keys.set(k, scalarText(e.value));
    } else if (!keys.has('context')) {
      keys.set('context', scalarText(entry.value));
    }
  }
  const context = keys.has('context') ? keys.get('context')! : '.';
  const inline = keys.has('dockerfile_inline') ? keys.get('dockerfile_inline')! : null;
  const dockerfile = inline !== null ? null : keys.has('dockerfile') ? keys.get('dockerfile')! : 'Dockerfile';
  const target = keys.has('target') ? keys.get('target')! : null;
  if (context === null || (inline === null && dockerfile === null) || (keys.has('target') && target === null)) return null;
  if (isRemoteOrVariable(context) || (dockerfile !== null && isRemoteOrVariable(dockerfile)) || target?.includes('$')) return null;
  const composeDir = dirName(composePath);
  const contextDir = resolvePath(composeDir, context === '' ? '.' : context);
  const dockerfilePath = dockerfile === null ? null : resolvePath(contextDir, dockerfile);
  const label = dockerfilePath === null ? 'dockerfile_inline' : relativePath(composeDir, dockerfilePath);
  return { entry: owners[0].get('build')!, contextDir, dockerfilePath, inline, target, label };
}

export interface BuiltImage {
  build: ServiceBuild;
  dockerfile: DockerfileModel;
  /** The stage Compose builds: `target`, else the final stage. */
  stage: Stage;
}

/** The stage a build produces: the one named by `target` (case-insensitive), else the final stage. */
export function buildStage(dockerfile: DockerfileModel, target: string | null): Stage | null {
  if (target === null) return dockerfile.finalStage;
  return dockerfile.stagesNamed(target)[0] ?? null;
}

/**
 * Each service's built Dockerfile, read and parsed once per analysis however many rules ask: by
 * service (services belong to one model, so to one analysis), then by reader.
 */
const builtImages = new WeakMap<Service, WeakMap<RelatedFiles | typeof NO_READER, BuiltImage | null>>();
const NO_READER = {};

/** Reads and parses the Dockerfile a service builds; null when it cannot be read or has no such stage. */
export function readServiceDockerfile(model: ComposeModel, service: Service, composePath: string | undefined, related: RelatedFiles | undefined): BuiltImage | null {
  let byReader = builtImages.get(service);
  if (!byReader) builtImages.set(service, (byReader = new WeakMap()));
  const key = related ?? NO_READER;
  if (byReader.has(key)) return byReader.get(key)!;
  const built = readBuiltImage(model, service, composePath, related);
  byReader.set(key, built);
  return built;
}

/**
 * Each Dockerfile text a model's services build, parsed once: a thousand services that all say
 * `build: .` share one model of that Dockerfile (a model is read-only, and its own memos serve them
 * all). Later analyses find it in related-models.ts while it is kept there.
 */
const parsedByText = new WeakMap<ComposeModel, Map<string, DockerfileModel>>();

function parsedOnce(model: ComposeModel, text: string): DockerfileModel {
  let byText = parsedByText.get(model);
  if (!byText) parsedByText.set(model, (byText = new Map()));
  let dockerfile = byText.get(text);
  if (!dockerfile) byText.set(text, (dockerfile = relatedDockerfile(text)));
  return dockerfile;
}

function readBuiltImage(model: ComposeModel, service: Service, composePath: string | undefined, related: RelatedFiles | undefined): BuiltImage | null {
  const build = serviceBuild(model, service, composePath);
  if (!build) return null;
  const text = build.inline ?? (build.dockerfilePath && related ? related.read(build.dockerfilePath) : undefined);
  if (text === undefined) return null;
  const dockerfile = parsedOnce(model, text);
  const stage = buildStage(dockerfile, build.target);
  return stage ? { build, dockerfile, stage } : null;
}

/**
 * The `.dockerignore` files that may apply to a build, in order of precedence: `<Dockerfile>.dockerignore`
 * next to the Dockerfile (BuildKit reads it instead of the context's), then `<context>/.dockerignore`.
 */
export function dockerignoreCandidates(dockerfilePath: string | null, contextDir: string): string[] {
  const out: string[] = [];
  if (dockerfilePath) out.push(`${normalizePath(dockerfilePath)}.dockerignore`);
  out.push(resolvePath(contextDir, '.dockerignore'));
  return out;
}
