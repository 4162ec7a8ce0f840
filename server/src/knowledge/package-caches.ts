import { memoize } from '../parse/memo';
import type { DfInstruction } from '../parse/dockerfile';
import { baseName, effectiveArgv, type ShellCommand } from '../parse/shell';
import { findOption } from './cli-options';
import { indexCommand } from './package-index';
import { packageInstall, pythonModuleArgs, type PackageInstall } from './packages';

/**
 * What package managers leave behind in a layer, and the ways a `RUN` avoids it: the index and
 * downloaded packages of APT (`/var/lib/apt/lists`), apk (`/var/cache/apk`), yum/dnf
 * (`/var/cache/dnf`, `clean all`), zypper (`/var/cache/zypp`, `zypper clean`) and pip's wheel
 * cache (`~/.cache/pip`, `--no-cache-dir`), including BuildKit cache mounts that keep them out
 * of the image.
 */

export type CacheKind = 'apt' | 'apk' | 'yum' | 'zypper' | 'pip';

/** Where each manager keeps the files a cache mount or an `rm` must cover. */
const CACHE_DIRS: Record<CacheKind, (path: string) => boolean> = {
  apt: (p) => /^\/var\/lib\/apt(\/lists(\/.*)?)?$/.test(p),
  apk: (p) => /^(\/var\/cache\/apk|\/etc\/apk\/cache)(\/|$)/.test(p),
  yum: (p) => /^\/var\/cache\/(yum|dnf|libdnf5)(\/|$)/.test(p),
  zypper: (p) => /^\/var\/cache\/zypp(\/|$)/.test(p),
  pip: (p) => p.includes('.cache/pip') || /(^|\/)\.cache$/.test(p),
};

/** The path without trailing `/`, `/*` or `/**`, and with `~` or `$HOME` as written. */
function normalise(path: string): string {
  return path.replace(/(?<!\/\*{0,2})(\/\*{0,2})+$/, '') || '/';
}

/** Expands one `{a,b}` group, as in `rm -rf /var/lib/{apt,dpkg}/`. */
function braces(path: string): string[] {
  const m = /^([^{]*)\{([^{}]*)\}(.*)$/.exec(path);
  return m ? m[2].split(',').map((x) => m[1] + x + m[3]) : [path];
}

/** Targets of `RUN --mount=type=cache|tmpfs,target=...`: directories kept out of the layer. */
export function cacheMountTargets(instr: DfInstruction): string[] {
  const out: string[] = [];
  for (const mount of instr.mounts) {
    const target = mount.option('target') ?? mount.option('dst') ?? mount.option('destination');
    if ((mount.type === 'cache' || mount.type === 'tmpfs') && target?.value) out.push(normalise(target.value));
  }
  return out;
}

/** True when one of the commands deletes files under the cache of `kind` (`rm`, `find ... -delete`). */
function removesCache(cmds: readonly ShellCommand[], kind: CacheKind): boolean {
  return cmds.some((cmd) => {
    const argv = effectiveArgv(cmd);
    const name = argv.length > 0 ? baseName(argv[0].value) : '';
    const deletes = name === 'rm' || (name === 'find' && argv.some((w) => w.value === '-delete' || w.value === '-exec'));
    return deletes && argv.slice(1).some((w) => braces(w.value).some((p) => CACHE_DIRS[kind](normalise(p))));
  });
}

/**
 * The cache a single command deletes, if any: `rm -rf /var/lib/apt/lists/*`, `apt-get dist-clean`,
 * `dnf clean all`, `zypper clean`, `pip cache purge`.
 */
function computeClearedCache(cmd: ShellCommand): CacheKind | null {
  const one = [cmd];
  const found = (Object.keys(CACHE_DIRS) as CacheKind[]).find((k) => removesCache(one, k));
  if (found) return found;
  if (runsSubcommand(one, /^apt(-get)?$/, /^dist-clean$/)) return 'apt';
  if (runsSubcommand(one, /^(yum|dnf|dnf5|microdnf|tdnf)$/, /^clean$/, /^(all|metadata)$/)) return 'yum';
  if (runsSubcommand(one, /^zypper$/, /^(clean|cc)$/)) return 'zypper';
  return runsSubcommand(one, /^pip[0-9.]*$/, /^cache$/, /^(purge|remove)$/) ? 'pip' : null;
}

/** Memoised per command: several rules ask the same question of the same command. */
export const clearedCache: (cmd: ShellCommand) => CacheKind | null = memoize(computeClearedCache);

/** `<tool> <subcommand> [args]` among the commands, with global options before the subcommand skipped. */
function runsSubcommand(cmds: readonly ShellCommand[], tool: RegExp, sub: RegExp, arg?: RegExp): boolean {
  return cmds.some((cmd) => {
    const argv = effectiveArgv(cmd);
    // `python3 -m pip cache purge` is pip too.
    const pip = tool.test('pip') ? pythonModuleArgs(argv, /^pip[0-9.]*$/) : null;
    const rest = pip ?? (argv.length > 0 && tool.test(baseName(argv[0].value)) ? argv.slice(1) : null);
    if (!rest) return false;
    const words = rest.filter((w) => !w.value.startsWith('-'));
    return words.length > 0 && sub.test(words[0].value) && (!arg || words.slice(1).some((w) => arg.test(w.value)));
  });
}

/** `apt-get update`, or an install that updates first (`apt-get install --update`). */
function updatesApt(cmd: ShellCommand): boolean {
  const ic = indexCommand(cmd);
  return ic !== null && ic.family === 'apt' && ic.kind !== 'use';
}

const KINDS: Partial<Record<PackageInstall['manager'], CacheKind>> = { apt: 'apt', apk: 'apk', yum: 'yum', zypper: 'zypper', pip: 'pip' };

export interface CacheLeft {
  kind: CacheKind;
  install: PackageInstall;
}

/**
 * The installs of one `RUN` that leave a package cache in its layer (for APT, only a `RUN` that also
 * updates the lists). `pipNoCache` says whether `PIP_NO_CACHE_DIR` is set for the step by `ENV`/`ARG`;
 * an inline `PIP_NO_CACHE_DIR=1 pip ...` is read here.
 */
export function cachesLeft(instr: DfInstruction, cmds: readonly ShellCommand[], pipNoCache: boolean): CacheLeft[] {
  const mounts = cacheMountTargets(instr);
  const cleared = new Set(cmds.map(clearedCache));
  const out: CacheLeft[] = [];
  for (const cmd of cmds) {
    const install = packageInstall(cmd);
    const kind = install ? KINDS[install.manager] : undefined;
    if (!install || !kind || cleared.has(kind) || mounts.some((m) => CACHE_DIRS[kind](m))) continue;
    // APT writes its lists in the RUN that runs `apt-get update`; an install that reads lists left
    // by an earlier RUN adds none to this layer (that earlier RUN is the one to fix).
    if (kind === 'apt' && !cmds.some(updatesApt)) continue;
    if (kind === 'apk' && findOption(install.options, '--no-cache', '--no-network')) continue;
    // Read the words, not the parsed options: `python3 -m pip --no-cache-dir install` puts it before the subcommand.
    if (kind === 'pip' && (pipNoCache || cmd.words.some((w) => w.value === '--no-cache-dir' || w.value.startsWith('PIP_NO_CACHE_DIR=')))) continue;
    // One cleanup serves every install of the RUN; only the options of apk and pip go on each install.
    if (kind === 'apk' || kind === 'pip' || !out.some((o) => o.kind === kind)) out.push({ kind, install });
  }
  return out;
}

