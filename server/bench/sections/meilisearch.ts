/**
 * The embedded engine and Meilisearch side by side, each behind the search port, on the same generated
 * assets and the same seeded queries (`search/engines.bench.ts`, one process per engine): latency
 * p50/p95/p99, typo accuracy (generated typos and a fixed list of human misspellings), facets, geo radius,
 * memory (the Node process's RSS for the embedded engine, the meilisearch process's RSS for Meilisearch)
 * and indexing time through the re-index path. Baseline = Meilisearch; ratio = Meilisearch ÷ embedded.
 * Without MEILI_URL only the embedded engine runs, and the rows say Meilisearch was skipped.
 *   MEILI_URL=http://127.0.0.1:7700 MEILI_API_KEY=… npm run bench -- --only=meilisearch
 *   node --import tsx bench/sections/meilisearch.ts --assets=100000 --queries=500
 */
import { runChild, type ChildRun } from '../lib/child.js';
import { emit, parseFlags, ratio, type BenchRow } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const assets = flags.get('assets') ?? '100000';
const queries = flags.get('queries') ?? '500';
const SECTION = 'meilisearch';

interface EngineSummary {
  engine: 'embedded' | 'meilisearch';
  version?: string;
  indexSeconds: number;
  typoFirst: number;
  typoTop20: number;
  misspellingsRight: number;
  misspellings: number;
  misspellingMisses: string[];
  rows: Array<{ name: string; p50: number; p95: number; p99: number }>;
  nodeRssMb?: number;
  nodePeakRssMb?: number;
  meiliRssMb?: number;
  meiliPeakRssMb?: number;
  meiliDiskMb?: number;
}

const summaryOf = (run: ChildRun): EngineSummary | undefined => {
  const line = run.lines.find((l) => l.startsWith('@@ENGINE '));
  return run.exitCode === 0 && line
    ? (JSON.parse(line.slice('@@ENGINE '.length)) as EngineSummary)
    : undefined;
};

const args = [`--assets=${assets}`, `--queries=${queries}`];
const embeddedRun = await runChild('bench/search/engines.bench.ts', ['--engine=embedded', ...args], {
  label: 'embedded',
  forwardUsage: true,
});
const embedded = summaryOf(embeddedRun);

const skipped = process.env.MEILI_URL
  ? undefined
  : 'Meilisearch skipped: MEILI_URL is unset (start one and set MEILI_URL, MEILI_API_KEY)';
if (skipped) console.log(`  ${skipped}`);
const meiliRun = skipped
  ? undefined
  : await runChild('bench/search/engines.bench.ts', ['--engine=meilisearch', ...args], {
      label: 'meilisearch',
      forwardUsage: true,
    });
const meili = meiliRun ? summaryOf(meiliRun) : undefined;
const meiliFailed =
  meiliRun && !meili
    ? `Meilisearch run FAILED (exit ${meiliRun.exitCode}): ${meiliRun.lines.slice(-3).join(' / ').slice(0, 300)}`
    : undefined;

const rows: BenchRow[] = [];
const baselineName = `Meilisearch${meili?.version ? ` ${meili.version}` : ''}`;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

