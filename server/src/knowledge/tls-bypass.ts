import { entryOf } from '../core/entry';
import { baseName, effectiveArgv, type ShellCommand, type ShellWord } from '../parse/shell';
import { parseOptions } from './cli-options';
import { downloadFromArgv } from './downloads';
import { managerOf, PIP_NAME, PYTHON_NAME, pythonModuleArgs } from './packages';

/**
 * Switches that turn off TLS certificate checks or package signature checks: command-line flags
 * (`curl -k`, `apt-get --allow-unauthenticated`), tool configuration written from the command
 * line (`npm config set strict-ssl false`, `git config http.sslVerify false`), configuration text
 * echoed into files (`deb [trusted=yes] https://...`), and environment variables.
 */

export type BypassKind = 'tls' | 'signature';

export interface Bypass {
  kind: BypassKind;
  tool: string;
  /** Offsets of the offending text (a flag word, a flag and its value, a key and its value). */
  start: number;
  end: number;
}

const FALSE = /^(false|0|no|off)$/i;

interface EnvSpec {
  tool: string;
  test: (value: string) => boolean;
}

const ENV: Record<string, EnvSpec> = {
  NODE_TLS_REJECT_UNAUTHORIZED: { tool: 'Node.js', test: (v) => v.trim() === '0' },
  PYTHONHTTPSVERIFY: { tool: 'Python', test: (v) => v.trim() === '0' },
  // git disables verification whenever the variable exists, whatever its value.
  GIT_SSL_NO_VERIFY: { tool: 'git', test: () => true },
  NPM_CONFIG_STRICT_SSL: { tool: 'npm', test: (v) => FALSE.test(v.trim()) },
  YARN_STRICT_SSL: { tool: 'yarn', test: (v) => FALSE.test(v.trim()) },
  YARN_ENABLE_STRICT_SSL: { tool: 'yarn', test: (v) => FALSE.test(v.trim()) },
  PIP_TRUSTED_HOST: { tool: 'pip', test: (v) => v.trim() !== '' },
  UV_INSECURE_HOST: { tool: 'uv', test: (v) => v.trim() !== '' },
  // Go fetches the matching modules over plain HTTP or without checking certificates.
  GOINSECURE: { tool: 'Go', test: (v) => v.trim() !== '' },
};

/** The tool whose TLS checks an environment variable turns off, or null. `value` null means unset. */
export function insecureEnv(name: string, value: string | null): string | null {
  if (value === null) return null;
  const spec = entryOf(ENV, name) ?? (/^npm_config_strict_ssl$/i.test(name) ? ENV.NPM_CONFIG_STRICT_SSL : undefined);
  return spec && spec.test(value) ? spec.tool : null;
}

const APT_OPTION =
  /^(?:Acquire::(?:https?::)?(?:[^:=\s]+::)?Verify-(Peer|Host)=(?:false|0|no)|(?:Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories|APT::Get::AllowUnauthenticated)=(?:true|1|yes))$/i;
const YUM_SETOPT = /^(?:[\w.*-]+\.)?(sslverify|gpgcheck|repo_gpgcheck|localpkg_gpgcheck)=(?:0|false|no|off)$/i;
const ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;
const DECLARE = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);
/** Commands other than package managers that this module inspects. */
const TLS_TOOLS = new Set(['curl', 'wget', 'fetch', 'rpm', 'composer', 'git', 'echo', 'printf', 'uv', 'yum-config-manager']);

/**
 * Every bypass in one shell command. `pipedTo` is the command that reads its output (`echo ... |
 * tee file`): text that `echo`/`printf` only prints is not configuration.
 */
