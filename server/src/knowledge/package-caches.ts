import { kept } from '../core/kept';
import { memoize } from '../parse/memo';
import type { DfInstruction } from '../parse/dockerfile';
import { baseName, effectiveArgv, type ShellCommand, type ShellWord } from '../parse/shell';
import { findOption } from './cli-options';
import { indexCommand } from './package-index';
import { packageInstall, PIP_NAME, PYTHON_NAME, pythonModuleArgs, type PackageInstall } from './packages';

/**
 * What package managers leave behind in a layer, and the ways a `RUN` avoids it: the index and
 * downloaded packages of APT (`/var/lib/apt/lists`, and `/var/cache/apt/archives` once the image
 * removed Docker's `docker-clean` hook), apk (`/var/cache/apk`), yum/dnf (`/var/cache/dnf`,
 * `clean all`), zypper (`/var/cache/zypp`, `zypper clean`), pip's wheel cache (`~/.cache/pip`,
 * `--no-cache-dir`), Yarn's cache (`yarn cache clean`) and pnpm's store, including BuildKit cache
 * mounts that keep them out of the image. Order matters: a cleanup only removes what was
 * downloaded before it.
 */

export type CacheKind = 'apt' | 'aptArchives' | 'apk' | 'yum' | 'zypper' | 'pip' | 'yarn' | 'pnpm';

