/**
 * `npm run bench` — every benchmark of the project, each in its own child process (memory isolation),
 * with its baseline in the same run and the ratio. Prints a table and writes a JSON summary to
 * bench/out/ (repository root, gitignored).
 *
 *   npm run bench                       # the sizes the issues ask for (≈ 20–30 min on 2 cores)
 *   npm run bench -- --quick            # small sizes, a smoke run (< 3 min)
 *   npm run bench -- --only=search,http # some sections: foundation, search, http, matching, files, import-loop, vocabulary, relevance, interpret
 *   npm run bench -- --only=vocabulary  # everyday IT/FR job words against the occupation autocomplete
 *   npm run bench -- --only=interpret   # free text (CV lines, ads, cells) to ESCO: precision@1 and @5
 *   MEILI_URL=… MEILI_API_KEY=… npm run bench -- --only=meilisearch  # embedded vs Meilisearch, same data
 *   npm run bench -- --only=import-loop # event-loop delay and search latency during a 100,000-row import
 *   npm run bench -- --only=alerts      # 10,000 saved searches against 100,000 changes (issue 16)
 *   npm run bench:relevance             # the relevance evaluation alone (sections/relevance.ts)
 *
 * PostgreSQL baselines use BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres when it
 * answers; they run in a scratch database `rilancio_bench_<time>` created and dropped here. Without
 * PostgreSQL they say "skipped (no PostgreSQL)". Meilisearch is needed only by the `meilisearch` section
 * (MEILI_URL, MEILI_API_KEY); without MEILI_URL that section runs the embedded side and says Meilisearch
 * was skipped. It is not part of a run without --only (it needs an engine started for it).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { rowsOrFailure, runChild, SERVER_DIR, type ChildRun } from './lib/child.js';
import { parseFlags, type BenchRow } from './lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const quick = flags.has('quick');
const SECTIONS = [
  'foundation',
  'search',
  'http',
  'matching',
  'files',
  'import-loop',
  'vocabulary',
  'relevance',
  'interpret',
  'alerts',
  'meilisearch',
] as const;
/** Sections a run without --only leaves out. */
const ON_REQUEST: readonly Section[] = ['meilisearch'];
type Section = (typeof SECTIONS)[number];
const only = flags.get('only')?.split(',').filter(Boolean);
for (const name of only ?? [])
  if (!(SECTIONS as readonly string[]).includes(name)) {
    console.error(`unknown section "${name}"; sections: ${SECTIONS.join(', ')}`);
    process.exit(2);
  }
const selected = SECTIONS.filter((s) => (only ? only.includes(s) : !ON_REQUEST.includes(s)));

/** The sizes of a full run are the ones the issues ask for; --quick only checks that everything runs. */
const SIZES = quick
  ? {
      foundationProfiles: 2_000,
      searchAssets: 10_000,
      searchProfiles: 10_000,
      searchQueries: 100,
      httpAssets: 3_000,
      httpSeconds: 10,
      matchScale: 0.05,
      matchBig: false,
      parseRows: 10_000,
      importRows: 2_000,
      meiliAssets: 10_000,
      meiliQueries: 100,
      loopRows: 5_000,
      alertSearches: 1_000,
      alertChanges: 5_000,
    }
  : {
      foundationProfiles: 100_000,
      searchAssets: 100_000,
      searchProfiles: 100_000,
      searchQueries: 500,
      httpAssets: 100_000,
      httpSeconds: 20,
      matchScale: 1,
      matchBig: true,
      parseRows: 100_000,
      importRows: 100_000,
      meiliAssets: 100_000,
      meiliQueries: 500,
      loopRows: 100_000,
      alertSearches: 10_000,
      alertChanges: 100_000,
    };

const REPO_ROOT = path.resolve(SERVER_DIR, '..');
const OUT_DIR = path.join(REPO_ROOT, 'bench', 'out');

// ---------- scratch PostgreSQL for the baselines ----------
const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const scratchName = `rilancio_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;

async function createScratch(): Promise<{ url: string; version: string } | { skipped: string }> {
  const admin = postgres(adminUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    const [v] = await admin<{ version: string }[]>`select current_setting('server_version') as version`;
    await admin.unsafe(`create database ${scratchName}`);
    const u = new URL(adminUrl);
    u.pathname = `/${scratchName}`;
    return { url: u.toString(), version: v!.version };
  } catch (error) {
    return { skipped: `skipped (no PostgreSQL: ${error instanceof Error ? error.message : String(error)})` };
  } finally {
    await admin.end({ timeout: 2 }).catch(() => {});
  }
}

async function dropScratch(): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${scratchName} with (force)`);
  } finally {
    await admin.end({ timeout: 2 }).catch(() => {});
  }
}

