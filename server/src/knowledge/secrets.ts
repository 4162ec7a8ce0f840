import { substitute } from '../parse/variables';

/**
 * What a secret looks like in a Dockerfile or a Compose file, without looking at entropy:
 * - secret-shaped variable NAMES (`DB_PASSWORD`, `apiKey`, `STRIPE_SECRET_KEY`), with the
 *   qualifiers that turn them into something else (`PASSWORD_FILE`, `TOKEN_URL`, `PUBLIC_KEY`);
 * - well-known TOKEN FORMATS that are secrets wherever they appear (`AKIA…`, `ghp_…`, PEM keys);
 * - CREDENTIALS IN URLS (`scheme://user:password@host`).
 * Every regular expression here is bounded and has no nested quantifiers over overlapping classes.
 */

/**
 * Splits a variable name into lower-case words: `_`, `-`, `.` and other separators, camelCase
 * (`apiKey`), an acronym before a word (`AWSSecret` is `aws`, `secret`) and letter/digit boundaries.
 * One pass over the name: names come from the repository and can be megabytes long.
 */
export function nameTokens(name: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) : 0;
    if (!isAlnum(c)) {
      if (start >= 0) out.push(name.slice(start, i).toLowerCase());
      start = -1;
      continue;
    }
    if (start >= 0 && wordBoundary(name.charCodeAt(i - 1), c, i + 1 < name.length ? name.charCodeAt(i + 1) : 0)) {
      out.push(name.slice(start, i).toLowerCase());
      start = i;
    }
    if (start < 0) start = i;
  }
  return out;
}

const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => isUpper(c) || isLower(c);
const isAlnum = (c: number) => isLetter(c) || isDigit(c);

/** A new word starts at `c` (after `before`, followed by `after`). */
function wordBoundary(before: number, c: number, after: number): boolean {
  if (isLower(before) && isUpper(c)) return true;
  if (isUpper(before) && isUpper(c) && isLower(after)) return true;
  return (isLetter(before) && isDigit(c)) || (isDigit(before) && isLetter(c));
}

/**
 * Words that name a secret on their own. An access key (`MINIO_ACCESS_KEY`, `accessKey`) is the user
 * name half of a key pair, so it is not one: its secret half (`SECRET_KEY`) is.
 */
