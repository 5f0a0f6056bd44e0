/**
 * Preloaded into every benchmark child (`node --import tsx --import ./bench/lib/rusage.ts …`): on exit,
 * reports the child's CPU time and peak RSS on stdout, so the orchestrator can print them even for
 * benchmarks that do not report them themselves.
 */
import { writeSync } from 'node:fs';
import { RUSAGE_PREFIX } from './harness.js';

process.on('exit', () => {
  const r = process.resourceUsage();
  const line = {
    cpuSeconds: Math.round((r.userCPUTime + r.systemCPUTime) / 1e4) / 100,
    peakRssMb: Math.round((r.maxRSS * 1024) / 1e6),
  };
  writeSync(1, `${RUSAGE_PREFIX}${JSON.stringify(line)}\n`);
});
