import { memoize } from '../parse/memo';
import type { DfInstruction, Token } from '../parse/dockerfile';
import { baseName, effectiveArgv, type ShellCommand, type ShellWord } from '../parse/shell';
import { findOption, parseOptions, type OptionSyntax, type ParsedOption } from './cli-options';

/**
 * Downloads: in shell commands `curl`, `wget` (GNU and BusyBox) and FreeBSD `fetch`, read with
 * their real option syntax so a header value or an output file name is never taken for a flag;
 * and the remote sources of `ADD` (URLs and Git repositories).
 */

export type Downloader = 'curl' | 'wget' | 'fetch';

export interface Download {
  tool: Downloader;
  /** The command's words with wrappers such as `sudo` removed. */
  argv: ShellWord[];
  options: ParsedOption[];
  /** Operands (normally URLs) and `--url` values. */
  urls: ShellWord[];
  /** The body is written to standard output (curl without `-o`/`-O`, `wget -O -`, `fetch -o -`). */
  toStdout: boolean;
}

const CURL: OptionSyntax = {
  shortValue: 'AbcCdDeEFHKmoPQrtTuUwxXyYz',
  longValue: [
    'abstract-unix-socket', 'alt-svc', 'aws-sigv4', 'cacert', 'capath', 'cert', 'cert-type', 'ciphers', 'config',
    'connect-timeout', 'connect-to', 'continue-at', 'cookie', 'cookie-jar', 'create-file-mode', 'crlfile', 'curves', 'data',
    'data-ascii', 'data-binary', 'data-raw', 'data-urlencode', 'delegation', 'dns-interface', 'dns-ipv4-addr',
    'dns-ipv6-addr', 'dns-servers', 'doh-url', 'dump-header', 'ech', 'egd-file', 'engine', 'etag-compare', 'etag-save',
    'expect100-timeout', 'form', 'form-string', 'ftp-account', 'ftp-alternative-to-user', 'ftp-method', 'ftp-port',
    'ftp-ssl-ccc-mode', 'happy-eyeballs-timeout-ms', 'haproxy-clientip', 'header', 'hostpubmd5', 'hostpubsha256', 'hsts',
    'interface', 'ip-tos', 'ipfs-gateway', 'json', 'keepalive-time', 'key', 'key-type', 'krb', 'libcurl', 'limit-rate',
    'local-port', 'login-options', 'mail-auth', 'mail-from', 'mail-rcpt', 'max-filesize', 'max-redirs', 'max-time',
    'netrc-file', 'noproxy', 'oauth2-bearer', 'output', 'output-dir', 'parallel-max', 'pass', 'pinnedpubkey', 'preproxy',
    'proto', 'proto-default', 'proto-redir', 'proxy', 'proxy-cacert', 'proxy-capath', 'proxy-cert', 'proxy-cert-type',
    'proxy-ciphers', 'proxy-crlfile', 'proxy-header', 'proxy-key', 'proxy-key-type', 'proxy-pass', 'proxy-pinnedpubkey',
    'proxy-service-name', 'proxy-tls13-ciphers', 'proxy-tlsauthtype', 'proxy-tlspassword', 'proxy-tlsuser', 'proxy-user',
    'proxy1.0', 'pubkey', 'quote', 'random-file', 'range', 'rate', 'referer', 'request', 'request-target', 'resolve',
    'retry', 'retry-delay', 'retry-max-time', 'sasl-authzid', 'service-name', 'socks4', 'socks4a', 'socks5',
    'socks5-gssapi-service', 'socks5-hostname', 'speed-limit', 'speed-time', 'stderr', 'telnet-option', 'tftp-blksize',
    'time-cond', 'tls-max', 'tls13-ciphers', 'tlsauthtype', 'tlspassword', 'tlsuser', 'trace', 'trace-ascii',
    'unix-socket', 'upload-file', 'url', 'url-query', 'user', 'user-agent', 'variable', 'write-out',
  ],
};

const WGET: OptionSyntax = {
  // `-n` takes its modifier letters as a value: `-nv`, `-nc`, `-nH`.
  shortValue: 'aeiBtOTwQPDRAIXlUn',
  longValue: [
    'output-file', 'append-output', 'execute', 'input-file', 'base', 'config', 'bind-address', 'tries', 'output-document',
    'timeout', 'dns-timeout', 'connect-timeout', 'read-timeout', 'wait', 'waitretry', 'limit-rate', 'quota',
    'directory-prefix', 'user', 'password', 'http-user', 'http-password', 'header', 'user-agent', 'referer', 'post-data',
    'post-file', 'method', 'body-data', 'body-file', 'load-cookies', 'save-cookies', 'ca-certificate', 'ca-directory',
    'certificate', 'certificate-type', 'private-key', 'private-key-type', 'secure-protocol', 'ciphers', 'crl-file',
    'pinnedpubkey', 'random-file', 'egd-file', 'level', 'accept', 'reject', 'domains', 'exclude-domains',
    'include-directories', 'exclude-directories', 'cut-dirs', 'local-encoding', 'remote-encoding', 'progress',
    'restrict-file-names', 'proxy-user', 'proxy-password', 'default-page', 'accept-regex', 'reject-regex', 'regex-type',
    'max-redirect', 'ftp-user', 'ftp-password', 'hsts-file', 'report-speed', 'retry-on-http-error', 'use-askpass',
    'prefer-family',
  ],
};