export function commandBypasses(cmd: ShellCommand, text: string, pipedTo?: ShellCommand): Bypass[] {
  const out: Bypass[] = [];
  const add = (kind: BypassKind, tool: string, from: ShellWord, to: ShellWord = from) =>
    out.push({ kind, tool, start: from.start, end: Math.max(from.end, to.end) });
  const argv = effectiveArgv(cmd);
  const first = argv[0];
  // Environment assignments: `GIT_SSL_NO_VERIFY=1 git clone`, `export NODE_TLS_REJECT_UNAUTHORIZED=0`.
  const declares = cmd.argv.length > 0 && DECLARE.has(cmd.argv[0].value);
  for (const w of cmd.words) {
    if (!declares && first && w.start >= first.start) break;
    const m = ASSIGN.exec(w.value);
    const tool = m ? insecureEnv(m[1], m[2]) : null;
    if (tool) add('tls', tool, w);
  }
  if (!first) return out;
  const name = baseName(first.value);
  // Most commands (mkdir, rm, ln...) cannot switch verification off: skip them cheaply.
  if (!TLS_TOOLS.has(name.replace(/\.exe$/i, '')) && managerOf(name) === null && !PYTHON_NAME.test(name)) return out;
  const words = argv.slice(1);
  const flag = (kind: BypassKind, tool: string, names: readonly string[]) => {
    for (const w of words) if (names.includes(w.value.split('=')[0])) add(kind, tool, w);
  };
  const download = downloadFromArgv(argv);
  if (download) {
    for (const o of download.options) {
      if (['-k', '--insecure', '--proxy-insecure', '--no-check-certificate', '--no-verify-peer', '--no-verify-hostname'].includes(o.name)) {
        if (!out.some((b) => b.start === o.word.start)) add('tls', name, o.word);
      } else if ((o.name === '-e' || o.name === '--execute') && /^check_?certificate\s*=\s*(off|0|no|false)$/i.test(o.value ?? '')) {
        add('tls', name, o.word, o.valueWord ?? o.word);
      }
    }
    return out;
  }
  const manager = managerOf(name)?.manager;
  if (manager === 'apt') {
    flag('signature', name, ['--allow-unauthenticated', '--allow-insecure-repositories', '--force-yes']);
    for (const o of parseOptions(words, managerOf(name)!.syntax).options) {
      const m = (o.name === '-o' || o.name === '--option') && o.value ? APT_OPTION.exec(o.value) : null;
      if (m) add(m[1] ? 'tls' : 'signature', name, o.word, o.valueWord ?? o.word);
    }
  } else if (manager === 'apk') {
    flag('signature', name, ['--allow-untrusted']);
  } else if (manager === 'yum' || name === 'yum-config-manager') {
    flag('signature', name, ['--nogpgcheck', '--no-gpgcheck', '--no-gpgchecks']);
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      const value = w.value.startsWith('--setopt=') ? w.value.slice(9) : w.value === '--setopt' ? (words[i + 1]?.value ?? '') : null;
      const m = value === null ? null : YUM_SETOPT.exec(value);
      if (m) add(m[1].toLowerCase() === 'sslverify' ? 'tls' : 'signature', name, w, w.value === '--setopt' ? words[i + 1] : w);
    }
  } else if (manager === 'zypper') {
    flag('signature', name, ['--no-gpg-checks', '--no-gpgcheck']);
  } else if (name === 'rpm') {
    flag('signature', name, ['--nosignature', '--nodigest', '--noverify', '--nofiledigest']);
  } else if (manager === 'pip' || name === 'uv' || pythonModuleArgs(argv, PIP_NAME)) {
    const tool = name === 'uv' ? 'uv' : 'pip';
    pairFlag(words, ['--trusted-host', '--allow-insecure-host'], () => true, (a, b) => add('tls', tool, a, b));
    configSet(words, /^[a-z]+\.trusted-host$/i, () => true, (a, b) => add('tls', tool, a, b));
  } else if (manager === 'npm' || manager === 'yarn' || manager === 'pnpm') {
    pairFlag(words, ['--strict-ssl'], (v) => FALSE.test(v), (a, b) => add('tls', name, a, b));
    flag('tls', name, ['--no-strict-ssl']);
    configSet(words, /^(strict-ssl|enableStrictSsl)$/i, (v) => FALSE.test(v), (a, b) => add('tls', name, a, b));
  } else if (name === 'composer') {
    configSet(words, /^disable-tls$/i, (v) => /^(true|1)$/i.test(v), (a, b) => add('tls', name, a, b));
    configSet(words, /^secure-http$/i, (v) => FALSE.test(v), (a, b) => add('tls', name, a, b));
  } else if (name === 'git') {
    gitBypasses(words, (a, b) => add('tls', 'git', a, b));
  } else if ((name === 'echo' || name === 'printf') && writesFile(cmd, pipedTo)) {
    out.push(...configText(cmd, words, text));
  }
  return out;
}

