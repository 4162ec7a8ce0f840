import { matchesGlob } from '../core/glob';
import type { DfInstruction, DockerfileModel } from '../parse/dockerfile';
import { fileName, normalizePath } from './file-paths';
import { pushTo } from '../core/collections';

/**
 * Environment variables that tell a tool where its credentials file is, and the files an image
 * copies in. When a variable points at a file that a `COPY`/`ADD` puts in the image, the
 * credentials are in a layer.
 */

/** Variable name → what the file holds, and whether the variable names a directory (the file being `config.json` in it). */
export const CREDENTIAL_FILE_VARIABLES: Readonly<Record<string, { what: string; file?: string }>> = {
  GOOGLE_APPLICATION_CREDENTIALS: { what: 'a Google Cloud service account key' },
  AWS_SHARED_CREDENTIALS_FILE: { what: 'AWS access keys' },
  AWS_WEB_IDENTITY_TOKEN_FILE: { what: 'an AWS web identity token' },
  KUBECONFIG: { what: 'Kubernetes cluster credentials' },
  DOCKER_CONFIG: { what: 'registry credentials', file: 'config.json' },
  AZURE_AUTH_LOCATION: { what: 'Azure service principal credentials' },
  AZURE_CLIENT_CERTIFICATE_PATH: { what: 'an Azure client certificate and key' },
  CLOUDSDK_CONFIG: { what: 'gcloud credentials', file: 'credentials.db' },
  PGPASSFILE: { what: 'PostgreSQL passwords' },
  ANSIBLE_VAULT_PASSWORD_FILE: { what: 'the Ansible Vault password' },
};

export interface CopiedPaths {
  instr: DfInstruction;
  /** Sources as written (resolved), relative to the build context. */
  sources: string[];
  /** The destination, absolute (resolved against WORKDIR). */
  dest: string;
  /** The destination is a directory (`/app/`, `.`, several sources). */
  destIsDir: boolean;
}

/** Sources and destination of a `COPY`/`ADD` from the build context (not `--from`), or null. */
export function copiedPaths(model: DockerfileModel, instr: DfInstruction, workdir: string): CopiedPaths | null {
  if ((instr.keyword !== 'COPY' && instr.keyword !== 'ADD') || instr.flag('from') || instr.heredocs.length > 0) return null;
  const args = (instr.json ?? instr.args).map((a) => model.resolve(a.value, instr).value);
  if (args.length < 2) return null;
  const sources = args.slice(0, -1).filter((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s) && !s.startsWith('git@'));
  const written = args[args.length - 1];
  const dest = normalizePath(written.startsWith('/') ? written : `${workdir}/${written}`);
  const destIsDir = written.endsWith('/') || written === '.' || written === './' || args.length > 2;
  return { instr, sources, dest, destIsDir };
}

/** Glob characters of COPY sources. */
const GLOB = /[*?[]/;

export interface CopyMatch {
  copy: CopiedPaths;
  /** `named`: a source names the file; `directory`: a directory copy whose destination holds the path. */
  how: 'named' | 'directory';
  /** The file's path in the build context, for `.dockerignore` checks. */
  contextPath: string;
}

/** One COPY source as `copyOf` reads it: relative to the context, its file name, and what kind of source it is. */
function sourceShape(source: string): { src: string; srcBase: string; glob: boolean; directory: boolean } {
  const src = normalizePath(source.replace(/^\/+/, ''));
  const srcBase = fileName(src);
  // `.`, `config/` or a name without an extension may be a directory: its contents go under the destination.
  return { src, srcBase, glob: GLOB.test(srcBase), directory: src === '.' || !/\.[A-Za-z0-9]{1,8}$/.test(srcBase) || source.endsWith('/') };
}

/** How a COPY puts the file at `path` (absolute, normalised) in the image, if it does. */
export function copyOf(copy: CopiedPaths, path: string): CopyMatch | null {
  const base = fileName(path);
  for (const source of copy.sources) {
    const { src, srcBase, glob, directory } = sourceShape(source);
    // A single file copied to a file path renames it: `COPY aws-credentials /root/.aws/credentials`.
    if (!copy.destIsDir && copy.sources.length === 1 && !glob && copy.dest === path) return { copy, how: 'named', contextPath: src };
    const named = glob ? matchesGlob(base, srcBase) : srcBase === base;
    if (named && !src.endsWith('/')) {
      const target = copy.destIsDir || glob ? normalizePath(`${copy.dest}/${base}`) : copy.dest;
      if (target === path) return { copy, how: 'named', contextPath: glob ? src.replace(srcBase, base) : src };
    }
    const inside = path.startsWith(copy.dest === '/' ? '/' : `${copy.dest}/`);
    if (inside && directory) {
      const rel = path.slice(copy.dest === '/' ? 1 : copy.dest.length + 1);
      return { copy, how: 'directory', contextPath: src === '.' ? rel : `${src}/${rel}` };
    }
  }
  return null;
}

/**
 * The copies that may put a file at a path, found by where they put files: a copy of named files
 * under the path each file gets, a copy of a folder or a pattern under its destination folder. A
 * Dockerfile of thousands of copies and credential variables used to have each variable test every
 * copy (4,000 of each: 13 s).
 */
export class CopyIndex {
  /** `=path`: copies that put a file exactly there; `~folder`: copies whose sources may put any file under the folder. */
  private readonly byKey = new Map<string, number[]>();

  constructor(private readonly copies: readonly CopiedPaths[]) {
    copies.forEach((c, k) => {
      const keys = new Set<string>();
      for (const source of c.sources) {
        const { srcBase, glob, directory } = sourceShape(source);
        if (glob || directory) keys.add(`~${c.dest}`);
        if (!glob) keys.add(`=${c.destIsDir ? normalizePath(`${c.dest}/${srcBase}`) : c.dest}`);
      }
      for (const key of keys) pushTo(this.byKey, key, k);
    });
  }

  /** In file order; `copyOf` finds nothing for a copy left out. Costs the path's length times its depth. */
  candidates(path: string): CopiedPaths[] {
    const found = new Set(this.byKey.get(`=${path}`));
    // The path's folders, written with and without the trailing slash (`/`, `C:/`).
    for (let k = path.indexOf('/'); k >= 0; k = path.indexOf('/', k + 1)) {
      for (const folder of [path.slice(0, k), path.slice(0, k + 1)]) for (const i of this.byKey.get(`~${folder}`) ?? []) found.add(i);
    }
    return [...found].sort((a, b) => a - b).map((i) => this.copies[i]);
  }
}
