// Preloaded (`node -r`) into a whole-process workload of `npm run bench`: at exit, writes the
// process's own CPU time (user + system, ms) to the file named by BULKHEAD_BENCH_CPU_FILE. It only
// reads a counter; the process runs as it would without it.
process.on('exit', () => {
  const u = process.cpuUsage();
  require('node:fs').writeFileSync(process.env.BULKHEAD_BENCH_CPU_FILE, String((u.user + u.system) / 1000));
});
