/**
 * Growth checks: how much more work an operation does on an input ten times larger, measured in
 * the same process. This is how tests guard against super-linear behaviour without a wall-clock
 * bound (a bound fails at random when other work shares the cores; a ratio does not).
 *
 * Where the work can be counted (calls through a spy, parses, steps), compare the counts at n and
 * 10·n instead: exact, and the same on every machine. These helpers are for work that cannot be
 * counted (a regular expression inside V8, a whole lint): they compare CPU time
 * (`process.cpuUsage`, user + system). Time spent waiting for a core is not CPU time, so load
 * barely moves it; each size is run in a batch long enough to be measured, the rounds alternate
 * the sizes, and the minimum of the rounds is kept, so a pause (garbage collection) in one round
 * does not count. A linear operation grows about 10x, a quadratic one about 100x.
 */

/** The ratio above which 10x more input counts as super-linear: a linear operation grows ~10x, a quadratic one ~100x. */
export const SUPERLINEAR_RATIO = 30;

export interface Growth {
  /** Work at 10·n divided by work at n. */
  ratio: number;
  small: number;
  large: number;
  /** The unit of `small` and `large`. */
  unit: string;
}

export const describeGrowth = (g: Growth, n: number) => `${g.ratio.toFixed(1)}x from n=${n} (${g.small.toFixed(0)} ${g.unit}) to n=${10 * n} (${g.large.toFixed(0)} ${g.unit})`;

const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** CPU microseconds of `reps` calls of `run`. */
function batch(run: () => void, reps: number): number {
  const t0 = cpuMicros();
  for (let i = 0; i < reps; i++) run();
  return cpuMicros() - t0;
}

export interface CpuGrowthOptions {
  /** Rounds per size (the minimum is kept). Default 5. */
  rounds?: number;
  /** CPU microseconds one batch at size n should take at least, so that it is measurable. Default 2,000. */
  minBatchMicros?: number;
}

/**
 * CPU time of `run(input(10·n))` over `run(input(n))`. Inputs are built once, before the clock
 * starts; `run` is called once on each first so that lazy work (flattening a built string,
 * compiling a regular expression) is not measured.
 */
export function cpuGrowth<T>(input: (n: number) => T, run: (x: T) => void, n: number, options: CpuGrowthOptions = {}): Growth {
  const rounds = options.rounds ?? 5;
  const minBatch = options.minBatchMicros ?? 2_000;
  const a = input(n);
  const b = input(10 * n);
  run(a);
  run(b);
  // Enough repetitions that one batch at n takes minBatch microseconds (capped: a very fast run is constant-time anyway).
  let reps = 1;
  for (let spent = batch(() => run(a), 1); spent < minBatch && reps < 1 << 16; spent = batch(() => run(a), reps)) reps *= 4;
  let small = Infinity;
  let large = Infinity;
  for (let r = 0; r < rounds; r++) {
    small = Math.min(small, batch(() => run(a), reps));
    large = Math.min(large, batch(() => run(b), reps));
  }
  return { ratio: large / Math.max(small, 1), small, large, unit: `µs CPU for ${reps} run${reps === 1 ? '' : 's'}` };
}

/**
 * `cpuGrowth` screened cheaply first (`screen`, default two short rounds), and measured again more
 * carefully (`confirm`) only when the screen is over `limit`: a super-linear operation is over it
 * every time, a linear one that a pause disturbed is not. Returns the last measurement.
 */
export function screenedCpuGrowth<T>(
  input: (n: number) => T,
  run: (x: T) => void,
  n: number,
  options: { screen?: CpuGrowthOptions; confirm?: CpuGrowthOptions; limit?: number } = {},
): Growth {
  const first = cpuGrowth(input, run, n, options.screen ?? { rounds: 2, minBatchMicros: 200 });
  if (first.ratio <= (options.limit ?? SUPERLINEAR_RATIO)) return first;
  return cpuGrowth(input, run, n, options.confirm ?? { rounds: 5, minBatchMicros: 2_000 });
}
