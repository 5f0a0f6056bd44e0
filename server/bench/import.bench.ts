/**
 * End-to-end import throughput: a generated CSV of profiles and one of assets, parsed, resolved,
 * validated and upserted with their outbox rows, as the API's import runs it: the file is streamed into
 * the upload store (in a temporary directory), and the parsing thread reads it from there.
 * `node --max-semi-space-size=64 --heap-growing-percent=100 --import tsx bench/import.bench.ts [--rows
 * 100000] [--entity profiles|assets|both] [--names common|numbered] [--places clustered|regional]
 * [--floor]` from server/: with the server's Node flags (`src/node-flags.ts`), which change the peak
 * memory that `npx tsx` alone shows. Profiles carry common Italian and French names (a name recurs every
 * few thousand rows); `--names numbered` gives every row the same folded name, the duplicate check's
 * worst case. `--places regional` spreads the rows over the regions' municipalities (`regionalPlaces`)
 * instead of eight towns. `--cpu-prof=PREFIX` writes PREFIX.<entity>.cpuprofile for each import's run
 * (not the set-up). `--floor` then measures what the same rows cost the database itself to write
 * (`lib/write-floor.ts`), and prints the import's time per row over that floor.
 * PGlite in memory by default (`--storage=disk`: in a data directory, as `npm start` runs it, which is what
 * the server's memory should be judged on); with DATABASE_URL, that PostgreSQL (migrated and seeded with the
 * reference data here if it is not yet). Prints rows/s, rows queued in the outbox and peak RSS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { asc, count, eq } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/client.js';
import { desks, municipalities, outbox } from '../src/db/schema.js';
import type { ImportCounts } from '../src/modules/imports/imports.repository.js';
import { createImportService, importSettingsFor } from '../src/modules/imports/imports.service.js';
import { createUploadStore } from '../src/modules/imports/upload-store.js';
import { loadReferenceData } from '../src/reference/reference.loader.js';
import { CLUSTERED_PLACES, profilesCsvLines } from '../test/fixtures/import/profiles-csv.js';
import { encodeWindows1252 } from '../src/files/index.js';
import { profiled } from './lib/profile.js';
import { eventLoopDelay } from '../src/lib/event-loop.js';
import { writeFloor } from './lib/write-floor.js';

export interface ImportBenchResult {
  name: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  outboxRows: number;
  /** RSS when the import starts (PGlite in memory holds the whole reference data) and at its peak. */
  startRssMiB: number;
  peakRssMiB: number;
  /** How late timers ran while the import ran (ms): what any other request would have waited. */
  eventLoop: { p50: number; p99: number; max: number };
  /** CPU time of this process during the import (every thread: the app, the parsing thread, GC), s. */
  appCpuSeconds: number;
  /** With `floor`: what writing the same rows costs the database itself, µs a row (`writeFloor`). */
  floorMicrosPerRow?: number;
}

const KINDS = ['Capannone', 'Macchinario', 'Attrezzatura', 'Area industriale', 'Impianto'];

/** Assets as a desk's inventory sheet, line by line: semicolon CSV, decimal commas, Italian labels. */
function* assetsCsvLines(rows: number, places: readonly string[] = CLUSTERED_PLACES): Generator<string> {
  yield 'Numero di inventario;Titolo;Tipo;Categoria;Comune;Superficie coperta (m²);Potenza (kW);Prezzo (€);Disponibilità;Disponibile dal;Accesso banchina';
  for (let i = 1; i <= rows; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const building = kind === 'Capannone' || kind === 'Area industriale' || kind === 'Impianto';
    const machine = kind === 'Macchinario' || kind === 'Attrezzatura' || kind === 'Impianto';
    yield [
      `B-${String(i).padStart(7, '0')}`,
      `${kind} lotto ${i}`,
      kind,
      building ? 'magazzino' : 'officina',
      places[i % places.length],
      building ? `${1000 + (i % 5000)},5` : '',
      machine ? `${5 + (i % 200)},25` : '',
      `${10000 + i}`,
      i % 2 ? 'Vendita' : 'Locazione',
      `${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/2027`,
      building ? (i % 3 ? 'sì' : 'no') : '',
    ].join(';');
  }
}

/**
 * The five regions' municipalities by ISTAT or INSEE code, each once for every 2,000 inhabitants (at
 * least once), in a scattered order: where a regional desk's workers and assets are. With them a name
 * recurs in the same town, and a shed of a similar size in the same town, about as often as in a real
 * register; with the eight towns of CLUSTERED_PLACES nearly every row of a large file looks like an earlier one.
 */
