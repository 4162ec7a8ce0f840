import { kept } from '../core/kept';
import { memoize } from '../parse/memo';
import { baseName, effectiveArgv, type ShellCommand, type ShellWord } from '../parse/shell';
import { parseOptions, type OptionSyntax, type ParsedOption } from './cli-options';

/**
 * Package installs in shell commands: `apt-get install`, `apk add`, `dnf install`,
 * `pip install`, `npm install`... The package operands are returned without the options and
 * their values (`-t bookworm-backports`, `--virtual .deps`, `-r requirements.txt`), so rules
 * about what gets installed (SSH servers, pinning, toolchains) read only package names.
 */

export type PackageManager = 'apt' | 'apk' | 'yum' | 'zypper' | 'pip' | 'npm' | 'yarn' | 'pnpm' | 'gem' | 'go' | 'cargo';

export interface PackageInstall {
  manager: PackageManager;
  /** The command as called, without its path: `apt-get`, `microdnf`, `pip3`, `python3`. */
  tool: string;
  /** The command's words with wrappers such as `sudo` removed. */
  argv: ShellWord[];
  /** The `install` / `add` / `in` word. */
  subcommand: ShellWord;
  /** Options before and after the subcommand, with their values. */
  options: ParsedOption[];
  /** Package operands, as written (versions included). */
  words: ShellWord[];
}

interface ManagerSpec {
  manager: PackageManager;
  tool: RegExp;
  subcommands: readonly string[];
  syntax: OptionSyntax;
}

const APT: OptionSyntax = {
  shortValue: 'acotFwSO',
  longValue: ['config-file', 'option', 'target-release', 'default-release', 'host-architecture', 'architecture'],
};
const APK: OptionSyntax = {
  shortValue: 'Xpt',
  longValue: ['repository', 'root', 'virtual', 'arch', 'cache-dir', 'keys-dir', 'repositories-file', 'progress-fd', 'wait', 'timeout', 'cache-max-age', 'from'],
};
const YUM: OptionSyntax = {
  shortValue: 'cdexR',
  longValue: [
    'config', 'debuglevel', 'errorlevel', 'exclude', 'excludepkgs', 'enablerepo', 'disablerepo', 'repo', 'repoid', 'setopt',
    'installroot', 'releasever', 'downloaddir', 'destdir', 'forcearch', 'rpmverbosity', 'color', 'disableplugin',
    'enableplugin', 'repofrompath', 'advisory', 'advisories', 'bz', 'bzs', 'cve', 'cves', 'sec-severity', 'secseverity',
  ],
};
const ZYPPER: OptionSyntax = {
  shortValue: 'RDCcrtp',
  longValue: ['root', 'config', 'reposd-dir', 'cache-dir', 'raw-cache-dir', 'solv-cache-dir', 'pkg-cache-dir', 'userdata', 'type', 'repo', 'from', 'plus-repo', 'plus-content', 'download'],
};
const PIP: OptionSyntax = {
  shortValue: 'rceiftbC',
  longValue: [
    'requirement', 'constraint', 'editable', 'index-url', 'extra-index-url', 'find-links', 'target', 'prefix', 'root', 'src',
    'trusted-host', 'platform', 'python-version', 'implementation', 'abi', 'global-option', 'install-option', 'config-settings',
    'upgrade-strategy', 'progress-bar', 'cache-dir', 'log', 'log-file', 'proxy', 'retries', 'timeout', 'cert', 'client-cert',
    'exists-action', 'no-binary', 'only-binary', 'python', 'report', 'root-user-action', 'use-feature', 'use-deprecated',
    'build', 'keyring-provider', 'group',
  ],
};
const NPM: OptionSyntax = {
  shortValue: 'wC',
  longValue: ['registry', 'prefix', 'cache', 'tag', 'omit', 'include', 'workspace', 'userconfig', 'globalconfig', 'loglevel', 'install-strategy', 'before', 'location', 'otp', 'scope'],
};
const YARN: OptionSyntax = {
  longValue: ['cwd', 'registry', 'modules-folder', 'cache-folder', 'global-folder', 'network-timeout', 'mutex', 'link-folder', 'prefix', 'preferred-cache-folder', 'use-yarnrc'],
};
const PNPM: OptionSyntax = {
  shortValue: 'CF',
  longValue: ['filter', 'dir', 'registry', 'store-dir', 'virtual-store-dir', 'global-dir', 'config-dir', 'reporter', 'loglevel'],
};
const GEM: OptionSyntax = {
  shortValue: 'vinsPg',
  longValue: ['version', 'install-dir', 'bindir', 'source', 'trust-policy', 'platform', 'file', 'build-root'],
};
const GO: OptionSyntax = {
  singleDashLong: true,
  shortValue: 'Cp',
  longValue: ['C', 'p', 'ldflags', 'gcflags', 'asmflags', 'gccgoflags', 'tags', 'mod', 'modfile', 'overlay', 'pgo', 'pkgdir', 'toolexec', 'installsuffix', 'compiler', 'buildmode', 'covermode', 'coverpkg'],
};
const CARGO: OptionSyntax = {
  shortValue: 'FjZ',
  longValue: ['version', 'vers', 'git', 'branch', 'tag', 'rev', 'path', 'root', 'registry', 'index', 'features', 'target', 'target-dir', 'bin', 'example', 'profile', 'config', 'jobs', 'color', 'message-format'],
};