// ---------- sections ----------
interface SectionRun {
  section: Section;
  rows: BenchRow[];
  wallSeconds: number;
  cpuSeconds?: number;
  peakRssMb?: number;
  loadBefore: number[];
  loadAfter: number[];
}

const child = (script: string, args: string[], label: string, nodeArgs: string[] = []) =>
  runChild(script, args, { label, nodeArgs });

async function runSection(section: Section): Promise<ChildRun[]> {
  switch (section) {
    case 'foundation':
      return [
        await child(
          'bench/sections/foundation.ts',
          // A smoke run loads PGlite only: each database loads the whole reference data first.
          [`--profiles=${SIZES.foundationProfiles}`, ...(quick ? ['--dbs=pglite'] : [])],
          section,
        ),
      ];
    case 'search':
      return [
        await child(
          'bench/sections/search.ts',
          [
            `--assets=${SIZES.searchAssets}`,
            `--profiles=${SIZES.searchProfiles}`,
            `--queries=${SIZES.searchQueries}`,
          ],
          section,
        ),
      ];
    case 'http':
      return [
        await child(
          'bench/sections/http.ts',
          [`--assets=${SIZES.httpAssets}`, `--seconds=${SIZES.httpSeconds}`],
          section,
        ),
      ];
    case 'matching':
      return [
        await child(
          'bench/sections/matching.ts',
          [
            `--scale=${SIZES.matchScale}`,
            ...(SIZES.matchBig ? ['--big'] : []),
            // The endpoints over HTTP through the real server, at each size, on each database.
            `--http-sizes=${quick ? '2000' : '2000,20000,100000'}`,
            ...(quick ? ['--server-db=pglite'] : []),
          ],
          section,
        ),
      ];
    case 'vocabulary':
      // Same words at every size: the figures are accuracies (and the reference-data load time).
      return [await child('bench/sections/vocabulary.ts', [], section)];
    case 'files': {
      const runs = [await child('bench/sections/files.ts', [`--rows=${SIZES.parseRows}`], section)];
      // A colleague's import benchmark joins the run as soon as it exists.
      if (existsSync(path.join(SERVER_DIR, 'bench/import.bench.ts')))
        runs.push(
          await child(
            'bench/sections/import.ts',
            [`--rows=${SIZES.importRows}`, ...(quick ? ['--dbs=pglite'] : [])],
            'import',
          ),
        );
      return runs;
    }
    case 'import-loop':
      // Finding 17: how long requests wait for the event loop while a large file is imported: a file of
      // common names, then the duplicate check's worst case (every row a namesake of every other).
      return [
        await child('bench/sections/import-loop.ts', [`--rows=${SIZES.loopRows}`, '--names=common'], section),
        await child('bench/sections/import-loop.ts', [`--rows=${SIZES.loopRows}`], section),
      ];
    case 'alerts':
      // Issue 16: saved searches evaluated against a stream of changes by the alerts' own code: the
      // matcher alone (with the "every search on every batch" baseline), then the whole path from the
      // change log (relay → evaluator → notifications) on PGlite.
      return [
        await child(
          'bench/alerts/alerts.bench.ts',
          [`--searches=${SIZES.alertSearches}`, `--changes=${SIZES.alertChanges}`],
          section,
        ),
        await child(
          'bench/alerts/changelog.bench.ts',
          [`--searches=${SIZES.alertSearches}`, `--changes=${SIZES.alertChanges}`],
          section,
        ),
      ];
    case 'interpret':
      return [await child('bench/sections/interpret.ts', [], section)];
    case 'relevance':
      // Fixed size (320 needs) in both modes: the figures are only comparable at one size.
      return [await child('bench/sections/relevance.ts', [], section)];
    case 'meilisearch':
      // --assets / --queries on the command line override the sizes (e.g. a smaller run on a loaded machine).
      return [
        await child(
          'bench/sections/meilisearch.ts',
          [
            `--assets=${flags.get('assets') ?? SIZES.meiliAssets}`,
            `--queries=${flags.get('queries') ?? SIZES.meiliQueries}`,
          ],
          section,
        ),
      ];
  }
}

// ---------- table ----------
const fmt = (x: number | undefined, unit = ''): string => {
  if (x === undefined) return '';
  if (!Number.isFinite(x)) return '—';
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return `${x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: 0 })}${unit ? ` ${unit}` : ''}`;
};

