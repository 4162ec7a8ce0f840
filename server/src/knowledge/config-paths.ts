/**
 * Which bind-mount paths hold configuration a container only needs to read: anything mounted
 * under `/etc/`, and files whose name says "configuration" (`nginx.conf`, `my.cnf`,
 * `prometheus.yml`, `Caddyfile`...). Some paths look like configuration but are state the
 * program writes (`/etc/letsencrypt`, Traefik's `acme.json`, `package-lock.json`): those are left out.
 */

const CONFIG_EXTENSION = /\.(?:conf|cfg|cnf|ini|ya?ml|json|toml|properties|xml|config|env)$/i;
const CONFIG_NAMES = new Set(['caddyfile', 'corefile', '.htpasswd', '.htaccess', 'crontab', '.env']);

/** Files that look like configuration but that the program or a package manager writes. */
const WRITTEN_FILES = new Set([
  'acme.json',
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'composer.json',
  'composer.lock',
  'pnpm-lock.yaml',
  'pipfile.lock',
]);

/** Directories under `/etc` where well-known images keep state they write (certificates, generated keys, block lists). */
const WRITTEN_ETC_DIRS = ['letsencrypt', 'pihole', 'dnsmasq.d', 'openvpn', 'wireguard', 'gitlab', 'gitlab-runner'];

function normalise(path: string): string {
  return path.trim().replace(/\\/g, '/').replace(/(?<!\/)\/+$/, '');
}

function basename(path: string): string {
  const p = normalise(path);
  return p.slice(p.lastIndexOf('/') + 1).toLowerCase();
}

/** Whether a file name says "configuration". */
export function isConfigFileName(path: string): boolean {
  const name = basename(path);
  if (name === '' || name.includes('$') || WRITTEN_FILES.has(name)) return false;
  return CONFIG_NAMES.has(name) || CONFIG_EXTENSION.test(name);
}

/** Why a bind mount looks like configuration, or null: its target is under `/etc/`, or a file name says so. */
export function configMount(source: string, target: string): 'etc' | 'file' | null {
  const t = normalise(target);
  const s = normalise(source);
  if (WRITTEN_FILES.has(basename(t)) || WRITTEN_FILES.has(basename(s))) return null;
  const etc = /^\/etc\/([^/]+)/.exec(t);
  if (etc) return WRITTEN_ETC_DIRS.includes(etc[1].toLowerCase()) ? null : 'etc';
  return isConfigFileName(t) || isConfigFileName(s) ? 'file' : null;
}
