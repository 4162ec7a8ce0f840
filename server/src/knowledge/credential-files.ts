import { matchesGlob } from '../core/glob';
import type { DfInstruction, DockerfileModel } from '../parse/dockerfile';
import { fileName, normalizePath } from './file-paths';

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

/** How a COPY puts the file at `path` (absolute, normalised) in the image, if it does. */
export function copyOf(copy: CopiedPaths, path: string): CopyMatch | null {
  const base = fileName(path);
  for (const source of copy.sources) {
    const src = normalizePath(source.replace(/^\/+/, ''));
    const srcBase = fileName(src);
    // A single file copied to a file path renames it: `COPY aws-credentials /root/.aws/credentials`.
    if (!copy.destIsDir && copy.sources.length === 1 && !GLOB.test(srcBase) && copy.dest === path) return { copy, how: 'named', contextPath: src };
    const named = GLOB.test(srcBase) ? matchesGlob(base, srcBase) : srcBase === base;
    if (named && !src.endsWith('/')) {
      const target = copy.destIsDir || GLOB.test(srcBase) ? normalizePath(`${copy.dest}/${base}`) : copy.dest;
      if (target === path) return { copy, how: 'named', contextPath: GLOB.test(srcBase) ? src.replace(srcBase, base) : src };
    }
    // A directory (`.`, `config/`): its contents go under the destination.
    const inside = path.startsWith(copy.dest === '/' ? '/' : `${copy.dest}/`);
    if (inside && (src === '.' || !/\.[A-Za-z0-9]{1,8}$/.test(srcBase) || source.endsWith('/'))) {
      const rel = path.slice(copy.dest === '/' ? 1 : copy.dest.length + 1);
      return { copy, how: 'directory', contextPath: src === '.' ? rel : `${src}/${rel}` };
    }
  }
  return null;
}
