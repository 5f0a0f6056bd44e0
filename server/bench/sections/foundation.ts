/**
 * Foundation: reference data load and demo generator throughput (rows/s), through `seedBench()`, on
 * PGlite in memory (the default deployment) and, as the baseline, the same load on the real PostgreSQL
 * (the scratch database; its schema is dropped afterwards). Each database in its own process.
 *   node --import tsx bench/sections/foundation.ts --profiles=100000
 */
import { fileURLToPath } from 'node:url';
import { seedBench, type BenchResult } from '../seed.bench.js';
import { runChild } from '../lib/child.js';
import { benchPgUrl, connectPg, emit, log, parseFlags, ratio, type BenchRow } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const profiles = Number(flags.get('profiles') ?? 100_000);
const SECTION = 'foundation';
const RESULT = '@@SEED ';

if (flags.has('child')) {
  // One database, in this process.
  const url = benchPgUrl();
  const db = flags.get('db') === 'postgres' ? 'postgres' : 'pglite';
  if (db === 'postgres' && !url) process.exit(0);
  const results = await seedBench(
    profiles,
    (line) => log(`${SECTION}/${db}`, line),
    db === 'postgres' ? { kind: 'postgres', url: url! } : { kind: 'pglite', dataDir: null },
  );
  if (db === 'postgres') {
    // Leave the scratch database as it was found for the other sections.
    const sql = connectPg(url!);
    await sql.unsafe(
      'drop schema if exists drizzle cascade; drop schema public cascade; create schema public',
    );
    await sql.end();
  }
  console.log(RESULT + JSON.stringify(results));
} else {
  const self = fileURLToPath(import.meta.url);
  const run = async (db: string) => {
    const child = await runChild(self, ['--child', `--db=${db}`, `--profiles=${profiles}`], {
      label: db,
      forwardUsage: true,
    });
    const line = child.lines.find((l) => l.startsWith(RESULT));
    return {
      child,
      results: line ? (JSON.parse(line.slice(RESULT.length)) as BenchResult[]) : undefined,
    };
  };
  const lite = await run('pglite');
  const dbs = (flags.get('dbs') ?? 'pglite,postgres').split(',');
  const pg = benchPgUrl() && dbs.includes('postgres') ? await run('postgres') : undefined;
  const rows: BenchRow[] = [];
  if (!lite.results)
    rows.push({
      section: SECTION,
      name: 'seedBench on PGlite',
      value: Number.NaN,
      unit: '',
      note: `FAILED (exit ${lite.child.exitCode}): ${lite.child.lines.slice(-3).join(' / ').slice(0, 300)}`,
    });
  const pgNote = !dbs.includes('postgres')
    ? 'PostgreSQL: not run (--quick)'
    : !benchPgUrl()
      ? 'PostgreSQL: skipped (no PostgreSQL)'
      : !pg?.results
        ? `PostgreSQL FAILED (exit ${pg?.child.exitCode}): ${pg?.child.lines.slice(-2).join(' / ').slice(0, 200)}`
        : undefined;
  // The same measure on PostgreSQL: the first words of the name say which one.
  const kindOf = (r: BenchResult) =>
    r.name
      .split(/[(,]/)[0]!
      .replace(/ to (PGlite in memory|PostgreSQL)/, '')
      .trim();
  for (const r of lite.results ?? []) {
    const b = pg?.results?.find((x) => kindOf(x) === kindOf(r));
    const isWrite = !r.name.includes('alone');
    rows.push({
      section: SECTION,
      name: r.name,
      value: r.rowsPerSecond,
      unit: 'rows/s',
      ...(b && isWrite
        ? {
            baseline: { name: 'same on PostgreSQL 15', value: b.rowsPerSecond, unit: 'rows/s' },
            // Throughput: ours ÷ baseline, so that above 1 still means "ours is better".
            ratio: ratio(r.rowsPerSecond, b.rowsPerSecond),
          }
        : {}),
      note: [
        `${r.rows.toLocaleString('en')} rows in ${r.seconds} s${r.note ? `; ${r.note}` : ''}`,
        b && isWrite
          ? `PostgreSQL: ${b.rows.toLocaleString('en')} rows in ${b.seconds} s${b.note ? `; ${b.note}` : ''}`
          : undefined,
        isWrite ? pgNote : 'no database involved',
      ]
        .filter(Boolean)
        .join('; '),
    });
  }
  emit(rows);
}
