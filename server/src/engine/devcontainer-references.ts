import type { Finding, Range, Target } from '../core/types';
import { devcontainerSource, namesNonRootUser } from '../knowledge/devcontainer-build';
import { imageUser } from '../knowledge/devcontainer-users';
import { parseDevcontainer } from '../parse/devcontainer';
import { stageChain } from '../parse/dockerfile';
import { relatedCompose, relatedDockerfile } from '../knowledge/related-models';
import { buildStage } from '../knowledge/compose-build';
import { firstCovering } from '../core/collections';

/**
 * The files behind a dev container, for the practice checklist: the Dockerfile it builds and the
 * Compose files it starts. Their findings are listed with the dev container's, except those that
 * do not apply to it: services that `runServices` leaves stopped, the command that
 * `overrideCommand` replaces, and a missing USER when the dev container chooses a non-root user
 * itself (`remoteUser`/`containerUser`, or a Dev Containers base image, which selects one).
 * Pure: the edges read and lint the files.
 */

export interface ReferencedFile {
  /** Absolute path. */
  path: string;
  kind: Extract<Target, 'dockerfile' | 'compose'>;
}

interface Context {
  services: string[] | null;
  service: string | null;
  target: string | null;
  overrideCommand: boolean;
  /** The dev container names a non-root user. */
  nonRootUser: boolean;
}

function contextOf(text: string, path: string): { refs: ReferencedFile[]; ctx: Context } | null {
  const model = parseDevcontainer(text);
  if (model.syntaxErrors.length > 0) return null;
  const source = devcontainerSource(model, path);
  const refs: ReferencedFile[] = [];
  if (source.dockerfile) refs.push({ path: source.dockerfile.path, kind: 'dockerfile' });
  for (const p of source.compose?.paths ?? []) refs.push({ path: p, kind: 'compose' });
  const nonRootUser = namesNonRootUser(model);
  return {
    refs,
    ctx: { services: source.compose?.runServices ?? null, service: source.compose?.service ?? null, target: source.dockerfile?.target ?? null, overrideCommand: source.overrideCommand, nonRootUser },
  };
}

/** The Dockerfile and Compose files a dev container configuration refers to. */
export function devcontainerReferences(text: string, path: string): ReferencedFile[] {
  return contextOf(text, path)?.refs ?? [];
}

const within = (r: Range, from: number, to: number) => r.start.line >= from && r.start.line <= to;

function dockerfileFindings(ctx: Context, text: string, findings: readonly Finding[]): Finding[] {
  // The model the dev container's own analysis read, while it is kept.
  const model = relatedDockerfile(text);
  const stage = buildStage(model, ctx.target);
  if (!stage) return [...findings];
  const base = stageChain(stage).at(-1)?.image;
  const userFromImage = base ? imageUser(base).kind === 'non-root' : false;
  const replaced = ctx.overrideCommand ? stage.instructions.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') : [];
  const inReplaced = firstCovering(findings.map((f) => f.range.start.line), replaced.map((i) => ({ from: i.range.start.line, to: i.range.end.line })));
  return findings.filter((f, k) => {
    if (f.ruleId === 'non-root-user' && f.messageId === 'missingUser' && (ctx.nonRootUser || userFromImage)) return false;
    return inReplaced[k] < 0;
  });
}

function composeFindings(ctx: Context, text: string, findings: readonly Finding[]): Finding[] {
  const model = relatedCompose(text);
  const spans = model.services.map((s) => {
    const r = model.pairRange(s.pair);
    return { name: s.name, from: r.start.line, to: r.end.line, service: s };
  });
  const dev = spans.find((s) => s.name === ctx.service);
  const overridden = ctx.overrideCommand && dev ? ['command', 'entrypoint'].flatMap((k) => (dev.service.get(k) ? [dev.service.get(k)!.ownRange] : [])) : [];
  // Each finding's service: the first whose lines hold it (a file can hold thousands of both).
  const owners = firstCovering(findings.map((f) => f.range.start.line), spans);
  const running = ctx.services ? new Set(ctx.services) : null;
  return findings.filter((f, k) => {
    const owner = owners[k] >= 0 ? spans[owners[k]] : undefined;
    if (owner && running && !running.has(owner.name)) return false;
    if (owner && owner === dev && ctx.nonRootUser && f.ruleId === 'compose-build-user') return false;
    return !overridden.some((r) => within(f.range, r.start.line, r.end.line));
  });
}

/**
 * The findings of a referenced file that concern the dev container. `devcontainerText` and
 * `devcontainerPath` are the configuration's; `text` and `findings` the referenced file's.
 */
export function referencedFindings(devcontainerText: string, devcontainerPath: string, ref: ReferencedFile, text: string, findings: readonly Finding[]): Finding[] {
  const c = contextOf(devcontainerText, devcontainerPath);
  if (!c) return [...findings];
  return ref.kind === 'dockerfile' ? dockerfileFindings(c.ctx, text, findings) : composeFindings(c.ctx, text, findings);
}

export interface ChecklistSource {
  path: string;
  kind: Target;
  text: string;
  findings: readonly Finding[];
}

/**
 * Adds to a checklist's files the ones its dev containers refer to that it does not hold yet, with
 * the findings that concern the dev container. `absolute` gives a file's absolute path; `load` reads
 * and lints a referenced file (undefined when it cannot be read or is not to be analysed).
 */
export function withDevcontainerReferences<F extends ChecklistSource>(
  files: readonly F[],
  absolute: (f: F) => string,
  /** Reads and lints a referenced file; `from` is the dev container that refers to it (its boundary bounds the read). */
  load: (ref: ReferencedFile, from: F) => F | undefined,
): F[] {
  const out = [...files];
  const seen = new Set(files.map(absolute));
  for (const f of files) {
    if (f.kind !== 'devcontainer') continue;
    const devPath = absolute(f);
    for (const ref of devcontainerReferences(f.text, devPath)) {
      if (seen.has(ref.path)) continue;
      seen.add(ref.path);
      const loaded = load(ref, f);
      if (loaded) out.push({ ...loaded, findings: referencedFindings(f.text, devPath, ref, loaded.text, loaded.findings) });
    }
  }
  return out;
}