const SECRET_WORDS = new Set([
  'password', 'passwords', 'passwd', 'pwd', 'pass', 'psw', 'passphrase', 'secret', 'secrets', 'token',
  'credential', 'credentials', 'creds', 'apikey', 'privatekey', 'secretkey',
]);
/** Words that name a secret only as the last word of a longer name: `NPM_AUTH`, `GITHUB_PAT` (not `AUTH_URL`, `PAT_LENGTH`). */
const SECRET_LAST_WORDS = new Set(['auth', 'pat']);
/** Fused words ending like a secret: `WEBPASSWORD`, `authtoken`, `clientsecret`. (`pass` is left out: `bypass`, `sshpass`.) */
const SECRET_SUFFIXES = ['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'secretkey', 'privatekey'];
/** `<word>_KEY` pairs that name a secret key; a bare `KEY` (`GPG_KEY`, `KEY_DIR`) does not. */
const KEY_QUALIFIERS = new Set(['api', 'private', 'secret', 'auth', 'encryption', 'signing', 'master', 'session', 'jwt', 'fernet', 'hmac', 'license']);

/**
 * Words that, after the secret word, make the name about something else: where the secret is
 * (`PASSWORD_FILE`, `TOKEN_URL`), a property of it (`PASSWORD_MIN_LENGTH`, `TOKEN_TTL`), or who
 * uses it (`API_KEY_ID`, `SECRET_NAME`).
 */
const QUALIFIERS_AFTER = new Set([
  'file', 'files', 'path', 'dir', 'directory', 'location', 'url', 'uri', 'endpoint', 'host', 'hostname', 'port', 'server',
  'source', 'store', 'backend', 'provider', 'arn', 'ref', 'version', 'length', 'len', 'size', 'bits', 'count',
  'limit', 'rounds', 'iterations', 'type', 'algorithm', 'algo', 'policy', 'mode', 'method', 'scheme', 'format', 'prefix',
  'header', 'field', 'param', 'expiry', 'expiration', 'expires', 'expire', 'ttl', 'timeout', 'lifetime', 'interval',
  'duration', 'age', 'hash', 'hashed', 'sha', 'md5', 'bcrypt', 'salt', 'fingerprint', 'keyring', 'keyserver', 'issuer',
  'audience', 'user', 'username', 'name', 'id', 'through', 'env', 'var',
  // Properties of how secrets are kept and used: `TOKEN_USAGE_RETENTION`, `PASSWORD_ROTATION_DAYS`.
  'retention', 'usage', 'rotation', 'days', 'hours', 'minutes', 'seconds', 'mode', 'level', 'method', 'methods', 'required',
]);
/** Words that, anywhere in the name, make it a switch or a public value (`MYSQL_ALLOW_EMPTY_PASSWORD`, `NEXT_PUBLIC_API_KEY`). */
const QUALIFIERS_ANYWHERE = new Set([
  'public', 'pub', 'allow', 'empty', 'random', 'generate', 'skip', 'enable', 'enabled', 'disable', 'disabled', 'require', 'required', 'use',
  'num', 'max', 'min', // `CASSANDRA_NUM_TOKENS`, `MAX_TOKEN`: counts, not secrets
]);
/** Whole names that look secret but are not (`PWD` is the shell's working directory). */
const NOT_SECRET_NAMES = new Set(['pwd', 'oldpwd']);

/** True when a variable name says it holds a secret (`DB_PASSWORD`, `apiKey`, `AWS_SECRET_ACCESS_KEY`). */
export function isSecretName(name: string): boolean {
  return secretNameShape(name) !== null;
}

/**
 * How a name says it holds a secret: `last` when the secret word ends the name (`DB_PASSWORD`),
 * `inner` when words follow it (`TOKEN_USAGE_RETENTION`: more likely a setting about the secret);
 * null when it is not secret-shaped.
 */
export function secretNameShape(name: string): 'last' | 'inner' | null {
  if (NOT_SECRET_NAMES.has(name.toLowerCase())) return null;
  const tokens = nameTokens(name);
  let last = -1;
  tokens.forEach((t, i) => {
    const fused = t.length > 6 && SECRET_SUFFIXES.some((s) => t.endsWith(s));
    const pair = t === 'key' && i > 0 && KEY_QUALIFIERS.has(tokens[i - 1]);
    const ending = SECRET_LAST_WORDS.has(t) && i > 0 && i === tokens.length - 1;
    if (SECRET_WORDS.has(t) || fused || pair || ending) last = i;
  });
  if (last < 0) return null;
  if (tokens.some((t) => QUALIFIERS_ANYWHERE.has(t))) return null;
  const after = tokens.slice(last + 1);
  // `PWD_KEY`, `TOKEN_KEY`: the key a secret is stored under (`SECRET_KEY`, `API_KEY` are pairs, above).
  if (after.length === 1 && (after[0] === 'key' || after[0] === 'keys')) return null;
  if (after.some((t) => QUALIFIERS_AFTER.has(t))) return null;
  return after.length === 0 ? 'last' : 'inner';
}

/** Values of `*_AUTH` settings that name a mechanism or a mode, not a credential (`KAFKA_SSL_CLIENT_AUTH: required`). */
const AUTH_MODES = /^(none|basic|digest|bearer|token|oauth2?|oidc|openid|jwt|ldap|kerberos|ntlm|negotiate|saml|md5|plain|login|trust|password|scram-sha-(1|256|512)|required|requested|optional|want|need|internal|native|local|disabled|enabled)$/i;
/** A count or a duration (`30`, `3600s`, `7d`, `1.5h`). */
const NUMBER_OR_DURATION = /^\d{1,12}(\.\d{1,6})?(ms|s|m|h|d|w|y)?$/i;

/**
 * What the value of a variable is, given its name: `classifyValue`, except that a number given to a
 * setting about a secret (`TOKEN_USAGE_RETENTION: 30`) and a mechanism named by an `*_AUTH` setting
 * (`required`, `basic`) are not secrets.
 */
export function classifyNamedValue(name: string, raw: string | null | undefined): ValueKind {
  const kind = classifyValue(raw);
  if (kind !== 'literal' && kind !== 'default') return kind;
  const literal = literalText(raw ?? '');
  const shape = secretNameShape(name);
  if (shape === 'inner' && NUMBER_OR_DURATION.test(literal)) return 'setting';
  if (/auth$/i.test(nameTokens(name).pop() ?? '') && AUTH_MODES.test(literal)) return 'setting';
  return kind;
}

/** Removes one pair of matching surrounding quotes. */
export function unquote(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) return t.slice(1, -1);
  return t;
}

export type ValueKind = 'none' | 'reference' | 'boolean' | 'placeholder' | 'path' | 'setting' | 'default' | 'literal';