async function regionalPlaces(db: Database): Promise<string[]> {
  const rows = await db
    .select({
      code: municipalities.code,
      population: municipalities.population,
      postalCodes: municipalities.postalCodes,
    })
    .from(municipalities)
    .orderBy(asc(municipalities.country), asc(municipalities.code));
  // An INSEE code that is another town's postal code (13016 is Marseille's 16th) is ambiguous in a file,
  // and the import rightly asks which is meant; a desk would write the name there.
  const postalOfOthers = new Set(rows.flatMap((r) => r.postalCodes.filter((p) => p !== r.code)));
  const weighted = rows
    .filter((r) => !postalOfOthers.has(r.code))
    .flatMap((r) => Array<string>(Math.max(1, Math.round((r.population ?? 0) / 2000))).fill(r.code));
  // A prime stride visits every entry once in a scattered order (unless it divides the length).
  const stride = weighted.length % 7919 === 0 ? 7907 : 7919;
  return weighted.map((_, i) => weighted[(i * stride) % weighted.length]!);
}

/**
 * The file as an upload's bytes, a thousand lines at a time, in Windows-1252 as Italian Excel saves a CSV:
 * the bench never holds the whole file, so its memory is the import's.
 */
function* windows1252Chunks(lines: Iterable<string>): Generator<Uint8Array> {
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length === 1000) {
      yield encodeWindows1252(chunk.join('\r\n') + '\r\n');
      chunk = [];
    }
  }
  if (chunk.length > 0) yield encodeWindows1252(chunk.join('\r\n') + '\r\n');
}

