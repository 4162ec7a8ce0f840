import type { Range } from '../core/types';
import type { ComposeModel, Entry, Service } from '../parse/compose';
import type { DevcontainerModel } from '../parse/devcontainer';
import { scalarText } from '../parse/compose-values';
import type { DfInstruction, DockerfileModel, Stage } from '../parse/dockerfile';
import { parseImageRef, type ImageRef } from '../parse/image-ref';
import { memoize } from '../parse/memo';
import { substitute } from '../parse/variables';

/**
 * Every place a Dockerfile or Compose file pulls an image, with the exact text to underline:
 * `FROM` base images, `COPY --from=<image>`, `RUN --mount=...,from=<image>` and Compose `image:`.
 * Variables are resolved (ARG defaults, Compose `${VAR:-default}`); references that still
 * depend on an unknown variable are left out, so no rule judges a value it cannot see.
 */

export interface ImageUse {
  ref: ImageRef;
  where: 'from' | 'copy' | 'mount' | 'compose' | 'devcontainer';
  /** Where the reference is written (the whole token), or the `<<` entry for an inherited Compose value. */
  range: Range;
  /** Offset of the written reference when it is literal (no variables, not inherited): tag offsets map onto the text. */
  start: number | null;
  /** Names of the variables the reference was built from. */
  variables: string[];
  stage?: Stage;
  instruction?: DfInstruction;
  service?: Service;
  entry?: Entry;
}

/** Offsets of a sub-span of the reference (`ref.text` offsets), when the reference is literal. */
export function spanRange(model: { index: { range(s: number, e: number): Range } }, use: ImageUse, span: [number, number] | null): Range {
  if (use.start === null || span === null) return use.range;
  return model.index.range(use.start + span[0], use.start + span[1]);
}

/** Offsets of the tag inside the reference text, or null. */
export function tagSpan(ref: ImageRef): [number, number] | null {
  return ref.tag !== null && ref.tagStart >= 0 ? [ref.tagStart, ref.tagStart + ref.tag.length] : null;
}

function names(text: string): string[] {
  return [...text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]{0,100})/g)].map((m) => m[1]);
}

/** Stage names and indexes a `--from` value may name. */
function isStageName(model: DockerfileModel, value: string): boolean {
  if (/^\d{1,4}$/.test(value)) return true;
  return model.stagesNamed(value).length > 0;
}

function fromToken(model: DockerfileModel, instr: DfInstruction, raw: string, start: number, end: number, where: ImageUse['where']): ImageUse | null {
  const sub = where === 'from' ? substitute(raw, (n) => model.globalArgs.get(n) ?? undefined) : model.resolve(raw, instr);
  if (sub.unresolved.length > 0 || sub.value === '' || sub.value.toLowerCase() === 'scratch') return null;
  const literal = model.text.slice(start, end) === raw && !raw.includes('$');
  return {
    ref: parseImageRef(sub.value),
    where,
    range: model.range(start, end),
    start: literal ? start : null,
    variables: names(raw),
    instruction: instr,
    stage: instr.stage ?? undefined,
  };
}

/** Images a Dockerfile pulls. `what` selects the kinds of places. */
export function dockerfileImages(model: DockerfileModel, what: readonly ImageUse['where'][] = ['from', 'copy', 'mount']): ImageUse[] {
  // Six rules ask; the references are resolved and parsed once per model, and each caller gets its own array.
  return imagesOf(model).filter((u) => what.includes(u.where));
}

const imagesOf = memoize(computeImages);

function computeImages(model: DockerfileModel): ImageUse[] {
  const out: ImageUse[] = [];
  for (const stage of model.stages) {
    const tok = stage.from.args[0];
    if (!tok || stage.baseStage) continue;
    const use = fromToken(model, stage.from, tok.value, tok.start, tok.end, 'from');
    if (use) out.push({ ...use, stage });
  }
  for (const instr of model.instructions) {
    const target = instr.trigger ?? instr;
    if (target.keyword === 'COPY') {
      const flag = target.flag('from');
      if (flag?.value && flag.valueRange && !isStageName(model, flag.value)) {
        const s = model.offset(flag.valueRange.start);
        const use = fromToken(model, target, flag.value, s, model.offset(flag.valueRange.end), 'copy');
        if (use) out.push(use);
      }
    }
    if (target.keyword === 'RUN') {
      for (const mount of target.mounts) {
        const from = mount.option('from');
        if (!from || from.value === '' || isStageName(model, from.value)) continue;
        const use = mount.exact ? fromToken(model, target, from.value, from.valueStart, from.valueEnd, 'mount') : null;
        if (use) out.push(use);
      }
    }
  }
  return out;
}

/**
 * Images Compose services pull: `image:` of services without `build:` (with `build:`, `image:`
 * names the image being built).
 */
export function composeImages(model: ComposeModel): ImageUse[] {
  const out: ImageUse[] = [];
  for (const service of model.services) {
    const entry = service.get('image');
    if (!entry || service.get('build')) continue;
    const text = scalarText(entry.value);
    if (!text) continue;
    const sub = substitute(text, () => undefined);
    const value = sub.value.trim();
    if (sub.unresolved.length > 0 || value === '') continue;
    let range: Range = entry.range;
    let start: number | null = null;
    const offs = model.offsetsOf(entry.value);
    if (entry.via === null && offs) {
      const raw = model.text.slice(offs[0], offs[1]);
      const quote = raw[0] === '"' || raw[0] === "'" ? 1 : 0;
      const inner = raw.slice(quote, raw.length - quote);
      range = model.index.range(offs[0] + quote, offs[1] - quote);
      if (inner === text && !text.includes('$')) start = offs[0] + quote;
    }
    out.push({ ref: parseImageRef(value), where: 'compose', range, start, variables: names(text), service, entry });
  }
  return out;
}

/**
 * The `image` of a Dev Container configuration. A value with a variable (`${templateOption:...}`,
 * `${localEnv:...}`) is left out: the tools fill it in from outside the file.
 */
export function devcontainerImages(model: DevcontainerModel): ImageUse[] {
  const span = model.string(model.get('image')?.value);
  if (!span) return [];
  const value = span.value.trim();
  if (value === '' || value.includes('$')) return [];
  const lead = span.value.length - span.value.trimStart().length;
  const raw = model.text.slice(span.start + 1, span.at(span.value.length));
  const start = raw === span.value ? span.start + 1 + lead : null;
  const range = model.range(span.at(lead), span.at(lead + value.length));
  return [{ ref: parseImageRef(value), where: 'devcontainer', range, start, variables: [] }];
}