/** `--flag value` or `--flag=value`, reported from the flag to its value. */
function pairFlag(words: ShellWord[], names: string[], test: (v: string) => boolean, add: (a: ShellWord, b: ShellWord) => void): void {
  for (let i = 0; i < words.length; i++) {
    const [flagName, ...rest] = words[i].value.split('=');
    if (!names.includes(flagName)) continue;
    if (rest.length > 0 && test(rest.join('='))) add(words[i], words[i]);
    else if (rest.length === 0 && words[i + 1] && test(words[i + 1].value)) add(words[i], words[i + 1]);
  }
}

/** `config set key value`, `set key value`, `config [--global] key value`, `key=value` spellings. */
function configSet(words: ShellWord[], key: RegExp, test: (v: string) => boolean, add: (a: ShellWord, b: ShellWord) => void): void {
  const ops = words.filter((w) => !w.value.startsWith('-'));
  let i = ops[0]?.value === 'config' ? 1 : 0;
  if (ops[i]?.value === 'set') i++;
  else if (i === 0) return;
  const k = ops[i];
  if (!k) return;
  const eq = k.value.indexOf('=');
  if (eq > 0 && key.test(k.value.slice(0, eq)) && test(k.value.slice(eq + 1))) add(k, k);
  else if (key.test(k.value) && ops[i + 1] && test(ops[i + 1].value)) add(k, ops[i + 1]);
}

const GIT_KEY = /^http\.(?:\S+\.)?sslverify$/i;

function gitBypasses(words: ShellWord[], add: (a: ShellWord, b: ShellWord) => void): void {
  const syntax = { shortValue: 'cCbouj', longValue: ['config', 'git-dir', 'work-tree', 'namespace', 'file', 'branch', 'origin', 'depth', 'type'] };
  const global = parseOptions(words, syntax, true);
  const sub = words[global.next];
  const local = sub ? parseOptions(words.slice(global.next + 1), syntax) : { options: [], operands: [] };
  for (const o of [...global.options, ...local.options]) {
    if ((o.name === '-c' || o.name === '--config') && o.value !== null) {
      const eq = o.value.indexOf('=');
      if (eq > 0 && GIT_KEY.test(o.value.slice(0, eq)) && FALSE.test(o.value.slice(eq + 1))) add(o.word, o.valueWord ?? o.word);
    }
  }
  if (sub?.value !== 'config') return;
  const ops = local.operands[0]?.value === 'set' ? local.operands.slice(1) : local.operands;
  if (ops.length >= 2 && GIT_KEY.test(ops[0].value) && FALSE.test(ops[1].value)) add(ops[0], ops[1]);
}

const CONFIG_TEXT: { re: RegExp; kind: BypassKind; tool: string }[] = [
  { re: /Verify-(?:Peer|Host)"?\s+"?(?:false|0|no)\b/i, kind: 'tls', tool: 'APT' },
  { re: /(?:AllowUnauthenticated|AllowInsecureRepositories)"?\s+"?(?:true|1|yes)\b/i, kind: 'signature', tool: 'APT' },
  { re: /\bsslverify\s*=\s*(?:0|false|no)\b/i, kind: 'tls', tool: 'yum' },
  { re: /\bgpgcheck\s*=\s*0\b/i, kind: 'signature', tool: 'yum' },
  { re: /\bcheck_certificate\s*=\s*(?:off|0|no|false)\b/i, kind: 'tls', tool: 'wget' },
  { re: /\bstrict-ssl\s*=\s*false\b/i, kind: 'tls', tool: 'npm' },
  { re: /\btrusted-host\s*=\s*[^\s\\]+/i, kind: 'tls', tool: 'pip' },
];

