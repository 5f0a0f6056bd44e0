import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseHandle } from './db/client.js';
import { ensureDemoConsents, ensureDemoUsers } from './demo/demo-users.js';
import { isDatabaseEmpty, seedDemoData } from './demo/demo.seeder.js';
import { rebuildAllIndexes } from './indexing/reindex.js';
import { loadReferenceData } from './reference/reference.loader.js';
import type { SearchPort } from './search/search.port.js';

/**
 * What `npm start` does before serving: apply migrations, load the reference data (idempotent, skipped
 * when unchanged) and, on an empty database, the demo data set.
 */
export async function prepareDatabase(
  database: DatabaseHandle,
  options: { demo: boolean; log: FastifyBaseLogger },
) {
  const started = Date.now();
  await database.migrate();
  const report = await loadReferenceData(database.db);
  options.log.info({ loaded: report.loaded, ms: Date.now() - started }, 'database ready');
  if (options.demo && (await isDatabaseEmpty(database.db))) {
    const seeded = await seedDemoData(database.db);
    options.log.info({ counts: seeded.counts, ms: seeded.millis }, 'demo data loaded');
  }
  if (options.demo && (await ensureDemoUsers(database.db)) > 0) options.log.info('demo accounts created');
  if (options.demo) await ensureDemoConsents(database.db);
}

/** Demo data: always when asked, by default only on the embedded database (never on a real PostgreSQL). */
export function demoEnabled(demoData: 'auto' | 'always' | 'never', kind: DatabaseHandle['kind']): boolean {
  return demoData === 'always' || (demoData === 'auto' && kind === 'pglite');
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
