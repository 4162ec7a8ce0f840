/**
 * The engine works on `/`-separated absolute paths; editors send URIs. Both servers map one to the
 * other here, so that every feature (config discovery, related files, the checklist) sees one path
 * per file and can turn a path it computed (a `.dockerignore` next to a Dockerfile) back into a URI.
 *
 * - `file:` URIs become their path (`file:///work/app/Dockerfile` → `/work/app/Dockerfile`); the
 *   Node server passes its own converter (Windows drive letters, UNC paths).
 * - Other hierarchical URIs, the ones of virtual workspaces, keep their scheme and authority in the
 *   first segment: `vscode-vfs://github/org/repo/Dockerfile` → `/vscode-vfs:github/org/repo/Dockerfile`,
 *   `memfs:/ws/compose.yaml` → `/memfs:/ws/compose.yaml`. Paths stay absolute and `..` cannot climb
 *   out of the scheme and authority, and two workspaces on different schemes never collide.
 * - A URI without a hierarchical path (`untitled:Untitled-1`) is returned as it is: not absolute,
 *   so rules that look for files next to it do nothing.
 *
 * The query and fragment are dropped. The path of every URI seen is remembered, so that the URI
 * sent back for it is exactly the one the client sent.
 */

const URI = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)/;
const VIRTUAL_ROOT = /^\/([a-zA-Z][a-zA-Z0-9+.-]*):([^/]*)/;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Encodes one decoded path for a URI, segment by segment (`:` and `@` stay readable). */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/%3A/gi, ':').replace(/%40/g, '@'))
    .join('/');
}

export class UriPaths {
  /** Paths back to the URIs they came from. */
  private readonly uris = new Map<string, string>();
  /** `/scheme:authority` prefixes of the virtual paths handed out. */
  private readonly roots = new Set<string>();

  /**
   * @param fileUriToPath how `file:` URIs become paths (default: the decoded URI path); undefined when not a file URI it understands
   * @param pathToFileUri the reverse (default: `file://` + the encoded path)
   */
  constructor(
    private readonly fileUriToPath: (uri: string) => string | undefined = (u) => decode(URI.exec(u)?.[3] ?? ''),
    private readonly pathToFileUri: (path: string) => string = (p) => `file://${encodePath(p.startsWith('/') ? p : `/${p}`)}`,
  ) {}

  toPath(uri: string): string {
    const m = URI.exec(uri);
    if (!m) return uri;
    const [, scheme, authority, rawPath] = m;
    let path: string;
    if (scheme.toLowerCase() === 'file') {
      path = this.fileUriToPath(uri) ?? uri;
    } else if (authority !== undefined || rawPath.startsWith('/')) {
      const root = `/${scheme}:${authority ?? ''}`;
      this.roots.add(root);
      const p = decode(rawPath);
      path = `${root}${p.startsWith('/') ? p : `/${p}`}`;
    } else {
      return uri;
    }
    if (this.uris.size > 20_000) this.uris.clear();
    this.uris.set(path, uri);
    return path;
  }

  toUri(path: string): string {
    const known = this.uris.get(path);
    if (known) return known;
    const root = this.virtualRoot(path);
    if (root) {
      const [, scheme, authority] = VIRTUAL_ROOT.exec(root)!;
      const rest = encodePath(path.slice(root.length) || '/');
      return authority ? `${scheme}://${authority}${rest}` : `${scheme}:${rest}`;
    }
    return this.pathToFileUri(path);
  }

  /** True for a path of a virtual workspace (one that no disk can hold). */
  isVirtual(path: string): boolean {
    return this.virtualRoot(path) !== undefined;
  }

  private virtualRoot(path: string): string | undefined {
    const m = VIRTUAL_ROOT.exec(path);
    if (!m) return undefined;
    const root = `/${m[1]}:${m[2]}`;
    return this.roots.has(root) ? root : undefined;
  }
}