export function renderTable(rows: BenchRow[]): string {
  const header = [
    'section',
    'measure',
    'ours p50 / value',
    'p95',
    'cpu p50 / p95',
    'baseline p50 / p95',
    'ratio',
    'note',
  ];
  const body = rows.map((r) => [
    r.section,
    r.name,
    fmt(r.value, r.unit),
    fmt(r.p95),
    r.cpuP50 !== undefined ? `${fmt(r.cpuP50)} / ${fmt(r.cpuP95)}` : '',
    r.baseline
      ? `${r.baseline.name}: ${fmt(r.baseline.value, r.baseline.unit)}${r.baseline.p95 !== undefined ? ` / ${fmt(r.baseline.p95)}` : ''}`
      : '',
    r.ratio !== undefined ? `${r.ratio}×` : '',
    r.note ?? '',
  ]);
  const lines = [header, header.map(() => '---'), ...body].map(
    (cells) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`,
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const started = new Date();
  const cpu = os.cpus();
  console.log(
    `Rilancio benchmarks — ${quick ? 'QUICK (smoke sizes)' : 'full sizes'}; sections: ${selected.join(', ')}\n` +
      `node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 1e9)} GB; load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
  );
  const needsPg = selected.some((s) => s === 'foundation' || s === 'search' || s === 'matching');
  const scratch = needsPg ? await createScratch() : { skipped: 'not needed' };
  const pgUrl = 'url' in scratch ? scratch.url : undefined;
  const pgNote =
    'url' in scratch ? `PostgreSQL ${scratch.version}, scratch database ${scratchName}` : scratch.skipped;
  console.log(`baselines: ${pgNote}`);
  if (pgUrl) process.env.BENCH_PG_URL = pgUrl;
  else delete process.env.BENCH_PG_URL;

  const runs: SectionRun[] = [];
  try {
    for (const section of selected) {
      console.log(`\n── ${section} ──`);
      const loadBefore = os.loadavg();
      const t = performance.now();
      const children = await runSection(section);
      const rows = children.flatMap((c, i) => rowsOrFailure(section, i === 0 ? section : 'import', c));
      runs.push({
        section,
        rows,
        wallSeconds: Math.round((performance.now() - t) / 100) / 10,
        cpuSeconds: children.reduce((s, c) => s + (c.cpuSeconds ?? 0), 0) || undefined,
        peakRssMb: Math.max(...children.map((c) => c.peakRssMb ?? 0)) || undefined,
        loadBefore,
        loadAfter: os.loadavg(),
      });
    }
  } finally {
    if (pgUrl) await dropScratch().catch((e: unknown) => console.warn(`could not drop ${scratchName}:`, e));
  }

  const rows = runs.flatMap((r) => r.rows);
  const summary = {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    sizes: SIZES,
    machine: {
      node: process.version,
      cpus: cpu.length,
      cpuModel: cpu[0]?.model,
      memoryGb: Math.round(os.totalmem() / 1e9),
      loadAverageAtEnd: os.loadavg(),
    },
    postgres: pgNote,
    sections: runs.map(({ rows: _rows, ...meta }) => meta),
    rows,
  };
  mkdirSync(OUT_DIR, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const file = path.join(OUT_DIR, `bench-${summary.mode}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(path.join(OUT_DIR, 'latest.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(path.join(OUT_DIR, 'latest.md'), `${renderTable(rows)}\n`);

  console.log(
    '\n════ results — ratio above 1: ours is better (baseline ÷ ours for times and sizes, ours ÷ baseline for rates) ════\n',
  );
  console.log(renderTable(rows));
  console.log(
    '\nper section: wall time, CPU time of its processes, peak RSS, load average (1 min) before → after',
  );
  for (const r of runs)
    console.log(
      `  ${r.section.padEnd(11)} wall ${String(r.wallSeconds).padStart(6)} s  cpu ${String(r.cpuSeconds ?? '?').padStart(6)} s  peak rss ${String(r.peakRssMb ?? '?').padStart(5)} MB  load ${r.loadBefore[0]!.toFixed(2)} → ${r.loadAfter[0]!.toFixed(2)}`,
    );
  console.log(
    `\nsummary written to ${path.relative(process.cwd(), file)} (and bench/out/latest.json, latest.md)`,
  );
  if (rows.some((r) => r.note?.startsWith('FAILED'))) process.exitCode = 1;
}

await main();
