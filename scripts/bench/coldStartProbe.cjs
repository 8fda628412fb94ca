// Loads one cloud function the way the runtime does and reports, on stdout as one JSON line, how
// long after process start `main` was exported (performance.now() counts from the process's time
// origin) and the CPU time spent by then. Plain CommonJS so nothing else is loaded first.
const { performance } = require('node:perf_hooks');
const beforeRequireMs = performance.now();
const fn = require(process.argv[2]);
const readyMs = performance.now();
const cpu = process.cpuUsage();
if (typeof fn.main !== 'function') {
  console.error(`${process.argv[2]} does not export main`);
  process.exit(2);
}
process.stdout.write(
  `${JSON.stringify({ readyMs, requireMs: readyMs - beforeRequireMs, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
);
// The SDK may hold timers or sockets; the measurement is done.
process.exit(0);