/** The command's output goes to a file: `> file`, `>> file`, or a pipe into `tee file`. */
function writesFile(cmd: ShellCommand, pipedTo: ShellCommand | undefined): boolean {
  if (cmd.redirects.some((r) => r.op.includes('>') && r.target && !/^&?\d$/.test(r.target.value) && r.target.value !== '/dev/null')) return true;
  const reader = pipedTo && cmd.after === '|' ? effectiveArgv(pipedTo) : [];
  return reader.length > 1 && baseName(reader[0].value) === 'tee';
}

/** Configuration echoed into files: APT sources with `[trusted=yes]`, repo files, rc files. */
function configText(cmd: ShellCommand, words: ShellWord[], text: string): Bypass[] {
  const out: Bypass[] = [];
  const target = cmd.redirects.find((r) => r.op.includes('>'))?.target?.value ?? '';
  for (const w of words) {
    const hits: { match: string; kind: BypassKind; tool: string }[] = [];
    // `printf 'a\ntrusted-host = x\n'`: the escapes are line breaks in the file written.
    const value = w.value.replace(/\\n/g, '\n');
    const deb = /\[([^\]]{1,200})\]\s*(\S+)/.exec(value);
    if (deb && /^deb(-src)?\b/.test(value.trim()) && !/^(file|copy|cdrom):/.test(deb[2])) {
      const opt = /\b(?:trusted|allow-insecure)=yes\b/.exec(deb[1]);
      if (opt) hits.push({ match: opt[0], kind: 'signature', tool: 'APT' });
    }
    for (const c of CONFIG_TEXT) {
      const m = c.re.exec(value);
      if (m) hits.push({ match: m[0], kind: c.kind, tool: c.tool });
    }
    if (/\.curlrc$/.test(target) && /^(-k|--insecure|insecure)$/.test(w.value.trim())) hits.push({ match: w.value, kind: 'tls', tool: 'curl' });
    for (const h of hits) {
      const at = text.slice(w.start, w.end).indexOf(h.match);
      out.push({ kind: h.kind, tool: h.tool, start: at >= 0 ? w.start + at : w.start, end: at >= 0 ? w.start + at + h.match.length : w.end });
    }
  }
  return out;
}

/**
 * Files whose signature a command checks: `gpg --verify pkg.apk.asc pkg.apk`, `gpgv sig file`,
 * `gpg --verify pkg.asc` (the signed file is `pkg`). Names are kept as written and by file name.
 */
export function verifiedFiles(cmd: ShellCommand): string[] {
  const argv = effectiveArgv(cmd);
  const name = argv.length > 0 ? baseName(argv[0].value) : '';
  if (name !== 'gpg' && name !== 'gpg2' && name !== 'gpgv') return [];
  const rest = argv.slice(1);
  if (name !== 'gpgv' && !rest.some((w) => w.value === '--verify')) return [];
  const operands = parseOptions(rest.filter((w) => w.value !== '--verify'), { longValue: ['keyring', 'homedir', 'status-fd', 'logger-fd', 'output', 'trust-model', 'default-key', 'recipient'] }).operands.map((w) => w.value);
  const signed = operands.length === 1 ? [operands[0].replace(/\.(asc|sig|sign|gpg)$/i, '')] : operands.slice(1);
  return signed.flatMap((f) => [f, baseName(f)]);
}

/** A signature bypass of a package install whose package files were all verified with gpg earlier in the RUN. */
export function verifiedInstall(cmd: ShellCommand, verified: ReadonlySet<string>): boolean {
  const files = effectiveArgv(cmd).slice(1).filter((w) => !w.value.startsWith('-') && /\.(apk|rpm|deb)$/i.test(w.value));
  return files.length > 0 && files.every((f) => verified.has(f.value) || verified.has(baseName(f.value)));
}