const BOOLEAN = /^(true|false|yes|no|on|off|y|n|0|1)$/i;
/**
 * A file that holds the secret rather than the secret: `reset.sh`, `db.txt`, and Confluent's
 * `KAFKA_SSL_KEY_CREDENTIALS: broker_sslkey_creds` (a file name under `/etc/kafka/secrets`).
 */
const FILE_NAME = /^[\w.-]{1,200}(\.(sh|py|txt|json|ya?ml|xml|conf|cfg|ini|properties|rsp|sql|key|pem|crt|p12|jks|pfx)|[._-]creds|[._-]credentials)$/i;

/** The text a value holds once `$VAR` references without defaults are dropped (`$$` is Compose's escaped `$`). */
function literalText(raw: string): string {
  const v = unquote(raw);
  return v.includes('$') ? substitute(v.replace(/\$\$/g, '$'), () => undefined).value.trim() : v;
}

/**
 * What a value assigned to a secret-shaped name is:
 * `none` (empty), `reference` (only `$VAR`/`${VAR}` with no literal default), `boolean` (a switch),
 * `placeholder` (`<your-token>`, `****`), `path` (a file that holds the secret, `/run/secrets/db`),
 * `default` (a reference whose fallback is written in the file: `${DB_PASSWORD:-example}`),
 * or `literal` (text written in the file: a hardcoded secret). `setting` comes from `classifyNamedValue`.
 */
export function classifyValue(raw: string | null | undefined): ValueKind {
  if (raw === null || raw === undefined) return 'none';
  const v = unquote(raw);
  if (v === '') return 'none';
  const literal = literalText(raw);
  if (literal === '') return v.includes('$') ? 'reference' : 'none';
  if (BOOLEAN.test(literal)) return 'boolean';
  if (/^<[^<>]*>$/.test(literal) || /^(.)\1*$/.test(literal)) return 'placeholder';
  if (/^(\/|\.\.?\/|~\/)\S*$/.test(literal) || FILE_NAME.test(literal)) return 'path';
  // Only `${VAR:-default}` / `${VAR-default}` expressions, and the literal comes from their defaults.
  // (`[^{}]` keeps the scan linear on text such as `${${${...`.)
  if (v.includes('$') && v.replace(/\$\$/g, '').replace(/\$\{[^{}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '').trim() === '' && /\$\{[A-Za-z_][A-Za-z0-9_]*:?-/.test(v)) return 'default';
  return 'literal';
}

/** The variable names a value refers to (`$A`, `${B:-x}`). */
export function referencedNames(raw: string): string[] {
  return [...raw.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]{0,255})/g)].map((m) => m[1]);
}

export interface SecretMatch {
  kind: 'token' | 'url' | 'dsn';
  /** What was found, with its article, for messages ("an npm token"): never the secret itself. */
  label: string;
  /** Offsets inside the scanned text. */
  start: number;
  end: number;
}

interface TokenFormat {
  label: string;
  re: RegExp;
  /** The part of the match that should look random; placeholders such as `ghp_xxxx…` are skipped. */
  body?: (m: string) => string;
}

const NOT_BEFORE = '(?<![A-Za-z0-9_])';
const TOKEN_FORMATS: TokenFormat[] = [
  { label: 'an AWS access key id', re: new RegExp(`${NOT_BEFORE}(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])`, 'g'), body: (m) => (m.endsWith('EXAMPLE') ? '' : m.slice(4)) },
  { label: 'a GitHub token', re: new RegExp(`${NOT_BEFORE}gh[pousr]_[A-Za-z0-9]{36,255}(?![A-Za-z0-9_])`, 'g'), body: (m) => m.slice(4) },
  { label: 'a GitHub token', re: new RegExp(`${NOT_BEFORE}github_pat_[A-Za-z0-9_]{50,255}(?![A-Za-z0-9_])`, 'g'), body: (m) => m.slice(11) },
  { label: 'a GitLab token', re: new RegExp(`${NOT_BEFORE}glpat-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])`, 'g'), body: (m) => m.slice(6) },
  { label: 'a Slack token', re: new RegExp(`${NOT_BEFORE}xox[abposr]-[0-9]{1,20}-[0-9A-Za-z-]{8,200}(?![0-9A-Za-z-])`, 'g'), body: (m) => m.slice(5) },
  { label: 'a Stripe secret key', re: new RegExp(`${NOT_BEFORE}[sr]k_live_[0-9A-Za-z]{10,247}(?![0-9A-Za-z])`, 'g'), body: (m) => m.slice(8) },
  { label: 'a Google API key', re: new RegExp(`${NOT_BEFORE}AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])`, 'g'), body: (m) => m.slice(4) },
  { label: 'an npm token', re: new RegExp(`${NOT_BEFORE}npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])`, 'g'), body: (m) => m.slice(4) },
  { label: 'a SendGrid API key', re: new RegExp(`${NOT_BEFORE}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])`, 'g'), body: (m) => m.slice(3) },
  { label: 'a private key', re: /-----BEGIN (?:[A-Z0-9]{1,20} ){0,2}PRIVATE KEY(?: BLOCK)?-----/g },
];