if (!embedded) {
  rows.push({
    section: SECTION,
    name: 'embedded engine',
    value: Number.NaN,
    unit: '',
    note: `FAILED (exit ${embeddedRun.exitCode}): ${embeddedRun.lines.slice(-3).join(' / ').slice(0, 300)}`,
  });
} else {
  const other = skipped ?? meiliFailed;
  for (const r of embedded.rows) {
    const m = meili?.rows.find((x) => x.name === r.name);
    const notes = [`p99 embedded ${r.p99} ms${m ? `, Meilisearch ${m.p99} ms` : ''}`];
    if (r.name === 'typo query')
      notes.push(
        `intended record first / in top 20: embedded ${pct(embedded.typoFirst)} / ${pct(embedded.typoTop20)}` +
          (meili ? `, Meilisearch ${pct(meili.typoFirst)} / ${pct(meili.typoTop20)}` : ''),
      );
    if (other) notes.push(other);
    rows.push({
      section: SECTION,
      name: `${r.name} (${assets} assets)`,
      value: r.p50,
      p95: r.p95,
      unit: 'ms',
      ...(m ? { baseline: { name: baselineName, value: m.p50, p95: m.p95, unit: 'ms' } } : {}),
      ...(m ? { ratio: ratio(m.p50, r.p50) } : {}),
      note: notes.join('; '),
    });
  }
  rows.push({
    section: SECTION,
    name: `misspellings right (fixed list of ${embedded.misspellings})`,
    value: embedded.misspellingsRight,
    unit: `/ ${embedded.misspellings}`,
    ...(meili
      ? {
          baseline: {
            name: baselineName,
            value: meili.misspellingsRight,
            unit: `/ ${meili.misspellings}`,
          },
        }
      : {}),
    note:
      [
        `embedded missed: ${embedded.misspellingMisses.join(', ') || 'none'}`,
        meili ? `Meilisearch missed: ${meili.misspellingMisses.join(', ') || 'none'}` : undefined,
        other,
      ]
        .filter(Boolean)
        .join('; ') || undefined,
  });
  rows.push({
    section: SECTION,
    name: `indexing ${assets} assets (re-index path, pages of 1000)`,
    value: embedded.indexSeconds,
    unit: 's',
    ...(meili
      ? {
          baseline: { name: baselineName, value: meili.indexSeconds, unit: 's' },
          ratio: ratio(meili.indexSeconds, embedded.indexSeconds),
        }
      : {}),
    ...(other ? { note: other } : {}),
  });
  rows.push({
    section: SECTION,
    name: 'memory: RSS at the end (embedded: Node process; Meilisearch: its process)',
    value: embedded.nodeRssMb ?? Number.NaN,
    unit: 'MB',
    ...(meili?.meiliRssMb !== undefined
      ? {
          baseline: { name: baselineName, value: meili.meiliRssMb, unit: 'MB' },
          ratio: ratio(meili.meiliRssMb, embedded.nodeRssMb),
        }
      : {}),
    note:
      [
        `embedded peak ${embedded.nodePeakRssMb} MB`,
        meili
          ? `Meilisearch peak ${meili.meiliPeakRssMb ?? '?'} MB, database on disk ${meili.meiliDiskMb ?? '?'} MB, plus its client Node process ${meili.nodeRssMb} MB`
          : undefined,
        other,
      ]
        .filter(Boolean)
        .join('; ') || undefined,
  });
}
if (meiliFailed && embedded)
  rows.push({ section: SECTION, name: 'Meilisearch', value: Number.NaN, unit: '', note: meiliFailed });
emit(rows);

// A side-by-side table for docs/benchmarks.md.
if (embedded) {
  const m = meili;
  const cell = (x: number | undefined, unit = '') => (x === undefined ? '—' : `${x}${unit}`);
  const lines = [
    `| measure (${assets} assets, ${queries} queries a set) | embedded p50 / p95 / p99 | ${baselineName} p50 / p95 / p99 |`,
    '| --- | --- | --- |',
    ...embedded.rows.map((r) => {
      const o = m?.rows.find((x) => x.name === r.name);
      return `| ${r.name} (ms) | ${r.p50} / ${r.p95} / ${r.p99} | ${o ? `${o.p50} / ${o.p95} / ${o.p99}` : '—'} |`;
    }),
    `| typo queries: intended record first / in top 20 | ${pct(embedded.typoFirst)} / ${pct(embedded.typoTop20)} | ${m ? `${pct(m.typoFirst)} / ${pct(m.typoTop20)}` : '—'} |`,
    `| fixed misspellings right | ${embedded.misspellingsRight} / ${embedded.misspellings} | ${m ? `${m.misspellingsRight} / ${m.misspellings}` : '—'} |`,
    `| indexing (re-index path) | ${embedded.indexSeconds} s | ${cell(m?.indexSeconds, ' s')} |`,
    `| RSS at the end (peak) | Node ${embedded.nodeRssMb} MB (${embedded.nodePeakRssMb} MB) | meilisearch ${cell(m?.meiliRssMb, ' MB')} (${cell(m?.meiliPeakRssMb, ' MB')}); database ${cell(m?.meiliDiskMb, ' MB')} |`,
  ];
  console.log(`\nside by side:\n${lines.join('\n')}`);
  if (m) {
    console.log(`misspellings missed — embedded: ${embedded.misspellingMisses.join(', ') || 'none'}`);
    console.log(`misspellings missed — Meilisearch: ${m.misspellingMisses.join(', ') || 'none'}`);
  }
}
