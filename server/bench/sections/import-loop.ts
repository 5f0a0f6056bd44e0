/**
 * Import responsiveness (security review finding 17): the real app on PGlite (in a data directory, as
 * `npm start` runs it), listening on 127.0.0.1, takes a 100,000-row profile CSV through POST /imports (committed, not a dry run) while another
 * process keeps searching. Prints the event-loop delay (p50 / p99 / max) and the search latency, first
 * with searches alone, then for the whole import, and the import's rows per second.
 *   node --import tsx bench/sections/import-loop.ts --rows=100000 [--assets=5000] [--probes=2] [--names=common]
 *     [--storage=memory]
 * Requirement: while an import is parsed and processed, no request waits more than 50 ms for the loop.
 */
import { principalFromTestHeaders } from '../../test/helpers/test-principal.js';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { buildApp } from '../../src/app.js';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../../src/db/client.js';
import { desks } from '../../src/db/schema.js';
import { seedDemoData } from '../../src/demo/demo.seeder.js';
import { rebuildAllIndexes } from '../../src/indexing/reindex.js';
import { eventLoopDelay } from '../../src/lib/event-loop.js';
import { createKnowledgeCache } from '../../src/modules/matching/knowledge.cache.js';
import { createMatchFeed } from '../../src/modules/matching/index/match-index.feed.js';
import { loadReferenceData } from '../../src/reference/reference.loader.js';
import { EmbeddedSearchAdapter } from '../../src/search/embedded.adapter.js';
import { profilesCsv } from '../../test/fixtures/import/profiles-csv.js';
import { pgliteTemplatePath, templateKey } from '../../test/helpers/template.js';
import { runChild, SERVER_DIR } from '../lib/child.js';
import { emit, log, parseFlags, round } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const rows = Number(flags.get('rows') ?? 100_000);
const nAssets = Number(flags.get('assets') ?? 5_000);
const probes = Number(flags.get('probes') ?? 2);
/** `numbered` (default): every row a namesake of every other, the duplicate check's worst case. */
const namesFlag = flags.get('names') ?? 'numbered';
if (namesFlag !== 'numbered' && namesFlag !== 'common')
  throw new Error(`--names: numbered or common, not ${namesFlag}`);
const names: 'numbered' | 'common' = namesFlag;
/**
 * `disk` (default): PGlite in a data directory, as `npm start` runs it. `memory`: in memory, as the
 * tests run it; there a growing table file is copied whole each time it outgrows its buffer.
 */
const storageFlag = flags.get('storage') ?? 'disk';
if (storageFlag !== 'disk' && storageFlag !== 'memory')
  throw new Error(`--storage: disk or memory, not ${storageFlag}`);
const storage: 'disk' | 'memory' = storageFlag;
const SECTION = 'import-loop';
const say = (line: string) => log(SECTION, line);

const QUERIES = ['capannone', 'tornio cnc', 'carroponte', 'entrepôt', 'warehouse', 'saldatura', 'capanone'];

interface ProbeResult {
  count: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
}

/** Searches from another process until stopped; resolves with their latencies. */
function searchProbe(base: string, paths: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/http/search-probe.ts', base, String(probes), JSON.stringify(paths)],
    { cwd: SERVER_DIR, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let result: ProbeResult | undefined;
  let started = false;
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') {
        started = true;
        resolve();
      }
      if (line.startsWith('{')) result = JSON.parse(line) as ProbeResult;
    });
    void closed.then(() => {
      if (!started) reject(new Error('the search probe stopped before its first search'));
    });
  });
  return {
    /** Resolves once the first search has been answered. */
    ready,
    async stop(): Promise<ProbeResult> {
      child.kill('SIGTERM');
      await closed;
      if (!result) throw new Error('the search probe printed no result');
      return result;
    },
  };
}

/**
 * PGlite with the schema and the reference data: copied from the template the tests build (same
 * migrations, same reference data, by its key) when there is one, else migrated and loaded here (minutes
 * on a busy 2-core machine). What is measured starts later either way.
 */