/** Fewer distinct characters than this in a token's random part: a placeholder (`ghp_xxxx…`, `AKIA0000…`). */
const MIN_DISTINCT = 6;

/** Well-known token formats anywhere in a text. JWTs are not reported: they are mostly short-lived or examples. */
/** One pass that tells whether any token format can match at all (most texts have none). */
const TOKEN_HINT = /AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|k_live_|AIza|npm_|SG\.|-----BEGIN/;

export function findTokens(text: string): SecretMatch[] {
  if (!TOKEN_HINT.test(text)) return [];
  const out: SecretMatch[] = [];
  for (const f of TOKEN_FORMATS) {
    for (const m of text.matchAll(f.re)) {
      if (f.body && new Set(f.body(m[0])).size < MIN_DISTINCT) continue;
      out.push({ kind: 'token', label: f.label, start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}

/**
 * `scheme://user:password@` with a literal password: what `URL_CREDENTIALS` matches (with `matchAll`),
 * found from each `://` instead of trying the scheme's pattern at every letter of the text. A scheme
 * is a letter and up to 30 more of `[A-Za-z0-9+.-]`, not preceded by one of those, so it is the whole
 * run of such characters before `://`; the rest is matched in place (`USER_PASSWORD`, sticky).
 * A test checks this against `URL_CREDENTIALS` on samples, token soup and every corpus file.
 */
export const URL_CREDENTIALS = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/([^\s:/?#@'"`<>]{0,256}):([^\s/?#@'"`]{1,256})@(?=[A-Za-z0-9[_$])/g;
const USER_PASSWORD = /([^\s:/?#@'"`<>]{0,256}):([^\s/?#@'"`]{1,256})@(?=[A-Za-z0-9[_$])/y;
const isSchemeChar = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45;

export function urlCredentialMatches(text: string): { index: number; user: string; password: string }[] {
  const out: { index: number; user: string; password: string }[] = [];
  for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 1)) {
    let start = at;
    while (start > 0 && isSchemeChar(text.charCodeAt(start - 1))) start--;
    if (start === at || at - start > 31 || !isLetter(text.charCodeAt(start))) continue;
    USER_PASSWORD.lastIndex = at + 3;
    const m = USER_PASSWORD.exec(text);
    if (m) out.push({ index: start, user: m[1], password: m[2] });
  }
  return out;
}

/** A password that is a reference, an escape or a template rather than text: `$PW`, `${PW}`, `%s`, `<pw>`, `{{pw}}`. */
function notAPassword(password: string): boolean {
  return /^[$%<{]/.test(password) || classifyValue(password) === 'placeholder';
}

/**
 * `scheme://user:password@host` with a literal password (also `redis://:password@host`, with no user):
 * the match covers `user:password`.
 */
export function findUrlCredentials(text: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  if (!text.includes('://') || !text.includes('@')) return out;
  for (const m of urlCredentialMatches(text)) {
    if (notAPassword(m.password)) continue;
    const start = text.indexOf('://', m.index) + 3;
    out.push({ kind: 'url', label: 'a password in a URL', start, end: start + m.user.length + 1 + m.password.length });
  }
  return out;
}

/** `Password=...` in an ADO.NET/ODBC connection string, a JDBC or URL query, or a libpq keyword list. */
const DSN_PASSWORD = /(?<![A-Za-z0-9_.-])(password|passwd|pwd)\s{0,4}=\s{0,4}("[^"]{1,256}"|'[^']{1,256}'|[^;&\s'"]{1,256})/gi;
/** Other keys of a connection string, without which `password=` is just text. */
const DSN_CONTEXT = /(?<![A-Za-z0-9_])(server|host|hostaddr|data source|datasource|user id|userid|uid|user|username|dbname|database|initial catalog|port)\s{0,4}=/i;

/**
 * Passwords in connection strings held by a variable or label value: `Server=db;User Id=sa;Password=x`,
 * `host=db user=app password=x`, `jdbc:mysql://db/app?user=app&password=x`. The match covers the password.
 */
export function findDsnPasswords(text: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  if (!/pass|pwd/i.test(text) || !text.includes('=') || !DSN_CONTEXT.test(text)) return out;
  for (const m of text.matchAll(DSN_PASSWORD)) {
    const quoted = /^["']/.test(m[2]);
    const password = quoted ? m[2].slice(1, -1) : m[2];
    if (notAPassword(password) || classifyValue(password) !== 'literal') continue;
    const start = m.index + m[0].length - m[2].length + (quoted ? 1 : 0);
    out.push({ kind: 'dsn', label: 'a password in a connection string', start, end: start + password.length });
  }
  return out;
}

/** Token formats and URL credentials, in text order; a URL whose password is a known token yields only the token. */
export function findSecretValues(text: string): SecretMatch[] {
  const tokens = findTokens(text);
  const urls = findUrlCredentials(text).filter((u) => !tokens.some((t) => t.start >= u.start && t.end <= u.end));
  return [...tokens, ...urls].sort((a, b) => a.start - b.start);
}

// SECRET FILES: names and paths that hold credentials (SSH and TLS private keys, key stores,
// dotenv files, package-manager and cloud credentials). Matching is on the path as written in
// `COPY`/`ADD` (globs included), case-insensitive, with Windows separators normalised.

/** Basenames that are secret files wherever they are. */
const SECRET_BASENAMES = new Set([
  '.npmrc', '.pypirc', '.netrc', '_netrc', '.git-credentials', '.htpasswd', 'credentials.json', 'privkey.pem',
]);
/** SSH private keys by their default names, also with a prefix (`deploy_id_rsa`). */
const SSH_KEY = /(^|[_.-])id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/;
/** Dotenv files that are committed on purpose as templates. */
const ENV_TEMPLATES = new Set(['example', 'sample', 'template', 'dist', 'defaults', 'tmpl', 'tpl', 'schema']);
/** Directories whose whole content is credentials. */
const SECRET_DIRS = new Set(['.ssh', '.aws', '.kube', '.gnupg']);
/** Files identified by their last two path segments. */
const SECRET_PATHS = new Set(['.aws/credentials', '.docker/config.json', '.kube/config']);
/** Extensions of private keys and key stores (certificates alone are `.crt`/`.pem` and pass). */
const SECRET_EXTENSIONS = new Set(['key', 'p12', 'pfx', 'jks', 'keystore', 'ppk']);
/** `.pem` files whose name says they hold a key rather than a certificate. */
const KEY_PEM = /(^|[^a-z])(priv|private|key|privkey)[^/]*\.pem$|key\.pem$/;
/** Files in `.ssh` that hold no secret. */
const SSH_PUBLIC = /^(known_hosts|authorized_keys2?|config|.*\.pub)$/;

/**
 * Why a COPY/ADD source is a secret file (a short description for messages), or null.
 * `*.pem` alone is not reported: it usually selects certificates.
 */
export function secretFileKind(source: string): string | null {
  const p = source.replace(/\\/g, '/').toLowerCase().replace(/(?<!\/)\/+$/, '');
  const segments = p.split('/').filter((s) => s !== '' && s !== '.');
  const base = segments[segments.length - 1] ?? '';
  if (base === '') return null;
  if (SSH_KEY.test(base)) return 'an SSH private key';
  if (SECRET_BASENAMES.has(base)) return base.endsWith('.pem') ? 'a private key' : 'a credentials file';
  if (/^kubeconfig(\.ya?ml)?$/.test(base)) return 'a kubeconfig';
  if (SECRET_DIRS.has(base)) return 'a credentials directory';
  if (segments.length >= 2 && SECRET_PATHS.has(segments.slice(-2).join('/'))) return 'a credentials file';
  if (segments.slice(0, -1).some((s) => s === '.ssh') && !SSH_PUBLIC.test(base)) return 'an SSH key file';
  if (base === '.env' || base === '.env*') return 'a dotenv file';
  const env = /^\.env\.(.+)$/.exec(base);
  if (env && !env[1].split('.').some((part) => ENV_TEMPLATES.has(part))) return 'a dotenv file';
  if (/^service[-_]account.*\.json$/.test(base)) return 'a service account key';
  const ext = /\.([a-z0-9]+)$/.exec(base)?.[1];
  if (ext && SECRET_EXTENSIONS.has(ext)) return ext === 'key' || ext === 'ppk' ? 'a private key' : 'a key store';
  if (ext === 'pem' && KEY_PEM.test(base) && !base.includes('pub')) return 'a private key';
  return null;
}
