import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { analyzeStaleTables } from '../db/statistics.js';
import { askProcessesToCheck, pinLog, rewindShared } from '../indexing/change-log.js';
import { SHARED_SEARCH_READER } from '../indexing/outbox-relay.js';
import type { ProcessCheckReport } from '../indexing/process-check.js';
import { INDEXED_AGGREGATES, rebuildFromDatabase, reconcileIndex } from '../indexing/reindex.js';
import type { IndexedAggregate } from '../outbox/outbox.repository.js';
import { createSearchAdapter } from '../search/search.factory.js';

/**
 * `npm run reindex [-- asset profile …] [--reconcile]`: rebuilds indexes from PostgreSQL (into a shadow
 * index swapped in atomically), or with --reconcile finds and repairs drift.
 *
 * - Meilisearch (one index for every process): done here, under the `reindex` lock, and the shared
 *   change-log reader replays from where the rebuild started (what the shadow may have missed).
 * - The embedded engine lives in each server process's memory, rebuilt at every start: --reconcile asks
 *   every live process (through the database) to compare its search and match indexes with the tables,
 *   repair and report; the total drift is printed last.
 */
const args = process.argv.slice(2);
const reconcile = args.includes('--reconcile');
const types = args.filter((a) => !a.startsWith('--')) as IndexedAggregate[];
for (const t of types)
  if (!INDEXED_AGGREGATES.includes(t))
    throw new Error(`unknown index ${t}; one of ${INDEXED_AGGREGATES.join(', ')}`);

const config = loadConfig();
const database = await openDatabase(config.database);
try {
  if (config.search.kind === 'embedded') await embedded();
  else await meilisearch(config.search);
  // The embedded database has no autovacuum: a reindex is also when its statistics are brought up to date.
  const analysed = await analyzeStaleTables(database);
  console.log(`planner statistics refreshed: ${analysed.join(', ') || 'none stale'}`);
} finally {
  await database.close();
}

async function embedded() {
  if (!reconcile || database.kind === 'pglite') {
    console.log(
      database.kind === 'pglite'
        ? 'The embedded search engine is rebuilt from the database at every start: nothing to do.'
        : 'The embedded search engine lives in each server process and is rebuilt at every start; ' +
            '`--reconcile` checks and repairs the running processes.',
    );
    return;
  }
  const { answered, silent, gone } = await askProcessesToCheck(database.db);
  for (const g of gone)
    console.log(JSON.stringify({ process: g, note: 'stopped heartbeating: not running' }));
  if (answered.length === 0 && silent.length === 0) {
    console.log('No server process is running: nothing to check (each rebuilds its indexes at start).');
    return;
  }
  let drift = 0;
  for (const a of answered) {
    const report = a.report as Partial<ProcessCheckReport> & { error?: string };
    if (report.error) {
      console.log(JSON.stringify({ process: a.reader, error: report.error }));
      process.exitCode = 1;
      continue;
    }
    drift += report.drift ?? 0;
    console.log(JSON.stringify({ process: a.reader, ...report }));
  }
  for (const s of silent) console.log(JSON.stringify({ process: s, error: 'did not answer in time' }));
  if (silent.length > 0) process.exitCode = 1;
  console.log(`drift: ${drift} across ${answered.length} process(es)`);
}

async function meilisearch(search: { url: string; apiKey: string | undefined; indexPrefix: string }) {
  const engine = await createSearchAdapter({
    meiliUrl: search.url,
    meiliApiKey: search.apiKey,
    indexPrefix: search.indexPrefix,
  });
  try {
    const run = await database.tryWithLock('reindex', async () => {
      // Rows written during the rebuild may miss the shadow index: the shared reader replays from here.
      const pin = reconcile ? undefined : await pinLog(database.db);
      try {
        let drift = 0;
        for (const type of types.length ? types : INDEXED_AGGREGATES) {
          const started = Date.now();
          if (reconcile) {
            const report = await reconcileIndex(database.db, engine, type);
            drift += report.drift;
            console.log(JSON.stringify(report));
          } else
            console.log(
              `${type}: ${await rebuildFromDatabase(database.db, engine, type)} documents in ${Date.now() - started} ms`,
            );
        }
        if (reconcile) console.log(`drift: ${drift}`);
      } finally {
        if (pin) {
          await rewindShared(database.db, SHARED_SEARCH_READER, pin.position);
          await pin.release();
        }
      }
    });
    if (!run.acquired) {
      console.error('Another process is rebuilding the search index; nothing done. Try again later.');
      process.exitCode = 75;
    }
  } finally {
    await engine.close();
  }
}
