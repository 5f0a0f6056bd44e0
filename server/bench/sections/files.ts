/**
 * Files: the parse benchmark (`files/parse.bench.ts`: sniff → decode → read → match headers → convert
 * every row, no database), each scenario in its own process: rows/s and peak RSS.
 *   node --import tsx bench/sections/files.ts --rows=100000
 */
import { runChild } from '../lib/child.js';
import { emit, parseFlags } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const rows = flags.get('rows') ?? '100000';
const SECTION = 'files';

interface ParseResult {
  scenario: string;
  rows: number;
  badRows: number;
  fileMB: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssGrowthMB: number;
  peakRssMB: number;
}

for (const scenario of ['profiles-csv', 'assets-csv', 'assets-xlsx']) {
  const run = await runChild('bench/files/parse.bench.ts', [scenario, rows], {
    label: scenario,
    forwardUsage: true,
  });
  const line = run.lines.find((l) => l.startsWith('{"scenario"'));
  if (!line || run.exitCode !== 0) {
    emit({
      section: SECTION,
      name: `parse ${scenario}`,
      value: Number.NaN,
      unit: '',
      note: `FAILED (exit ${run.exitCode}): ${run.lines.slice(-3).join(' / ').slice(0, 300)}`,
    });
    continue;
  }
  const r = JSON.parse(line) as ParseResult;
  emit({
    section: SECTION,
    name: `parse ${scenario}, ${r.rows.toLocaleString('en')} rows`,
    value: r.rowsPerSecond,
    unit: 'rows/s',
    note: `${r.fileMB} MB file in ${r.seconds} s; peak RSS ${r.peakRssMB} MB (+${r.peakRssGrowthMB} MB while parsing); process CPU ${run.cpuSeconds} s; ${r.badRows} rows with issues; no baseline`,
  });
}
