import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The layers of the house, bottom to top (docs/architecture.md has the picture). A file may import
 * files of its own layer and of any layer below; `lsp` and `cli` are two rooms of one floor that do
 * not import each other. The VS Code client may import only the client-safe layers.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['core'],
  ['shared'],
  ['parse'],
  ['knowledge'],
  ['rule-api'],
  ['edit'],
  ['fixes'],
  ['rules'],
  ['engine'],
  ['node-fs'],
  ['lsp', 'cli'],
  ['entry'],
];

/** What the client (client/src) may import from the server's tree. */
export const CLIENT_SAFE: readonly string[] = ['core', 'shared'];

export interface ImportEdge {
  from: string;
  to: string;
  /** The specifier as written, for messages. */
  spec: string;
}

/** The layer of a repository-relative path: the folder under server/src, `entry` for its top-level files, `client` for client/src. */
export function layerOf(path: string): string | null {
  if (path.startsWith('client/src/')) return 'client';
  const m = /^server\/src\/(?:([^/]+)\/)?[^/]+\.ts$/.exec(path);
  if (!m) return null;
  return m[1] ?? 'entry';
}

function rank(layer: string): number {
  return LAYERS.findIndex((l) => l.includes(layer));
}

/** The problem with one import, or null when the layers allow it. */
export function forbidden(edge: ImportEdge): string | null {
  const a = layerOf(edge.from);
  const b = layerOf(edge.to);
  if (a === null || b === null || a === b) return null;
  if (a === 'client') return CLIENT_SAFE.includes(b) ? null : `the client may import only ${CLIENT_SAFE.join(' and ')} from the server`;
  if (b === 'client') return 'the server never imports the client';
  const ra = rank(a);
  const rb = rank(b);
  if (ra < 0) return `${a} is not a known layer (add it to LAYERS)`;
  if (rb < 0) return `${b} is not a known layer (add it to LAYERS)`;
  if (rb > ra) return `${a} sits below ${b} and may not import it`;
  if (rb === ra) return `${a} and ${b} are rooms of one floor and do not import each other`;
  return null;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|(?:^|\n)\s*import\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** The relative imports of one source text, resolved to repository-relative `.ts` paths that exist in `known`. */
export function importsOf(path: string, text: string, known: ReadonlySet<string>): ImportEdge[] {
  const out: ImportEdge[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    const base = join(dirname(path), spec).replace(/\\/g, '/');
    const to = [`${base}.ts`, base, `${base}/index.ts`].find((c) => known.has(c));
    if (to) out.push({ from: path, to, spec });
  }
  return out;
}

/** Every TypeScript file under the given repository folders, as repository-relative paths. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  return folders.flatMap((f) => walk(resolve(root, f))).map((p) => relative(root, p).replace(/\\/g, '/')).sort();
}

export function importGraph(root: string, files: readonly string[], read: (path: string) => string = (p) => readFileSync(join(root, p), 'utf8')): ImportEdge[] {
  const known = new Set(files);
  return files.flatMap((f) => importsOf(f, read(f), known));
}

/** The cycles of a graph, as file lists (strongly connected components with more than one file, or a self-import). */
export function cycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  let n = 0;
  const visit = (v: string): void => {
    index.set(v, n);
    low.set(v, n++);
    stack.push(v);
    on.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (next.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort()) if (!index.has(v)) visit(v);
  return out;
}

/** Every import the layers forbid, as `from -> to: reason` lines. */
export function violations(edges: readonly ImportEdge[]): string[] {
  return edges.flatMap((e) => {
    const why = forbidden(e);
    return why ? [`${e.from} -> ${e.to} ('${e.spec}'): ${why}`] : [];
  });
}
