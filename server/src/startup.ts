import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseHandle } from './db/client.js';
import { loadReferenceData } from './reference/reference.loader.js';

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
