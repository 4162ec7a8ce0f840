import { matchesWildcard } from '../core/glob';
import { memoize } from '../parse/memo';
import { baseName, effectiveArgv, shortOptionsWith, type ShellCommand, type ShellWord } from '../parse/shell';
import { findOption, parseOptions } from './cli-options';
import { parseDownload, type Download } from './downloads';
import { modeBits } from './file-modes';
import { packageInstall } from './packages';

/**
 * Downloaded files and what happens to them next in the same script: run, made executable,
 * unpacked or installed; and the commands that check a file's integrity (a checksum compared
 * with a known value, a signature verified). Used to find downloads that are trusted blindly.
 */

export interface DownloadedFile {
  download: Download;
  /** The file written, as spelled in the command (`-o /tmp/x.tgz`, or the URL's last segment for `-O`/wget). */
  path: string | null;
  /** The body goes to standard output (a pipe); `path` is null. */
  stream: boolean;
}

export type FileUse = 'run' | 'executable' | 'extract' | 'install';

function urlName(url: string | undefined): string | null {
  if (!url) return null;
  const name = url.replace(/[?#][^]*$/, '').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split('/').pop() ?? '';
  return name === '' ? null : name;
}

/** The file a download command writes, or null when the command is not a download. */
function computeDownloadedFile(cmd: ShellCommand): DownloadedFile | null {
  const d = parseDownload(cmd);
  if (!d) return null;
  if (d.toStdout) {
    const out = cmd.redirects.find((r) => (r.op === '>' || r.op === '>>' || r.op === '>|') && r.target);
    return { download: d, path: out?.target?.value ?? null, stream: !out };
  }
  const explicit = d.tool === 'wget' ? findOption(d.options, '-O', '--output-document') : findOption(d.options, '-o', '--output');
  return { download: d, path: explicit?.value ?? urlName(d.urls[0]?.value), stream: false };
}

/** Memoised per command: several rules ask the same question of the same command. */
export const downloadedFile: (cmd: ShellCommand) => DownloadedFile | null = memoize(computeDownloadedFile);

/** True when the word names the downloaded file: the same path, the same file name, or a glob matching it. */
function names(word: string, path: string): boolean {
  if (word === path) return true;
  const want = baseName(path);
  const got = baseName(word);
  if (want === '' || got === '') return false;
  // Linear matching: the pattern comes from the Dockerfile, so it must not build a costly regular expression.
  if (got.includes('*')) return matchesWildcard(want, got);
  return got === want && (word.includes('/') || path.includes('/bin/') || !path.includes('/'));
}

const SHELLS = /^(sh|bash|dash|ash|zsh|ksh|mksh|source|\.)$/;
const INTERPRETERS = /^(python[0-9.]*|perl|ruby|node|nodejs|php[0-9.]*)$/;
const UNPACKERS = /^(unzip|gunzip|bunzip2|unxz|unzstd|unlzma|funzip|7z|7za|7zz|jar)$/;
const DECOMPRESS = /^(gzip|xz|zstd|bzip2|lzma)$/;

interface TarArgs {
  extract: boolean;
  file: string | null;
}

/** The mode and archive of a tar command: `tar -xzf a.tgz`, `tar xzf a.tgz`, `tar --extract --file=a.tgz`. */
function tarArgs(words: readonly ShellWord[]): TarArgs {
  let extract = false;
  let file: string | null = null;
  words.forEach((w, i) => {
    const v = w.value;
    const bundle = i === 0 && /^[A-Za-z]+$/.test(v) ? v : /^-[A-Za-z]+$/.test(v) ? v.slice(1) : null;
    if (v === '--extract' || v === '--get') extract = true;
    if (v.startsWith('--file=')) file = v.slice(7);
    if (v === '--file' && words[i + 1]) file = words[i + 1].value;
    if (!bundle) return;
    if (bundle.includes('x')) extract = true;
    const f = bundle.indexOf('f');
    if (f >= 0) file = f === bundle.length - 1 ? (words[i + 1]?.value ?? null) : bundle.slice(f + 1);
  });
  return { extract, file };
}

const operands = (words: readonly ShellWord[]) => words.filter((w) => !w.value.startsWith('-'));

/** How a command uses the file at `path`, if it does. */
export function fileUse(cmd: ShellCommand, path: string): FileUse | null {
  const argv = effectiveArgv(cmd);
  if (argv.length === 0) return null;
  const name = baseName(argv[0].value);
  const rest = argv.slice(1);
  const hit = (ws: readonly ShellWord[]) => ws.some((w) => names(w.value, path));
  if (names(argv[0].value, path)) return 'run';
  if (SHELLS.test(name) || INTERPRETERS.test(name)) {
    // Code given inline (`sh -c`, `python -c`, `perl -e`) is not the file; `sh -n` only checks the syntax.
    const inline = (v: string) => (SHELLS.test(name) ? shortOptionsWith(v, 'cn') : /^-[a-zA-Z]*[cem]$/.test(v));
    if (rest.some((w) => inline(w.value))) return null;
    const script = rest.find((w) => !w.value.startsWith('-'));
    return script && names(script.value, path) ? 'run' : null;
  }
  if (name === 'java') return rest.some((w, i) => w.value === '-jar' && rest[i + 1] && names(rest[i + 1].value, path)) ? 'run' : null;
  if (name === 'chmod') {
    const [mode, ...targets] = rest.filter((w) => !/^-[RcfvHLPh]+$/.test(w.value) && !w.value.startsWith('--'));
    return mode && modeBits(mode.value)?.execute && hit(targets) ? 'executable' : null;
  }
  if (name === 'tar' || name === 'bsdtar') {
    const t = tarArgs(rest);
    return t.extract && t.file !== null && names(t.file, path) ? 'extract' : null;
  }
  if (UNPACKERS.test(name) || (DECOMPRESS.test(name) && rest.some((w) => /^-[a-z]*d/.test(w.value) || w.value === '--decompress'))) {
    return hit(operands(rest)) ? 'extract' : null;
  }
  if (name === 'dpkg' && rest.some((w) => /^-[A-Za-z]*i/.test(w.value) || w.value === '--install')) return hit(operands(rest)) ? 'install' : null;
  if ((name === 'rpm' || name === 'rpm2cpio') && (name === 'rpm2cpio' || rest.some((w) => /^-[A-Za-z]*[iUF]/.test(w.value) || /^--(install|upgrade|freshen)$/.test(w.value)))) {
    return hit(operands(rest)) ? 'install' : null;
  }
  if (name === 'install') {
    const { operands: files } = parseOptions(rest, { shortValue: 'mogStZ', longValue: ['mode', 'owner', 'group', 'suffix', 'target-directory', 'strip-program', 'context'] });
    return hit(files.slice(0, -1)) ? 'install' : null;
  }
  const pi = packageInstall(cmd);
  if (pi && (pi.manager !== 'apk' || findOption(pi.options, '--allow-untrusted'))) return hit(pi.words) ? 'install' : null;
  return null;
}

/** True when a command unpacks what it reads on standard input (`tar -xz`, `gunzip`, `xz -d`). */
function computeUnpacksStdin(cmd: ShellCommand): boolean {
  const argv = effectiveArgv(cmd);
  const name = argv.length > 0 ? baseName(argv[0].value) : '';
  const rest = argv.slice(1);
  if (name === 'tar' || name === 'bsdtar') {
    const t = tarArgs(rest);
    return t.extract && (t.file === null || t.file === '-' || t.file === '/dev/stdin');
  }
  if (name === 'gunzip' || name === 'funzip' || name === 'unxz' || name === 'unzstd' || name === 'bunzip2') return operands(rest).length === 0;
  return DECOMPRESS.test(name) && rest.some((w) => /^-[a-z]*d/.test(w.value) || w.value === '--decompress') && operands(rest).length === 0;
}

/** Memoised per command: several rules ask the same question of the same command. */
export const unpacksStdin: (cmd: ShellCommand) => boolean = memoize(computeUnpacksStdin);

const HASH = /^(sha(1|224|256|384|512)sum|md5sum|b2sum|b3sum|shasum|cksum)$/;
const HASH_IN_WORD = /(\$\(|`)\s*(sha(1|224|256|384|512)sum|md5sum|b2sum|b3sum|shasum|openssl\s+(dgst|sha\d+))\b/;

/**
 * True when a command checks integrity: a checksum tool run with `-c`/`--check` or whose output is
 * compared (piped, or captured with `$(...)`), `gpg --verify`, `gpgv`, `cosign verify*`, `minisign -V`,
 * `signify -V`, `openssl dgst -verify`, `rpm -K`, `ssh-keygen -Y verify`, `slsa-verifier`, `gh attestation verify`.
 * How strong the hash is, and whether the expected value can be trusted, is not judged.
 */
function computeVerifies(cmd: ShellCommand): boolean {
  const argv = effectiveArgv(cmd);
  if (argv.some((w) => HASH_IN_WORD.test(w.value))) return true;
  if (argv.length === 0) return false;
  const name = baseName(argv[0].value);
  const rest = argv.slice(1).map((w) => w.value);
  const short = (letter: string) => rest.some((v) => new RegExp(`^-[A-Za-z0-9]*${letter}`).test(v));
  if (HASH.test(name)) return cmd.after === '|' || rest.includes('--check') || rest.some((v) => shortOptionsWith(v, 'c', /^-[a-zA-Z]*$/));
  if (/^gpg2?$/.test(name)) return rest.some((v) => v === '--verify' || v === '--verify-files');
  if (/^gpgv2?$/.test(name) || name === 'slsa-verifier') return true;
  if (name === 'cosign') return rest.some((v) => v.startsWith('verify'));
  if (name === 'minisign' || /^signify(-openbsd)?$/.test(name)) return short('V');
  if (name === 'openssl') return rest.some((v) => v === '-verify' || v === '-prverify' || v === '-signature') || (/^(dgst|sha\d+)$/.test(rest[0] ?? '') && cmd.after === '|');
  if (name === 'rpm' || name === 'rpmkeys') return rest.includes('--checksig') || short('K');
  if (name === 'ssh-keygen') return rest.includes('-Y') && rest.includes('verify');
  return name === 'gh' && rest[0] === 'attestation' && rest[1] === 'verify';
}

/** Memoised per command: several rules ask the same question of the same command. */
export const verifies: (cmd: ShellCommand) => boolean = memoize(computeVerifies);