async function referenceDatabase(dataDir: string | null) {
  const template = pgliteTemplatePath(templateKey());
  if (existsSync(template)) {
    const blob = new Blob([readFileSync(template)]);
    say(`schema and reference data from the test template ${path.basename(template)}`);
    if (!dataDir) return openDatabase({ kind: 'pglite', dataDir: null }, { pgliteTemplate: blob });
    // The template unpacked into the directory where the server keeps its database.
    const pg = await PGlite.create(path.join(dataDir, 'pglite'), { loadDataDir: blob });
    await pg.close();
    return openDatabase({ kind: 'pglite', dataDir });
  }
  const database = await openDatabase({ kind: 'pglite', dataDir });
  const t = performance.now();
  await database.migrate();
  await loadReferenceData(database.db);
  say(`reference data loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return database;
}

async function main(): Promise<void> {
  const dataDir = storage === 'disk' ? mkdtempSync(path.join(tmpdir(), 'rilancio-loop-db-')) : null;
  const database = await referenceDatabase(dataDir);
  const seeded = await seedDemoData(database.db, {
    profiles: Math.round(nAssets / 4),
    assets: nAssets,
    needs: Math.round(nAssets / 20),
    firms: Math.max(150, Math.round(nAssets / 50)),
    opportunities: 50,
  });
  const search = new EmbeddedSearchAdapter();
  await rebuildAllIndexes(database.db, search);
  say(`demo data ${JSON.stringify(seeded.counts)}, indexes rebuilt`);
  const [desk] = await database.db
    .insert(desks)
    .values({ code: 'BENCH-LOOP', name: 'Bench desk', country: 'IT', regionName: 'Liguria' })
    .returning();

  const app = await buildApp({
    database,
    matchFeed: createMatchFeed(database.db, createKnowledgeCache(database.db)),
    search,
    uiDir: undefined,
    mapTilesUrl: undefined,
    demo: false,
    testPrincipal: principalFromTestHeaders,
    auth: {
      secret: 'bench',
      ledgerKey: 'bench',
      email: { send: async () => {} },
      publicUrl: 'http://127.0.0.1',
      secureCookies: false,
    },
    limits: { perMinute: 10_000_000 },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const paths = QUERIES.map((q) => `/api/v1/search/assets?${new URLSearchParams({ q, limit: '20' })}`);
  const operator = { 'x-rilancio-role': 'operator', 'x-rilancio-desk': desk!.id };

  const file = Buffer.from(profilesCsv(rows, { prefix: 'LOOP', names }).text, 'latin1');
  const scratch = mkdtempSync(path.join(tmpdir(), 'rilancio-bench-'));
  const csvPath = path.join(scratch, 'lavoratori.csv');
  writeFileSync(csvPath, file);
  say(`${rows.toLocaleString('en')} rows, ${(file.length / 1024 / 1024).toFixed(1)} MiB`);

  // Searches alone: what the machine gives when nothing else runs.
  let probe = searchProbe(base, paths);
  await probe.ready;
  const loop = eventLoopDelay();
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const idleLoop = loop.snapshot();
  const idleSearch = await probe.stop();
  say(
    `searches alone: event-loop delay ${JSON.stringify(idleLoop)} ms; search ${JSON.stringify(idleSearch)}`,
  );

  // The import, from the upload to the last batch.
  probe = searchProbe(base, paths);
  await probe.ready;
  loop.reset();
  const t = performance.now();
  // Sent by another process, as a browser would: this process only receives it.
  const upload = await runChild(
    'bench/http/upload.ts',
    [
      `${base}/api/v1/imports`,
      csvPath,
      JSON.stringify(operator),
      JSON.stringify({ entity: 'profiles', dryRun: 'false' }),
    ],
    { label: 'upload', echo: false },
  );
  const answer = upload.lines.find((l) => l.startsWith('{'));
  const res = answer ? (JSON.parse(answer) as { status: number; body: string; ms: number }) : undefined;
  rmSync(scratch, { recursive: true, force: true });
  if (res?.status !== 202)
    throw new Error(`upload answered ${res?.status}: ${res?.body ?? upload.lines.join('\n')}`);
  const uploadMs = res.ms;
  const { id } = JSON.parse(res.body) as { id: string };
  let job: { status: string; cursor: number; totalRows: number | null; counts: Record<string, number> };
  let lastLog = 0;
  for (;;) {
    job = (await (
      await fetch(`${base}/api/v1/imports/${id}?limit=1`, { headers: operator })
    ).json()) as typeof job;
    if (job.status === 'done' || job.status === 'failed') break;
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      say(
        `  ${job.status} ${job.cursor}/${job.totalRows ?? '?'} after ${((lastLog - t) / 1000).toFixed(0)} s`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const seconds = (performance.now() - t) / 1000;
  const importLoop = loop.snapshot();
  const importSearch = await probe.stop();
  await app.close();
  await search.close();
  await database.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (job.status !== 'done') throw new Error(`the import ended ${job.status}`);

  const rowsPerSecond = Math.round(rows / seconds);
  say(
    `import: ${rows} rows in ${seconds.toFixed(1)} s (${rowsPerSecond} rows/s; upload answered in ${Math.round(uploadMs)} ms), ` +
      `created ${job.counts.create}, errors ${job.counts.error}`,
  );
  say(
    `event-loop delay during the import: p50 ${importLoop.p50} ms, p99 ${importLoop.p99} ms, max ${importLoop.max} ms`,
  );
  say(
    `search latency during the import: p50 ${importSearch.p50} ms, p99 ${importSearch.p99} ms, max ${importSearch.max} ms (${importSearch.count} searches, ${importSearch.errors} errors)`,
  );
  const where = `${rows.toLocaleString('en')}-row profile CSV (${names} names) committed through POST /imports on PGlite (${storage}), ${probes} search loops from another process`;
  emit([
    {
      section: SECTION,
      name: `event-loop delay during an import (${names} names), p99`,
      value: importLoop.p99,
      unit: 'ms',
      note: `p50 ${importLoop.p50} ms, max ${importLoop.max} ms; searches alone: p50 ${idleLoop.p50}, p99 ${idleLoop.p99}, max ${idleLoop.max} ms; ${where}`,
    },
    {
      section: SECTION,
      name: `search latency during an import (${names} names), p99`,
      value: importSearch.p99,
      unit: 'ms',
      note: `p50 ${importSearch.p50} ms, max ${importSearch.max} ms, ${importSearch.count} searches, ${importSearch.errors} errors; searches alone: p50 ${idleSearch.p50}, p99 ${idleSearch.p99}, max ${idleSearch.max} ms`,
    },
    {
      section: SECTION,
      name: `import throughput while searching (${names} names)`,
      value: rowsPerSecond,
      unit: 'rows/s',
      note: `${round(seconds, 1)} s; upload answered in ${Math.round(uploadMs)} ms; created ${job.counts.create}, errors ${job.counts.error}`,
    },
  ]);
}

await main();
