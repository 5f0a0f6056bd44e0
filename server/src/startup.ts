import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseHandle } from './db/client.js';
import { rebuildAllIndexes } from './indexing/reindex.js';
import { loadReferenceData } from './reference/reference.loader.js';
import type { SearchPort } from './search/search.port.js';

/**
 * What `npm start` does before serving: apply migrations, load the reference data (idempotent, skipped
 * when unchanged) and, on an empty database, the demo data set.
 */
export async function prepareDatabase(
  database: DatabaseHandle,
  options: { demoData: 'auto' | 'always' | 'never'; log: FastifyBaseLogger },
) {
  const started = Date.now();
  await database.migrate();
  const report = await loadReferenceData(database.db);
  options.log.info({ loaded: report.loaded, ms: Date.now() - started }, 'database ready');
}

/**
 * The embedded engine lives in memory: it is rebuilt from PostgreSQL at every start. Meilisearch keeps its
 * index; the relay and `npm run reindex` keep it in step.
 */
export async function prepareSearch(
  database: DatabaseHandle,
  search: SearchPort,
  options: { rebuild: boolean; log: FastifyBaseLogger },
) {
  if (!options.rebuild) return;
  const started = Date.now();
  const counts = await rebuildAllIndexes(database.db, search);
  options.log.info({ counts, ms: Date.now() - started }, 'search index built');
}
