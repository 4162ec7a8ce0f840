import { entryOf } from '../core/entry';
import { memoize } from '../parse/memo';
import { baseName, effectiveArgv, type ShellCommand, type ShellWord } from '../parse/shell';
import { packageInstall, packageName, type PackageManager } from './packages';

/**
 * Build toolchains: the packages that install compilers and SDKs, the commands that remove
 * them again, and the commands that compile. Header packages (`*-dev`) are not counted: many
 * images need one of them at run time for a native extension, and they are no compiler.
 */

const TOOLCHAIN_PACKAGES: readonly RegExp[] = [
  /^(gcc|g\+\+|cpp|gfortran)(-\d{1,2})?$/,
  /^gcc-c\+\+$/,
  /^(make|cmake|build-essential|build-base|alpine-sdk|clang(-\d{1,2})?)$/,
  /^(golang|golang-go|golang-\d\.\d{1,2}(-go)?|go)$/,
  /^(default-jdk|default-jdk-headless|openjdk-\d{1,2}-jdk(-headless)?|openjdk\d{1,2}(-jdk)?|java-[\d.]{1,10}-openjdk-devel|maven|gradle)$/,
  /^(cargo|rustc|rust)$/,
  /^dotnet-sdk-[\d.]{1,10}$/,
];

const SYSTEM_MANAGERS: ReadonlySet<PackageManager> = new Set(['apt', 'apk', 'yum', 'zypper']);

export function isToolchainPackage(name: string): boolean {
  return TOOLCHAIN_PACKAGES.some((re) => re.test(name.toLowerCase()));
}

export interface ToolchainInstall {
  manager: PackageManager;
  /** The toolchain package words of one install command. */
  words: ShellWord[];
  /** `apk add --virtual NAME`: the group the packages belong to. */
  group: string | null;
}

/** The toolchain packages a system package manager command installs. */
function computeToolchainInstall(cmd: ShellCommand): ToolchainInstall | null {
  const install = packageInstall(cmd);
  if (!install || !SYSTEM_MANAGERS.has(install.manager)) return null;
  const words = install.words.filter((w) => !w.value.includes('$') && isToolchainPackage(packageName(w.value, install.manager)));
  if (words.length === 0) return null;
  const virtual = install.options.find((o) => o.name === '--virtual' || o.name === '-t');
  return { manager: install.manager, words, group: install.manager === 'apk' ? (virtual?.value ?? null) : null };
}

/** Memoised per command: several rules ask the same question of the same command. */
export const toolchainInstall: (cmd: ShellCommand) => ToolchainInstall | null = memoize(computeToolchainInstall);

const REMOVE: Readonly<Record<string, readonly string[]>> = {
  'apt-get': ['remove', 'purge', 'autoremove'],
  apt: ['remove', 'purge', 'autoremove'],
  aptitude: ['remove', 'purge'],
  apk: ['del'],
  yum: ['remove', 'erase', 'autoremove'],
  dnf: ['remove', 'erase', 'autoremove'],
  microdnf: ['remove'],
  zypper: ['remove', 'rm'],
};

/** Package names (and apk virtual groups) a command removes. */
function computeRemovedPackages(cmd: ShellCommand): string[] {
  const argv = effectiveArgv(cmd);
  if (argv.length < 2) return [];
  const subs = entryOf(REMOVE, baseName(argv[0].value));
  const at = argv.findIndex((w, i) => i > 0 && subs?.includes(w.value));
  if (!subs || at < 0) return [];
  return argv.slice(at + 1).filter((w) => !w.value.startsWith('-')).map((w) => packageName(w.value).toLowerCase());
}

/** Memoised per command: several rules ask the same question of the same command. */
export const removedPackages: (cmd: ShellCommand) => string[] = memoize(computeRemovedPackages);

/**
 * The Debian official-image idiom that removes every package installed since `savedAptMark`:
 * `apt-mark auto '.*'` followed by `apt-get purge --auto-remove` (or `autoremove`).
 */
export function autoRemovesInstalls(cmds: readonly ShellCommand[]): boolean {
  let marks = false;
  let purges = false;
  for (const c of cmds) {
    const argv = effectiveArgv(c);
    if (argv.length === 0) continue;
    const name = baseName(argv[0].value);
    if (name === 'apt-mark') marks ||= argv.some((w) => w.value === 'auto');
    else if (name === 'apt-get' || name === 'apt') purges ||= argv.some((w) => w.value === 'autoremove') || (argv.some((w) => w.value === 'purge' || w.value === 'remove') && argv.some((w) => w.value === '--auto-remove'));
  }
  return marks && purges;
}

/** A compile step: `go build`, `mvn package`, `gradle build`, `cargo build`, `make`, `gcc`, `npm run build`, `dotnet publish`. */
function computeCompileCommand(cmd: ShellCommand): { start: number; end: number; text: string } | null {
  const argv = effectiveArgv(cmd);
  if (argv.length === 0) return null;
  const tool = baseName(argv[0].value);
  const rest = argv.slice(1).filter((w) => !w.value.startsWith('-'));
  const span = (last: ShellWord) => ({ start: argv[0].start, end: last.end, text: argv.slice(0, argv.indexOf(last) + 1).map((w) => w.value).join(' ') });
  const first = rest[0];
  const info = argv.slice(1).some((w) => /^(-v|--version|-h|--help|-dumpversion|-dumpmachine)$/.test(w.value));
  // A compiler needs something to compile; `make` alone builds the default target.
  if ((/^(make|gmake)$/.test(tool) && !info) || (/^(gcc|g\+\+|cc|c\+\+|clang|clang\+\+|javac|rustc)$/.test(tool) && !info && first)) {
    return { start: argv[0].start, end: argv[0].end, text: argv[0].value };
  }
  if (!first) return null;
  if (tool === 'go' && first.value === 'build') return span(first);
  if (tool === 'cargo' && first.value === 'build') return span(first);
  if (tool === 'dotnet' && (first.value === 'publish' || first.value === 'build')) return span(first);
  if (tool === 'cmake' && argv.some((w) => w.value === '--build')) return { start: argv[0].start, end: argv[0].end, text: 'cmake --build' };
  if (/^(mvn|mvnw)$/.test(tool)) {
    const goal = rest.find((w) => /^(package|install|verify|compile)$/.test(w.value));
    return goal ? span(goal) : null;
  }
  if (/^(gradle|gradlew)$/.test(tool)) {
    const task = rest.find((w) => /^(build|assemble|jar|bootJar|shadowJar|installDist)$/.test(w.value.replace(/^:/, '')));
    return task ? span(task) : null;
  }
  if (/^(npm|yarn|pnpm|bun)$/.test(tool)) {
    const script = first.value === 'run' || first.value === 'run-script' ? rest[1] : tool === 'npm' ? undefined : first;
    return script && /^build(:[\w-]{1,40})?$/.test(script.value) ? span(script) : null;
  }
  return null;
}

/** Memoised per command: several rules ask the same question of the same command. */
export const compileCommand: (cmd: ShellCommand) => { start: number; end: number; text: string } | null = memoize(computeCompileCommand);