const NPM_INSTALL = ['install', 'i', 'add', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall'];

/** Command names of pip (`pip`, `pip3`, `pip3.12`) and of Python, which runs it as `python3 -m pip`. */
export const PIP_NAME = /^pip[0-9.]*$/;
export const PYTHON_NAME = /^python[0-9.]*$/;

const SPECS: readonly ManagerSpec[] = [
  { manager: 'apt', tool: /^(apt-get|apt|aptitude)$/, subcommands: ['install'], syntax: APT },
  { manager: 'apk', tool: /^apk$/, subcommands: ['add'], syntax: APK },
  { manager: 'yum', tool: /^(yum|dnf|dnf5|microdnf|tdnf)$/, subcommands: ['install', 'in', 'reinstall', 'localinstall'], syntax: YUM },
  { manager: 'zypper', tool: /^zypper$/, subcommands: ['install', 'in'], syntax: ZYPPER },
  { manager: 'pip', tool: PIP_NAME, subcommands: ['install'], syntax: PIP },
  { manager: 'npm', tool: /^npm$/, subcommands: NPM_INSTALL, syntax: NPM },
  { manager: 'yarn', tool: /^yarn$/, subcommands: ['add'], syntax: YARN },
  { manager: 'pnpm', tool: /^pnpm$/, subcommands: ['add'], syntax: PNPM },
  { manager: 'gem', tool: /^gem$/, subcommands: ['install', 'i'], syntax: GEM },
  { manager: 'go', tool: /^go$/, subcommands: ['install'], syntax: GO },
  { manager: 'cargo', tool: /^cargo$/, subcommands: ['install'], syntax: CARGO },
];

/**
 * The spec of a command name (no path), looked up once per name: every command of every RUN asks,
 * and trying each manager's pattern in turn cost more than the rest of the question.
 */
const specByName = new Map<string, ManagerSpec | null>();
function specOf(name: string): ManagerSpec | null {
  return kept(specByName, name, 1000, () => SPECS.find((s) => s.tool.test(name)) ?? null);
}

/** The package manager a command name (`apt-get`, `dnf`, `pip3`) belongs to, with its option syntax. */
export function managerOf(tool: string): { manager: PackageManager; syntax: OptionSyntax } | null {
  const spec = specOf(baseName(tool));
  return spec ? { manager: spec.manager, syntax: spec.syntax } : null;
}

/** For `python3 -m pip ...`, the words after `pip`; null when the command is not pip run through Python. */
export function pythonModuleArgs(argv: readonly ShellWord[], module: RegExp): ShellWord[] | null {
  if (argv.length === 0 || !PYTHON_NAME.test(baseName(argv[0].value))) return null;
  const rest = argv.slice(1);
  const pre = parseOptions(rest, { shortValue: 'XWm' }, true);
  const m = pre.options.find((o) => o.name === '-m');
  if (!m || m.value === null || !module.test(m.value)) return null;
  return rest.slice(pre.next);
}

/** The package install a shell command performs, or null when it installs nothing. */
function computePackageInstall(cmd: ShellCommand): PackageInstall | null {
  const argv = effectiveArgv(cmd);
  if (argv.length === 0) return null;
  const tool = baseName(argv[0].value);
  let rest = argv.slice(1);
  let spec = specOf(tool);
  const viaPython = spec ? null : pythonModuleArgs(argv, PIP_NAME);
  if (viaPython) {
    // python3 [-u -X opt ...] -m pip install ...
    spec = SPECS.find((s) => s.manager === 'pip') ?? null;
    rest = viaPython;
  }
  if (!spec) return null;
  const global = parseOptions(rest, spec.syntax, true);
  let sub = rest[global.next];
  let after = rest.slice(global.next + 1);
  const options = [...global.options];
  if (sub && spec.manager === 'yarn' && sub.value === 'global') {
    const g = parseOptions(after, spec.syntax, true);
    options.push(...g.options);
    sub = after[g.next];
    after = after.slice(g.next + 1);
  }
  if (!sub || !spec.subcommands.includes(sub.value)) return null;
  // `gem install x -- --with-cflags=...`: what follows `--` goes to the gem's build, not to gem.
  if (spec.manager === 'gem') {
    const dashes = after.findIndex((w) => w.value === '--');
    if (dashes >= 0) after = after.slice(0, dashes);
  }
  const parsed = parseOptions(after, spec.syntax);
  return { manager: spec.manager, tool, argv, subcommand: sub, options: [...options, ...parsed.options], words: parsed.operands };
}

/** Memoised per command: several rules ask the same question of the same command. */
export const packageInstall: (cmd: ShellCommand) => PackageInstall | null = memoize(computePackageInstall);

export interface PackageSpec {
  name: string;
  /** The version constraint as written after the name (`=1.2`, `==1.2`, `>=1`, `@1.2`), or null. */
  version: string | null;
}

/**
 * Splits a package operand into its name and version constraint: `curl=8.5.0-r0`,
 * `flask==3.0.0`, `requests>=2`, `lodash@4.17.21`, `@types/node@20`, `golang.org/x/tools/gopls@v0.16.0`.
 * `pkg-1.2` (the rpm spelling) is left whole: a name may end in digits. With the manager,
 * also apt's `pkg/release` and `pkg:arch`, pip's `pkg[extra]` and gem's `pkg:1.2`.
 */
export function splitPackage(word: string, manager?: PackageManager): PackageSpec {
  if (manager === 'pip') {
    const extras = /^([^[]*)\[[^\]]*\](.*)$/.exec(word);
    if (extras) return splitPackage(extras[1] + extras[2], manager);
  }
  let cut = -1;
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    const at = c === '@' && i > 0;
    const op = c === '=' || c === '<' || c === '>' || c === '!' || c === '~' || c === ';' || c === ' ';
    const apt = manager === 'apt' && (c === '/' || c === ':');
    const gem = manager === 'gem' && c === ':';
    if (at || op || apt || gem) {
      cut = i;
      break;
    }
  }
  if (cut < 0) return { name: word, version: null };
  return { name: word.slice(0, cut).trim(), version: word.slice(cut) };
}

/** The package name without its version pin (see `splitPackage`). */
export function packageName(word: string, manager?: PackageManager): string {
  return splitPackage(word, manager).name;
}
