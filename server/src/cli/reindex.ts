import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { analyzeStaleTables } from '../db/statistics.js';
import { INDEXED_AGGREGATES, rebuildFromDatabase, reconcileIndex } from '../indexing/reindex.js';
import type { IndexedAggregate } from '../outbox/outbox.repository.js';
import { createSearchAdapter } from '../search/search.factory.js';

/**
 * `npm run reindex [-- asset profile …] [--reconcile]`: rebuilds indexes from PostgreSQL (into a shadow
 * index swapped in atomically), or with --reconcile finds and repairs drift. Meaningful with Meilisearch;
 * the embedded engine is rebuilt at every start.
 */
const args = process.argv.slice(2);
const reconcile = args.includes('--reconcile');
const types = args.filter((a) => !a.startsWith('--')) as IndexedAggregate[];
for (const t of types)
  if (!INDEXED_AGGREGATES.includes(t))
    throw new Error(`unknown index ${t}; one of ${INDEXED_AGGREGATES.join(', ')}`);

const config = loadConfig();
const database = await openDatabase(config.database);
const search = await createSearchAdapter(
  config.search.kind === 'meilisearch'
    ? { meiliUrl: config.search.url, meiliApiKey: config.search.apiKey }
    : {},
);
try {
  for (const type of types.length ? types : INDEXED_AGGREGATES) {
    const started = Date.now();
    if (reconcile) console.log(JSON.stringify(await reconcileIndex(database.db, search, type)));
    else
      console.log(
        `${type}: ${await rebuildFromDatabase(database.db, search, type)} documents in ${Date.now() - started} ms`,
      );
  }
  // The embedded database has no autovacuum: a reindex is also when its statistics are brought up to date.
  const analysed = await analyzeStaleTables(database);
  console.log(`planner statistics refreshed: ${analysed.join(', ') || 'none stale'}`);
} finally {
  await search.close();
  await database.close();
}