/** Where each manager keeps the files a cache mount or an `rm` must cover. */
const CACHE_DIRS: Record<CacheKind, (path: string) => boolean> = {
  apt: (p) => /^\/var\/lib\/apt(\/lists(\/.*)?)?$/.test(p),
  aptArchives: (p) => /^\/var\/cache\/apt(\/archives(\/.*)?)?$/.test(p),
  apk: (p) => /^(\/var\/cache\/apk|\/etc\/apk\/cache)(\/|$)/.test(p),
  yum: (p) => /^\/var\/cache\/(yum|dnf|libdnf5)(\/|$)/.test(p),
  zypper: (p) => /^\/var\/cache\/zypp(\/|$)/.test(p),
  pip: (p) => p.includes('.cache/pip') || /(^|\/)\.cache$/.test(p),
  // Yarn 1 keeps `/usr/local/share/.cache/yarn` (root) or `~/.cache/yarn`; Yarn 2+ `~/.yarn/berry/cache`.
  yarn: (p) => /(^|\/)\.cache\/yarn(\/|$)|(^|\/)\.yarn(\/berry)?(\/cache)?$|(^|\/)\.cache$|(^|\/)yarn[-_]?cache(\/|$)/.test(p),
  // `~/.local/share/pnpm/store`, `/pnpm/store` (the cache mount pnpm's documentation shows), `$PNPM_HOME/store`.
  pnpm: (p) => /(^|\/)pnpm(\/store)?(\/v\d+)?$|(^|\/)\.pnpm-store(\/|$)|(^|\/)store\/v\d+$/.test(p),
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

const KINDS_IN_ORDER = Object.keys(CACHE_DIRS) as CacheKind[];

/** The cache a command deletes files under (`rm`, `find ... -delete`), if any. */
function removedCache(argv: readonly ShellWord[], name: string): CacheKind | undefined {
  const deletes = name === 'rm' || (name === 'find' && argv.some((w) => w.value === '-delete' || w.value === '-exec'));
  if (!deletes) return undefined;
  const paths = argv.slice(1).flatMap((w) => braces(w.value).map(normalise));
  return KINDS_IN_ORDER.find((k) => paths.some((p) => CACHE_DIRS[k](p)));
}

/** `<tool> <subcommand> [arg]` commands that empty a cache, in the order they are tried. */
const CLEAN_SUBCOMMANDS: readonly { kind: CacheKind; tool: RegExp; sub: RegExp; arg?: RegExp }[] = [
  { kind: 'apt', tool: /^apt(-get)?$/, sub: /^dist-clean$/ },
  { kind: 'aptArchives', tool: /^apt(-get)?$/, sub: /^(clean|autoclean)$/ },
  { kind: 'yum', tool: /^(yum|dnf|dnf5|microdnf|tdnf)$/, sub: /^clean$/, arg: /^(all|metadata)$/ },
  { kind: 'zypper', tool: /^zypper$/, sub: /^(clean|cc)$/ },
  { kind: 'yarn', tool: /^yarn$/, sub: /^cache$/, arg: /^clean$/ },
  { kind: 'pnpm', tool: /^pnpm$/, sub: /^store$/, arg: /^prune$/ },
  { kind: 'pip', tool: PIP_NAME, sub: /^cache$/, arg: /^(purge|remove)$/ },
];

/**
 * The cache a single command deletes, if any: `rm -rf /var/lib/apt/lists/*`, `apt-get dist-clean`,
 * `apt-get clean`, `dnf clean all`, `zypper clean`, `pip cache purge`, `yarn cache clean`,
 * `pnpm store prune`. The command's words are read once, not once per cache (this runs for every
 * command of every RUN).
 */
function computeClearedCache(cmd: ShellCommand): CacheKind | null {
  const argv = effectiveArgv(cmd);
  const name = argv.length > 0 ? baseName(argv[0].value) : '';
  const removed = removedCache(argv, name);
  if (removed) return removed;
  if (!cleaningTool(name)) return null;
  for (const c of CLEAN_SUBCOMMANDS) {
    // `<tool> [options] <sub> ... <arg>`; `python3 -m pip cache purge` is pip too.
    const rest = (c.tool === PIP_NAME ? pythonModuleArgs(argv, PIP_NAME) : null) ?? (c.tool.test(name) ? argv.slice(1) : null);
    if (!rest) continue;
    const words = rest.filter((w) => !w.value.startsWith('-'));
    if (words.length > 0 && c.sub.test(words[0].value) && (!c.arg || words.slice(1).some((w) => c.arg!.test(w.value)))) return c.kind;
  }
  return null;
}

/** Whether a command name can start one of CLEAN_SUBCOMMANDS (pip also as `python -m pip`): most commands cannot, and are answered without trying each pattern. */
const cleaningTools = new Map<string, boolean>();
function cleaningTool(name: string): boolean {
  return kept(cleaningTools, name, 1000, () => CLEAN_SUBCOMMANDS.some((c) => c.tool.test(name)) || PYTHON_NAME.test(name));
}

/** Memoised per command: several rules ask the same question of the same command. */
export const clearedCache: (cmd: ShellCommand) => CacheKind | null = memoize(computeClearedCache);

/** `yarn`, `yarn install`, `yarn add`, `yarn global add`; `pnpm install`/`i`/`add`: the subcommand word (or the bare tool). */
function jsInstall(cmd: ShellCommand): { kind: 'yarn' | 'pnpm'; tool: string; sub: ShellWord } | null {
  const argv = effectiveArgv(cmd);
  const tool = argv.length > 0 ? baseName(argv[0].value) : '';
  if (tool !== 'yarn' && tool !== 'pnpm') return null;
  const words = argv.slice(1).filter((w) => !w.value.startsWith('-'));
  const first = words[0];
  if (tool === 'yarn') {
    // A bare `yarn` (options only) installs, unless it only asks for its version or help.
    if (!first) return argv.slice(1).some((w) => /^(-v|--version|-h|--help)$/.test(w.value)) ? null : { kind: 'yarn', tool, sub: argv[0] };
    if (first.value === 'install' || first.value === 'add') return { kind: 'yarn', tool, sub: first };
    return first.value === 'global' && words[1]?.value === 'add' ? { kind: 'yarn', tool, sub: words[1] } : null;
  }
  return first && ['install', 'i', 'add'].includes(first.value) ? { kind: 'pnpm', tool, sub: first } : null;
}

/** `apt-get update`, or an install that updates first (`apt-get install --update`). */
function updatesApt(cmd: ShellCommand): boolean {
  const ic = indexCommand(cmd);
  return ic !== null && ic.family === 'apt' && ic.kind !== 'use';
}

/** A package manager command's subcommand word (`update`, `upgrade`), for reporting. */
function subcommandWord(cmd: ShellCommand): ShellWord | null {
  return effectiveArgv(cmd).slice(1).find((w) => !w.value.startsWith('-')) ?? null;
}

/**
 * Whether a command stops Docker's Debian and Ubuntu images from deleting downloaded `.deb` files
 * (`rm -f /etc/apt/apt.conf.d/docker-clean`), so APT keeps them in `/var/cache/apt/archives`.
 */
export function keepsAptArchives(cmd: ShellCommand): boolean {
  const argv = effectiveArgv(cmd);
  if (argv.length < 2 || baseName(argv[0].value) !== 'rm') return false;
  for (let i = 1; i < argv.length; i++) if (/\/etc\/apt\/apt\.conf\.d\/docker-clean$/.test(argv[i].value)) return true;
  return false;
}

const KINDS: Partial<Record<PackageInstall['manager'], CacheKind>> = { apt: 'apt', apk: 'apk', yum: 'yum', zypper: 'zypper', pip: 'pip' };

export interface CacheLeft {
  kind: CacheKind;
  tool: string;
  /** The word to report: the install subcommand (or `upgrade`, `update`, a bare `yarn`). */
  sub: ShellWord;
  /** The install, when the cache comes from one (apk and pip get their option inserted after its subcommand). */
  install: PackageInstall | null;
}

export interface CacheState {
  /** `PIP_NO_CACHE_DIR` is set for the step by `ENV`/`ARG`. */
  pipNoCache: boolean;
  /** An earlier step removed `docker-clean`, so APT keeps downloaded packages. */
  aptKeepsArchives: boolean;
}

/** What one command downloads into a cache (APT lists aside), given the state of the RUN so far. */
function producer(cmd: ShellCommand, pipOff: boolean, state: CacheState): CacheLeft[] {
  const js = jsInstall(cmd);
  if (js) return [{ kind: js.kind, tool: js.tool, sub: js.sub, install: null }];
  const tool = baseName(effectiveArgv(cmd)[0]?.value ?? '');
  const install = packageInstall(cmd);
  if (install) {
    const kind = KINDS[install.manager];
    if (kind === 'apk' && findOption(install.options, '--no-cache', '--no-network')) return [];
    // Read the words, not the parsed options: `python3 -m pip --no-cache-dir install` puts it before the subcommand.
    if (kind === 'pip' && (pipOff || cmd.words.some((w) => w.value === '--no-cache-dir' || w.value.startsWith('PIP_NO_CACHE_DIR=')))) return [];
    const shown = /^python/.test(install.tool) ? `${install.tool} -m pip` : install.tool;
    if (kind === 'apt') return state.aptKeepsArchives ? [{ kind: 'aptArchives', tool: shown, sub: install.subcommand, install }] : [];
    return kind ? [{ kind, tool: shown, sub: install.subcommand, install }] : [];
  }
  // Upgrades and refreshes download too: `dnf upgrade`, `zypper up`, `apk update`, `dnf makecache`.
  const ic = indexCommand(cmd);
  const word = ic ? subcommandWord(cmd) : null;
  if (!ic || !word) return [];
  if (ic.family === 'yum' || ic.family === 'zypper') return [{ kind: ic.family, tool, sub: word, install: null }];
  if (ic.family === 'apk' && ic.kind !== 'fresh-use') return [{ kind: 'apk', tool, sub: word, install: null }];
  if (ic.family === 'apt' && ic.kind !== 'refresh' && state.aptKeepsArchives) return [{ kind: 'aptArchives', tool, sub: word, install: null }];
  return [];
}

/**
 * The caches one `RUN` leaves in its layer. A producer (an install, an upgrade, an index refresh)
 * counts unless a cleanup of the same cache follows it in the RUN or a cache mount covers the
 * cache. APT's lists are written by `apt-get update` and reported at the first install or upgrade
 * after it: an install that reads lists left by an earlier RUN adds none (that earlier RUN is
 * reported by `update-without-install`). `export PIP_NO_CACHE_DIR=1` and an inline
 * `PIP_NO_CACHE_DIR=1 pip ...` turn pip's cache off; removing `docker-clean` makes APT keep archives.
 */
export function cachesLeft(instr: DfInstruction, commands: readonly ShellCommand[], state: CacheState): CacheLeft[] {
  const mounts = cacheMountTargets(instr);
  // Usually in order already (nested `sh -c` scripts can make them not).
  const cmds = commands.every((c, i) => i === 0 || commands[i - 1].start <= c.start) ? commands : [...commands].sort((a, b) => a.start - b.start);
  const pending = new Map<CacheKind, CacheLeft[]>();
  let pipOff = state.pipNoCache;
  let now = state;
  let aptUpdated = false;
  for (const cmd of cmds) {
    if (cmd.argv[0]?.value === 'export' && cmd.argv.slice(1).some((w) => w.value.startsWith('PIP_NO_CACHE_DIR='))) pipOff = true;
    if (keepsAptArchives(cmd)) now = { ...now, aptKeepsArchives: true };
    const cleared = clearedCache(cmd);
    if (cleared) {
      pending.delete(cleared);
      if (cleared === 'apt') aptUpdated = false;
    }
    for (const p of producer(cmd, pipOff, now)) pending.set(p.kind, [...(pending.get(p.kind) ?? []), p]);
    if (updatesApt(cmd)) aptUpdated = true;
    const ic = indexCommand(cmd);
    if (aptUpdated && ic?.family === 'apt' && ic.kind !== 'refresh' && !pending.has('apt')) {
      const install = packageInstall(cmd);
      const word = install?.subcommand ?? subcommandWord(cmd);
      if (word) pending.set('apt', [{ kind: 'apt', tool: baseName(effectiveArgv(cmd)[0].value), sub: word, install }]);
    }
  }
  const out: CacheLeft[] = [];
  for (const [kind, list] of pending) {
    if (mounts.some((m) => CACHE_DIRS[kind](m))) continue;
    // One cleanup serves every install of the RUN; only the options of apk and pip go on each install
    // (an `apk update` is reported only when no `apk add` of the RUN is).
    const installs = list.filter((l) => l.install);
    out.push(...(kind === 'apk' || kind === 'pip' ? (installs.length > 0 ? installs : list.slice(0, 1)) : list.slice(0, 1)));
  }
  return out.sort((a, b) => a.sub.start - b.sub.start);
}