const FETCH: OptionSyntax = { shortValue: 'BNoSTi', longValue: ['output', 'bind-address', 'ca-cert', 'ca-path', 'cert', 'key', 'crl', 'user-agent', 'referer'] };

const STDOUT = new Set(['-', '/dev/stdout', '/proc/self/fd/1']);

/** The download a shell command performs, or null when it is not curl, wget or fetch. */
function computeParseDownload(cmd: ShellCommand): Download | null {
  return downloadFromArgv(effectiveArgv(cmd));
}

/** Memoised per command: several rules ask the same question of the same command. */
export const parseDownload: (cmd: ShellCommand) => Download | null = memoize(computeParseDownload);

export function downloadFromArgv(argv: ShellWord[]): Download | null {
  if (argv.length === 0) return null;
  const name = baseName(argv[0].value).replace(/\.exe$/i, '');
  const tool: Downloader | null = name === 'curl' || name === 'wget' || name === 'fetch' ? name : null;
  if (!tool) return null;
  const syntax = tool === 'curl' ? CURL : tool === 'wget' ? WGET : FETCH;
  const { options, operands } = parseOptions(argv.slice(1), syntax);
  const urls = [...operands];
  for (const o of options) if (o.name === '--url' && o.valueWord) urls.push(o.valueWord);
  let toStdout: boolean;
  if (tool === 'curl') {
    const out = findOption(options, '-o', '--output');
    const remote = findOption(options, '-O', '--remote-name', '--remote-name-all');
    toStdout = out ? STDOUT.has(out.value ?? '') : !remote;
  } else {
    const out = tool === 'wget' ? findOption(options, '-O', '--output-document') : findOption(options, '-o', '--output');
    toStdout = out !== undefined && STDOUT.has(out.value ?? '');
  }
  return { tool, argv, options, urls, toStdout };
}

/**
 * The sources of an `ADD`/`COPY` (JSON form, heredoc form `<<EOF`, shell form), without the
 * destination, with surrounding quotes removed from the values (ranges still cover the quotes).
 */
export function copySources(text: string, instr: DfInstruction): Token[] {
  if (instr.json) return instr.json.slice(0, -1);
  let args = instr.args;
  const heredoc = args.find((a) => a.value.startsWith('<<'));
  if (heredoc && instr.heredocs.length > 0) {
    // The heredoc bodies follow the instruction line; only the words on that line are arguments.
    const lineEnd = text.indexOf('\n', heredoc.start);
    args = args.filter((a) => lineEnd < 0 || a.start < lineEnd);
  }
  // Listed field by field: a model token's range is an accessor, which a spread would not copy.
  return args.slice(0, -1).map((a) => ({ value: a.value.replace(/^"([^"]*)"$|^'([^']*)'$/, '$1$2'), range: a.range, start: a.start, end: a.end }));
}

export type SourceKind = 'url' | 'git' | 'local' | 'heredoc';

/**
 * What an `ADD` source is, the way BuildKit tells them apart: Git repositories (`git@host:repo`,
 * `git://`, `ssh://`, and http(s) URLs whose path ends in `.git`), other http(s) URLs, and local paths.
 */
export function sourceKind(src: string): SourceKind {
  if (src.startsWith('<<')) return 'heredoc';
  if (/^(git@[^\s:]+:|git:\/\/|ssh:\/\/)/i.test(src)) return 'git';
  const m = /^(https?|ftp):\/\/([^#?\s]*)/i.exec(src);
  if (!m) return 'local';
  return /\.git\/?$/i.test(m[2]) ? 'git' : 'url';
}

const COMMIT = /^([0-9a-f]{40}|[0-9a-f]{64})$/i;

/** The ref a Git source names (`#v1.2:subdir`, `?ref=v1.2`), or null for the default branch, and whether it is a full commit hash. */
export function gitRef(src: string): { ref: string | null; pinned: boolean } {
  const hash = src.indexOf('#');
  const query = /\?([^#]*)/.exec(src);
  const params = new URLSearchParams(query ? query[1] : '');
  const ref = hash >= 0 ? src.slice(hash + 1).split(':')[0] || null : (params.get('ref') ?? params.get('commit'));
  const checksum = params.get('checksum') ?? params.get('commit');
  return { ref, pinned: (ref !== null && COMMIT.test(ref)) || (checksum !== null && COMMIT.test(checksum)) };
}
