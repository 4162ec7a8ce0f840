import { parseDocument } from 'yaml';
import { parseDockerfile, type DfInstruction } from '../../server/src/parse/dockerfile';
import type { Target } from '../../server/src/core/types';

/**
 * "Model equivalence": what a safe fix may change, checked on the parsed result rather than on the
 * text. A safe fix keeps what the container does, so the text before and after must parse to the
 * same model except for the change the fix is for. This file states those changes itself, apart from
 * the rules that make them, so that a rule cannot prove its own fix.
 *
 * Dockerfile: the same parser directives (`# syntax=`, `# escape=`); the same instructions in the
 * same order with the same flags, except
 * - `ADD` → `COPY` where no source can be a local tar archive (ADD unpacks those whatever their
 *   name): a heredoc, a directory by its syntax (`dir/`, `.`), or a name whose extension is not a
 *   tar archive's (`NOT_TAR_EXTENSIONS` below);
 * - `MAINTAINER x` → `LABEL org.opencontainers.image.authors=x`;
 * - `RUN` with `--no-cache` (apk) or `--no-cache-dir` (pip) added, nothing else;
 * comments may go (ignore comments are removed).
 *
 * Compose: the document loads without errors if it did before, and resolves (aliases and all) to
 * the same data, except that a top-level `version` may be gone.
 */

const NOT_TAR_EXTENSIONS = new Set(
  ['py', 'rb', 'js', 'mjs', 'cjs', 'ts', 'go', 'rs', 'java', 'c', 'h', 'cpp', 'php', 'pl', 'sh', 'bash', 'ps1', 'sql', 'txt', 'md', 'html', 'css', 'xml', 'json', 'yaml', 'yml', 'toml', 'ini', 'cfg', 'conf', 'cnf', 'properties', 'env', 'lock', 'pem', 'crt', 'key', 'pub', 'csv', 'svg', 'ico', 'png', 'jpg', 'jpeg', 'gif', 'woff', 'woff2', 'ttf', 'zip', 'jar', 'war', 'ear', 'whl', 'apk', 'deb', 'rpm', 'so', 'dll', 'exe', 'wasm', 'kt', 'scala', 'cc', 'hpp', 'cs', 'lua', 'r', 'zsh', 'bat', 'cmd', 'rst', 'adoc', 'htm', 'scss', 'cer', 'webp', 'otf', 'jsx', 'tsx'].map((e) => `.${e}`),
);
const ALLOWED_RUN_ADDITIONS = new Set(['--no-cache', '--no-cache-dir']);

function provablyNotTar(value: string): boolean {
  if (value.startsWith('<<') || value.endsWith('/') || value === '.' || value === './') return true;
  if (value.includes('$')) return false;
  const name = value.slice(value.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot < 0 || (dot === 0 && !name.startsWith('*.'))) return false;
  const ext = name.slice(dot).toLowerCase();
  return !/[*?[\]\\]/.test(ext) && NOT_TAR_EXTENSIONS.has(ext);
}

/** The instruction's words; with heredocs, only those on its first line (the bodies follow it). */
const words = (i: DfInstruction) => {
  if (i.json) return i.json.map((t) => t.value);
  const bodyStart = i.heredocs.length > 0 ? Math.min(...i.heredocs.map((h) => h.contentStart)) : Infinity;
  return i.args.filter((t) => t.start < bodyStart).map((t) => t.value);
};
const flags = (i: DfInstruction) => i.flags.map((f) => `${f.name}=${f.value ?? ''}`).join(' ');
const describe = (i: DfInstruction) => `${i.keyword} ${flags(i)} ${words(i).join(' ')}`.replace(/\s+/g, ' ').trim();

function sameInstruction(a: DfInstruction, b: DfInstruction): string | null {
  const inner = (x: DfInstruction) => x.trigger ?? x;
  if (a.trigger || b.trigger) {
    if (!a.trigger || !b.trigger) return `ONBUILD changed: ${describe(a)} -> ${describe(b)}`;
    return sameInstruction(inner(a), inner(b));
  }
  if (a.keyword === b.keyword && flags(a) === flags(b) && words(a).join('\u0000') === words(b).join('\u0000')) return null;
  if (a.keyword === 'ADD' && b.keyword === 'COPY' && flags(a) === flags(b) && words(a).join('\u0000') === words(b).join('\u0000')) {
    const sources = words(a).slice(0, -1);
    const unsure = sources.find((s) => !provablyNotTar(s));
    return unsure === undefined ? null : `ADD became COPY although "${unsure}" may be a tar archive that ADD unpacks`;
  }
  if (a.keyword === 'MAINTAINER' && b.keyword === 'LABEL') {
    return b.properties.some((p) => p.name === 'org.opencontainers.image.authors') ? null : `MAINTAINER became ${describe(b)}`;
  }
  if (a.keyword === 'RUN' && b.keyword === 'RUN' && flags(a) === flags(b)) {
    // Every word of before in order, plus only allowed additions.
    const before = words(a);
    let i = 0;
    for (const w of words(b)) {
      if (i < before.length && before[i] === w) i++;
      else if (!ALLOWED_RUN_ADDITIONS.has(w)) return `RUN changed beyond a cache option: ${describe(a)} -> ${describe(b)}`;
    }
    return i === before.length ? null : `RUN lost words: ${describe(a)} -> ${describe(b)}`;
  }
  return `instruction changed: ${describe(a)} -> ${describe(b)}`;
}

function dockerfileDifferences(before: string, after: string): string[] {
  const a = parseDockerfile(before);
  const b = parseDockerfile(after);
  const out: string[] = [];
  const dirs = (m: typeof a) => m.directives.map((d) => `${d.name}=${d.value}`).join('\n');
  if (dirs(a) !== dirs(b)) out.push(`parser directives changed: [${dirs(a)}] -> [${dirs(b)}]`);
  if (a.escape !== b.escape) out.push(`escape character changed: ${a.escape} -> ${b.escape}`);
  if (a.instructions.length !== b.instructions.length) {
    out.push(`instruction count changed: ${a.instructions.length} -> ${b.instructions.length}`);
    return out;
  }
  a.instructions.forEach((x, i) => {
    const d = sameInstruction(x, b.instructions[i]);
    if (d) out.push(`line ${x.range.start.line + 1}: ${d}`);
  });
  return out;
}

function composeDifferences(before: string, after: string): string[] {
  const options = { merge: true, uniqueKeys: false } as const;
  const a = parseDocument(before, options);
  const b = parseDocument(after, options);
  if (b.errors.length > 0 && a.errors.length === 0) return [`the fixed file no longer loads: ${b.errors[0].message.split('\n')[0]}`];
  if (a.errors.length > 0) return [];
  const js = (d: typeof a) => {
    try {
      return { value: d.toJS({ maxAliasCount: 10_000 }) as unknown };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  };
  const x = js(a);
  const y = js(b);
  if ('error' in y && !('error' in x)) return [`the fixed file no longer resolves: ${y.error}`];
  if ('error' in x || 'error' in y) return [];
  const strip = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as object).filter(([k]) => k !== 'version')) : v);
  return JSON.stringify(strip(x.value)) === JSON.stringify(strip(y.value)) ? [] : ['the resolved Compose data changed beyond the top-level "version"'];
}

/** The differences between two texts' models that no safe fix may make (empty: equivalent). */
export function modelDifferences(kind: Target, before: string, after: string): string[] {
  return kind === 'dockerfile' ? dockerfileDifferences(before, after) : composeDifferences(before, after);
}