export async function importBench(
  rows = 100_000,
  entities: ('profiles' | 'assets')[] = ['profiles', 'assets'],
  log: (line: string) => void = console.log,
  options: {
    names?: 'common' | 'numbered';
    cpuProfile?: string;
    storage?: 'memory' | 'disk';
    /** After each import, what the same rows cost the database itself to write (`writeFloor`). */
    floor?: boolean;
    /** Where the rows are: the eight towns of CLUSTERED_PLACES, or the regions' municipalities (`regionalPlaces`). */
    places?: 'clustered' | 'regional';
  } = {},
): Promise<ImportBenchResult[]> {
  const names = options.names ?? 'common';
  const config = loadConfig();
  const usePostgres = config.database.kind === 'postgres';
  const dataDir =
    !usePostgres && options.storage === 'disk'
      ? mkdtempSync(path.join(tmpdir(), 'rilancio-import-db-'))
      : null;
  const uploadDir = mkdtempSync(path.join(tmpdir(), 'rilancio-import-bench-'));
  const uploads = createUploadStore(uploadDir);
  const handle = await openDatabase(usePostgres ? config.database : { kind: 'pglite', dataDir });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const results: ImportBenchResult[] = [];
  try {
    await handle.migrate();
    let t = performance.now();
    await loadReferenceData(handle.db);
    log(`reference data ready in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const code = `BENCH-${Date.now().toString(36)}`;
    const [desk] = await handle.db
      .insert(desks)
      .values({ code, name: 'Bench desk', country: 'IT', regionName: 'Liguria' })
      .returning();
    // As the server runs it (its batch size and statistics on this database).
    const service = createImportService(handle.db, importSettingsFor(handle));
    const places = options.places === 'regional' ? await regionalPlaces(handle.db) : CLUSTERED_PLACES;
    for (const entity of entities) {
      // Streamed into the API's upload store, which the parsing thread reads from: the process holds
      // neither the text nor its bytes while the import runs.
      const lines =
        entity === 'profiles'
          ? profilesCsvLines(rows, { prefix: code, names, places })
          : assetsCsvLines(rows, places);
      const source = await uploads.save(Readable.from(windows1252Chunks(lines)));
      const outboxBefore = (await handle.db.select({ n: count() }).from(outbox))[0]!.n;
      const startRss = process.memoryUsage().rss;
      peak = startRss;
      t = performance.now();
      const job = await service.open({
        source,
        fileName: `${entity}.csv`,
        entity,
        dryRun: false,
        deskId: desk!.id,
        createdBy: null,
        options: {},
      });
      let lastLog = 0;
      const profile = options.cpuProfile && `${options.cpuProfile}.${entity}.cpuprofile`;
      const delay = eventLoopDelay();
      const cpu = process.cpuUsage();
      const done = await profiled(profile, () =>
        service.run(job.id, source, (p) => {
          peak = Math.max(peak, process.memoryUsage().rss);
          if (performance.now() - lastLog > 10_000) {
            lastLog = performance.now();
            const s = (performance.now() - t) / 1000;
            log(`  ${entity}: ${p.cursor}/${p.totalRows} rows, ${Math.round(p.cursor / s)} rows/s`);
          }
        }),
      );
      const seconds = (performance.now() - t) / 1000;
      const used = process.cpuUsage(cpu);
      const counts = done.counts as ImportCounts;
      const queued = (await handle.db.select({ n: count() }).from(outbox))[0]!.n - outboxBefore;
      const aggregate = entity === 'profiles' ? 'profile' : 'asset';
      const queuedOfType = (
        await handle.db.select({ n: count() }).from(outbox).where(eq(outbox.aggregateType, aggregate))
      )[0]!.n;
      const result: ImportBenchResult = {
        name: `import ${entity} CSV → ${usePostgres ? 'PostgreSQL' : dataDir ? 'PGlite on disk' : 'PGlite in memory'} (+ outbox)`,
        rows,
        seconds: Math.round(seconds * 10) / 10,
        rowsPerSecond: Math.round(rows / seconds),
        outboxRows: queued,
        startRssMiB: Math.round(startRss / 1024 / 1024),
        peakRssMiB: Math.round(peak / 1024 / 1024),
        eventLoop: delay.snapshot(),
        appCpuSeconds: Math.round((used.user + used.system) / 1e5) / 10,
      };
      results.push(result);
      for (const e of await service.reportPage(done.id, { offset: 0, limit: 5 }))
        log(`  row ${e.row}: ${e.code} ${e.value ?? ''} ${e.detail ?? ''}`);
      log(
        `${result.name}: ${rows} rows in ${result.seconds} s = ${result.rowsPerSecond} rows/s, app CPU ${result.appCpuSeconds} s; ` +
          `created ${counts.create}, errors ${counts.error}, warnings ${counts.warnings}; outbox +${queued} (${queuedOfType} ${aggregate}); RSS ${result.startRssMiB} → peak ${result.peakRssMiB} MiB; ` +
          `event-loop delay p50 / p99 / max ${result.eventLoop.p50} / ${result.eventLoop.p99} / ${result.eventLoop.max} ms`,
      );
      if (options.floor) {
        const floors = await writeFloor(handle.db, entity, desk!.id);
        const perRow = (ms: number) => (ms * 1000) / rows;
        result.floorMicrosPerRow = Math.round(perRow(floors.reduce((sum, f) => sum + f.ms, 0)));
        const importPerRow = (seconds * 1e6) / rows;
        log(
          `  the database's floor for writing these rows (one INSERT … SELECT a table, rolled back): ` +
            floors.map((f) => `${f.table} ${perRow(f.ms).toFixed(0)} µs`).join(', ') +
            `; ${result.floorMicrosPerRow} µs a row in all, at most ${Math.round(1e6 / result.floorMicrosPerRow)} rows/s on one connection. ` +
            `The import: ${importPerRow.toFixed(0)} µs a row, ${(importPerRow / result.floorMicrosPerRow).toFixed(1)}× the floor`,
        );
      }
    }
  } finally {
    clearInterval(sampler);
    await handle.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    rmSync(uploadDir, { recursive: true, force: true });
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '100000' },
      entity: { type: 'string', default: 'both' },
      names: { type: 'string', default: 'common' },
      'cpu-prof': { type: 'string' },
      storage: { type: 'string', default: 'memory' },
      floor: { type: 'boolean', default: false },
      places: { type: 'string', default: 'clustered' },
    },
  });
  if (values.names !== 'common' && values.names !== 'numbered')
    throw new Error(`--names: common or numbered, not ${values.names}`);
  if (values.places !== 'clustered' && values.places !== 'regional')
    throw new Error(`--places: clustered or regional, not ${values.places}`);
  if (values.storage !== 'memory' && values.storage !== 'disk')
    throw new Error(`--storage: memory or disk, not ${values.storage}`);
  const entities =
    values.entity === 'both'
      ? (['profiles', 'assets'] as const)
      : ([values.entity] as ['profiles' | 'assets']);
  await importBench(Number(values.rows), [...entities], console.log, {
    names: values.names,
    cpuProfile: values['cpu-prof'],
    storage: values.storage,
    floor: values.floor,
    places: values.places,
  });
}
