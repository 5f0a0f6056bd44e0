/**
 * Foundation: reference data load and demo generator throughput (rows/s), through `seedBench()`.
 *   node --import tsx bench/sections/foundation.ts --profiles=100000
 */
import { seedBench } from '../seed.bench.js';
import { emit, log, parseFlags } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const profiles = Number(flags.get('profiles') ?? 100_000);

const results = await seedBench(profiles, (line) => log('foundation', line));
for (const r of results) {
  emit({
    section: 'foundation',
    name: r.name,
    value: r.rowsPerSecond,
    unit: 'rows/s',
    note: `${r.rows.toLocaleString('en')} rows in ${r.seconds} s${r.note ? `; ${r.note}` : ''}`,
  });
}
