import { entryOf } from '../core/entry';
import type { DevcontainerModel } from '../parse/devcontainer';
import { runArgWords, type RunArgWord } from '../parse/devcontainer-values';
import { parseOptions, type OptionSyntax } from './cli-options';

/**
 * The options of `docker run` / `docker create` as Dev Container `runArgs` write them, in every
 * spelling the Docker CLI accepts: `--cap-add=SYS_ADMIN`, `--cap-add SYS_ADMIN` (two items or one),
 * `-v /a:/b`, `-v/a:/b`, combined short flags (`-it`). Names are normalised to the long form
 * (`-v` -> `--volume`, `--net` -> `--network`), so a rule asks for one name.
 */

const LONG_WITH_VALUE = [
  'add-host', 'annotation', 'attach', 'blkio-weight', 'blkio-weight-device', 'cap-add', 'cap-drop', 'cgroup-parent', 'cgroupns',
  'cidfile', 'cpu-count', 'cpu-percent', 'cpu-period', 'cpu-quota', 'cpu-rt-period', 'cpu-rt-runtime', 'cpu-shares', 'cpus',
  'cpuset-cpus', 'cpuset-mems', 'detach-keys', 'device', 'device-cgroup-rule', 'device-read-bps', 'device-read-iops',
  'device-write-bps', 'device-write-iops', 'dns', 'dns-opt', 'dns-option', 'dns-search', 'domainname', 'entrypoint', 'env',
  'env-file', 'expose', 'gpus', 'group-add', 'health-cmd', 'health-interval', 'health-retries', 'health-start-interval',
  'health-start-period', 'health-timeout', 'hostname', 'io-maxbandwidth', 'io-maxiops', 'ip', 'ip6', 'ipc', 'isolation',
  'kernel-memory', 'label', 'label-file', 'link', 'link-local-ip', 'log-driver', 'log-opt', 'mac-address', 'memory',
  'memory-reservation', 'memory-swap', 'memory-swappiness', 'mount', 'name', 'net', 'net-alias', 'network', 'network-alias',
  'oom-score-adj', 'pid', 'pids-limit', 'platform', 'publish', 'pull', 'restart', 'runtime', 'security-opt', 'shm-size',
  'stop-signal', 'stop-timeout', 'storage-opt', 'sysctl', 'tmpfs', 'ulimit', 'user', 'userns', 'uts', 'volume', 'volume-driver',
  'volumes-from', 'workdir',
];

export const DOCKER_RUN_SYNTAX: OptionSyntax = { shortValue: 'acehlmpuvw', longValue: LONG_WITH_VALUE };

const LONG_VALUE_SET = new Set(LONG_WITH_VALUE);

/** Whether a flag word is (or ends with, for combined short flags) an option that takes a value. */
function takesValue(flag: string): boolean {
  if (flag.startsWith('--')) return LONG_VALUE_SET.has(flag.slice(2));
  return flag.length >= 2 && DOCKER_RUN_SYNTAX.shortValue!.includes(flag[flag.length - 1]) && ![...flag.slice(1, -1)].some((c) => DOCKER_RUN_SYNTAX.shortValue!.includes(c));
}

/** The words of `runArgs`, split as `docker run` reads them. */
export function dockerRunWords(model: DevcontainerModel): RunArgWord[] {
  return runArgWords(model, takesValue);
}

const SHORT: Record<string, string> = {
  '-a': '--attach', '-c': '--cpu-shares', '-d': '--detach', '-e': '--env', '-h': '--hostname', '-i': '--interactive', '-l': '--label',
  '-m': '--memory', '-p': '--publish', '-P': '--publish-all', '-q': '--quiet', '-t': '--tty', '-u': '--user', '-v': '--volume', '-w': '--workdir',
};
const SYNONYMS: Record<string, string> = { '--net': '--network', '--net-alias': '--network-alias', '--dns-opt': '--dns-option' };

export interface RunOption {
  /** Long name: `--privileged`, `--cap-add`, `--volume`. */
  name: string;
  /** As written: `-v`, `--net`. */
  written: string;
  value: string | null;
  /** The word holding the flag (for `-itv x`, the whole combined word). */
  flag: RunArgWord;
  /** The separate word holding the value, when there is one. */
  valueWord: RunArgWord | null;
  /** Offsets of the value text (inside `--name=value`, or the value word without its quotes). */
  valueStart: number | null;
  valueEnd: number | null;
  /** Offsets from the flag to the end of its value. */
  start: number;
  end: number;
  /** The words that make up the option (the flag, and its value when separate). */
  words: RunArgWord[];
}

const optionCache = new WeakMap<DevcontainerModel, RunOption[]>();

/** Every option of `runArgs`, in order (read once per model: several rules ask). */
export function runOptions(model: DevcontainerModel): RunOption[] {
  let cached = optionCache.get(model);
  if (!cached) optionCache.set(model, (cached = readRunOptions(model)));
  return cached;
}

function readRunOptions(model: DevcontainerModel): RunOption[] {
  const words = dockerRunWords(model);
  const out: RunOption[] = [];
  for (const o of parseOptions(words, DOCKER_RUN_SYNTAX).options) {
    const flag = o.word as RunArgWord;
    const valueWord = (o.valueWord as RunArgWord | null) ?? null;
    const name = entryOf(SYNONYMS, o.name) ?? entryOf(SHORT, o.name) ?? o.name;
    let valueStart: number | null = null;
    let valueEnd: number | null = null;
    if (valueWord) {
      const quote = valueWord.whole ? 1 : 0;
      valueStart = valueWord.start + quote;
      valueEnd = valueWord.end - quote;
    } else if (o.value !== null) {
      // `--name=value` or `-vvalue`: the value ends the flag word.
      const quote = flag.whole ? 1 : 0;
      const raw = model.text.slice(flag.start + quote, flag.end - quote);
      const eq = raw.indexOf('=');
      valueStart = flag.start + quote + (o.name.startsWith('--') && eq >= 0 ? eq + 1 : Math.max(0, raw.length - o.value.length));
      valueEnd = flag.end - quote;
    }
    const last = valueWord ?? flag;
    out.push({ name, written: o.name, value: o.value, flag, valueWord, valueStart, valueEnd, start: flag.start, end: last.end, words: valueWord ? [flag, valueWord] : [flag] });
  }
  return out;
}
