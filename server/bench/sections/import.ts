/**
 * Import: runs the import pipeline's own benchmark (`bench/import.bench.ts`, its `importBench()` export)
 * when it exists — on PGlite in memory, and as the baseline on PostgreSQL (the scratch database, schema
 * dropped afterwards), each in its own process with the server's Node flags. Ratio = PGlite rows/s ÷
 * PostgreSQL rows/s. Each note also gives the database's floor for the same rows (`lib/write-floor.ts`):
 * how many times that the import takes.
 *   node --import tsx bench/sections/import.ts --rows=100000
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SERVER_NODE_FLAGS } from '../../src/node-flags.js';
import { runChild, SERVER_DIR } from '../lib/child.js';
import { benchPgUrl, connectPg, emit, log, parseFlags, ratio, type BenchRow } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const rows = Number(flags.get('rows') ?? 100_000);
const SECTION = 'import';
const RESULT = '@@IMPORT ';
const script = path.join(SERVER_DIR, 'bench/import.bench.ts');

/** What `importBench()` returns per entity (the colleague's module; typed here by what we read). */
interface ImportResult {
  name: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  outboxRows?: number;
  peakRssMiB?: number;
  floorMicrosPerRow?: number;
}
type ImportBench = (
  rows: number,
  entities: string[],
  log: (line: string) => void,
  options: { floor: boolean },
) => Promise<ImportResult[]>;

if (!existsSync(script)) {
  emit({
    section: SECTION,
    name: 'import pipeline',
    value: Number.NaN,
    unit: '',
    note: 'skipped (bench/import.bench.ts does not exist)',
  });
} else if (flags.has('child')) {
  const db = flags.get('db') === 'postgres' ? 'postgres' : 'pglite';
  const mod = (await import(pathToFileURL(script).href)) as { importBench?: ImportBench };
  if (typeof mod.importBench !== 'function')
    throw new Error('bench/import.bench.ts exports no importBench()');
  const results = await mod.importBench(
    rows,
    ['profiles', 'assets'],
    (line) => log(`${SECTION}/${db}`, line),
    { floor: true },
  );
  if (db === 'postgres') {
    const sql = connectPg(benchPgUrl()!);
    await sql.unsafe(
      'drop schema if exists drizzle cascade; drop schema public cascade; create schema public',
    );
    await sql.end();
  }
  console.log(RESULT + JSON.stringify(results));
} else {
  const self = fileURLToPath(import.meta.url);
  const pgUrl = benchPgUrl();
  const run = async (db: 'pglite' | 'postgres') => {
    // importBench() picks its database from DATABASE_URL: never a developer's own database here.
    const child = await runChild(self, ['--child', `--db=${db}`, `--rows=${rows}`], {
      label: `import-${db}`,
      // The server's flags (its young generation): the import's peak memory is the server's.
      nodeArgs: [...SERVER_NODE_FLAGS],
      forwardUsage: true,
      env: { DATABASE_URL: db === 'postgres' ? pgUrl : undefined },
    });
    const line = child.lines.find((l) => l.startsWith(RESULT));
    return { child, results: line ? (JSON.parse(line.slice(RESULT.length)) as ImportResult[]) : undefined };
  };
  const dbs = (flags.get('dbs') ?? 'pglite,postgres').split(',');
  const lite = await run('pglite');
  const pg = pgUrl && dbs.includes('postgres') ? await run('postgres') : undefined;
  const out: BenchRow[] = [];
  if (!lite.results)
    out.push({
      section: SECTION,
      name: 'import pipeline (PGlite)',
      value: Number.NaN,
      unit: '',
      note: `FAILED (exit ${lite.child.exitCode}): ${lite.child.lines.slice(-3).join(' / ').slice(0, 300)}`,
    });
  // The import's time per row over the database's own for the same rows.
  const floorNote = (x: ImportResult) =>
    x.floorMicrosPerRow
      ? `; ${x.floorMicrosPerRow} µs a row of database floor, ${(1e6 / x.rowsPerSecond / x.floorMicrosPerRow).toFixed(1)}× it`
      : '';
  const entityOf = (name: string) => /import (\w+)/.exec(name)?.[1] ?? name;
  for (const r of lite.results ?? []) {
    const b = pg?.results?.find((x) => entityOf(x.name) === entityOf(r.name));
    out.push({
      section: SECTION,
      name: `${r.name}, ${r.rows.toLocaleString('en')} rows`,
      value: r.rowsPerSecond,
      unit: 'rows/s',
      ...(b
        ? {
            baseline: { name: 'same on PostgreSQL 15', value: b.rowsPerSecond, unit: 'rows/s' },
            ratio: ratio(r.rowsPerSecond, b.rowsPerSecond),
          }
        : {}),
      note: [
        `${r.seconds} s; outbox +${r.outboxRows}; peak RSS ${r.peakRssMiB} MiB${floorNote(r)}`,
        b
          ? `PostgreSQL: ${b.seconds} s, peak RSS ${b.peakRssMiB} MiB${floorNote(b)}`
          : !dbs.includes('postgres')
            ? 'PostgreSQL: not run (--quick)'
            : pgUrl
              ? `PostgreSQL FAILED (exit ${pg?.child.exitCode}): ${pg?.child.lines.slice(-2).join(' / ').slice(0, 200)}`
              : 'PostgreSQL: skipped (no PostgreSQL)',
      ].join('; '),
    });
  }
  emit(out);
}
