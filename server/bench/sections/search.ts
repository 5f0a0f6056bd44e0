/**
 * Search: the embedded engine (`search/engine.bench.ts`, its own process) and, as the baseline in the
 * same run, PostgreSQL full-text search on the same generated assets (`search/postgres.bench.ts`, its own
 * process). Ratio = PostgreSQL ÷ embedded (p50).
 *   node --import tsx bench/sections/search.ts --assets=100000 --profiles=100000 --queries=500
 */
import { runChild } from '../lib/child.js';
import { emit, parseFlags, ratio, round, type BenchRow } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const assets = flags.get('assets') ?? '100000';
const profiles = flags.get('profiles') ?? '100000';
const queries = flags.get('queries') ?? '500';
const SECTION = 'search';

interface EngineSummary {
  buildAssets: number;
  buildProfiles: number;
  heapMb: number;
  typoFirst: number;
  typoTop20: number;
  rows: Array<{ name: string; p50: number; p95: number; cpuP50: number; cpuP95: number }>;
}

const engine = await runChild('bench/search/engine.bench.ts', [assets, profiles, queries], {
  label: 'engine',
  forwardUsage: true,
});
const summaryLine = engine.lines.find((l) => l.startsWith('{"buildAssets"'));
const pg = await runChild('bench/search/postgres.bench.ts', [`--assets=${assets}`, `--queries=${queries}`], {
  label: 'pg',
  forwardUsage: true,
});
const pgRow = (name: string) => pg.rows.find((r) => r.name === name);
const pgSkipped = pg.rows.find((r) => r.note?.startsWith('skipped'))?.note;
const pgFailed = pg.exitCode !== 0 ? `PostgreSQL baseline failed (exit ${pg.exitCode})` : undefined;

const rows: BenchRow[] = [];
if (!summaryLine || engine.exitCode !== 0) {
  rows.push({
    section: SECTION,
    name: 'embedded engine',
    value: Number.NaN,
    unit: '',
    note: `FAILED (exit ${engine.exitCode}): ${engine.lines.slice(-3).join(' / ').slice(0, 300)}`,
  });
} else {
  const s = JSON.parse(summaryLine) as EngineSummary;
  const withBaseline = (row: BenchRow, pgName: string): BenchRow => {
    const b = pgRow(pgName);
    if (!b || !Number.isFinite(b.value))
      return { ...row, note: [row.note, pgSkipped ?? pgFailed].filter(Boolean).join('; ') };
    return {
      ...row,
      baseline: {
        name: 'PostgreSQL 15 full text',
        value: b.value,
        ...(b.p95 !== undefined ? { p95: b.p95 } : {}),
        unit: b.unit,
      },
      ratio: ratio(b.value, row.value),
      note: [row.note, b.note && `PG: ${b.note}`].filter(Boolean).join('; ') || undefined,
    };
  };
  for (const r of s.rows) {
    const row: BenchRow = {
      section: SECTION,
      name: `${r.name} (${assets} assets)`,
      value: round(r.p50),
      p95: round(r.p95),
      cpuP50: round(r.cpuP50),
      cpuP95: round(r.cpuP95),
      unit: 'ms',
    };
    if (r.name === 'typo query')
      row.note = `intended record first ${(100 * s.typoFirst).toFixed(1)}%, in top 20 ${(100 * s.typoTop20).toFixed(1)}%`;
    const hasPg = [
      'typo query',
      'text + 2 filters + 3 facets',
      'geo 30 km sorted by distance',
      'prefix as you type (assets)',
    ];
    rows.push(
      hasPg.includes(r.name)
        ? withBaseline(row, r.name)
        : { ...row, note: row.note ?? 'no PostgreSQL baseline' },
    );
  }
  rows.push(
    withBaseline(
      {
        section: SECTION,
        name: `build assets index (${assets})`,
        value: round(s.buildAssets),
        unit: 's',
        note: `profiles index (${profiles}) ${round(s.buildProfiles)} s`,
      },
      'build',
    ),
  );
  rows.push(
    withBaseline(
      {
        section: SECTION,
        name: 'memory, both indexes (heap + array buffers)',
        value: Math.round(s.heapMb),
        unit: 'MB',
        note: `engine process peak RSS ${engine.peakRssMb} MB, CPU ${engine.cpuSeconds} s`,
      },
      'memory',
    ),
  );
}
if (pgFailed)
  rows.push({
    section: SECTION,
    name: 'PostgreSQL baseline',
    value: Number.NaN,
    unit: '',
    note: `${pgFailed}: ${pg.lines.slice(-3).join(' / ').slice(0, 300)}`,
  });
emit(rows);
