import { memoize } from '../parse/memo';
import { effectiveArgv, type ShellCommand } from '../parse/shell';
import { parseOptions } from './cli-options';
import { managerOf } from './packages';

/**
 * Package-index commands of the system package managers: the ones that download the list of
 * available packages (`apt-get update`, `apk update`, `dnf makecache`, `zypper refresh`) and the
 * ones that install from it (`apt-get install`, `apk add`, `dnf upgrade`, `zypper in`). A command
 * that refreshes the index on its own first (`apk add --no-cache`, `apk add -U`, `dnf --refresh
 * install`) does not rely on an index left by an earlier step.
 */

export type IndexFamily = 'apt' | 'apk' | 'yum' | 'zypper';

export interface IndexCommand {
  family: IndexFamily;
  /** `refresh` downloads the index; `use` installs from the index on disk; `fresh-use` refreshes then installs. */
  kind: 'refresh' | 'use' | 'fresh-use';
  /** The command as written, from the tool to the subcommand word (`apt-get -q update`). */
  start: number;
  end: number;
}

interface FamilySpec {
  refresh: readonly string[];
  use: readonly string[];
  /** Options that make a use refresh the index first. */
  fresh: readonly string[];
}

const SPECS: Record<IndexFamily, FamilySpec> = {
  apt: {
    // `apt-get install --update` (APT 3) refreshes the lists first.
    refresh: ['update'],
    use: ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'safe-upgrade', 'reinstall', 'build-dep', 'source', 'download', 'satisfy'],
    fresh: ['--update'],
  },
  apk: { refresh: ['update'], use: ['add', 'upgrade', 'fix'], fresh: ['--no-cache', '-U', '--update-cache', '--update'] },
  yum: {
    refresh: ['makecache', 'check-update'],
    use: ['install', 'in', 'update', 'upgrade', 'up', 'reinstall', 'groupinstall', 'localinstall', 'distro-sync', 'downgrade', 'builddep', 'group', 'groupupdate'],
    fresh: ['--refresh'],
  },
  zypper: {
    refresh: ['refresh', 'ref'],
    use: ['install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch', 'source-install', 'si'],
    fresh: ['--refresh'],
  },
};

/** The package-index role of a shell command, or null when it has none. */
function computeIndexCommand(cmd: ShellCommand): IndexCommand | null {
  const argv = effectiveArgv(cmd);
  if (argv.length < 2) return null;
  const spec = managerOf(argv[0].value);
  const family = spec?.manager;
  if (!spec || (family !== 'apt' && family !== 'apk' && family !== 'yum' && family !== 'zypper')) return null;
  const rest = argv.slice(1);
  const global = parseOptions(rest, spec.syntax, true);
  const sub = rest[global.next];
  if (!sub) return null;
  const f = SPECS[family];
  const span = { start: argv[0].start, end: sub.end };
  if (f.refresh.includes(sub.value)) return { family, kind: 'refresh', ...span };
  if (!f.use.includes(sub.value)) return null;
  const options = [...global.options, ...parseOptions(rest.slice(global.next + 1), spec.syntax).options];
  const fresh = options.some((o) => f.fresh.includes(o.name));
  return { family, kind: fresh ? 'fresh-use' : 'use', ...span };
}

/** Memoised per command: several rules ask the same question of the same command. */
export const indexCommand: (cmd: ShellCommand) => IndexCommand | null = memoize(computeIndexCommand);

export interface RunIndexSummary {
  /** Per family, the last refresh not followed by any install in the same run. */
  lone: Map<IndexFamily, IndexCommand>;
  /** Families installed from an index this run did not refresh first. */
  relies: Set<IndexFamily>;
  /** Families whose index this run refreshes. */
  refreshes: Set<IndexFamily>;
}

/**
 * How the commands of one `RUN`, in order, refresh and use package indexes. `clears` names the index
 * a command deletes (`rm -rf /var/lib/apt/lists/*`): a refresh deleted again leaves nothing stale.
 */
export function summariseRun(cmds: readonly ShellCommand[], clears: (cmd: ShellCommand) => string | null = () => null): RunIndexSummary {
  const lone = new Map<IndexFamily, IndexCommand>();
  const relies = new Set<IndexFamily>();
  const refreshes = new Set<IndexFamily>();
  for (const cmd of cmds) {
    const cleared = clears(cmd);
    if (cleared) lone.delete(cleared as IndexFamily);
    const ic = indexCommand(cmd);
    if (!ic) continue;
    if (ic.kind === 'refresh') {
      lone.set(ic.family, ic);
      refreshes.add(ic.family);
    } else {
      if (ic.kind === 'use' && !refreshes.has(ic.family)) relies.add(ic.family);
      lone.delete(ic.family);
    }
  }
  return { lone, relies, refreshes };
}
