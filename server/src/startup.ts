import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseHandle } from './db/client.js';
import { assertSchemaKnown } from './db/schema-version.js';
import { analyzeStaleTables } from './db/statistics.js';
import { ensureDemoHistory } from './demo/demo-history.js';
import { ensureDemoConsents, ensureDemoUsers } from './demo/demo-users.js';
import { isDatabaseEmpty, seedDemoData } from './demo/demo.seeder.js';
import { rebuildAllIndexes } from './indexing/reindex.js';
import type { MatchFeed } from './modules/matching/index/match-index.feed.js';
import { loadReferenceData } from './reference/reference.loader.js';
import type { SearchPort } from './search/search.port.js';

/**
 * What `npm start` does before serving: apply migrations, load the reference data (idempotent, skipped
 * when unchanged) and, on an empty database, the demo data set. Several processes may start at once on
 * one PostgreSQL: they take turns (the `startup` lock), so one migrates and seeds while the others wait
 * and then find nothing left to do.
 */
export async function prepareDatabase(
  database: DatabaseHandle,
  options: { demo: boolean; log: FastifyBaseLogger },
) {
  await database.withLock('startup', () => prepareDatabaseAlone(database, options));
}

async function prepareDatabaseAlone(
  database: DatabaseHandle,
  options: { demo: boolean; log: FastifyBaseLogger },
) {
  const started = Date.now();
  await database.migrate();
  await assertSchemaKnown(database.db);
  const report = await loadReferenceData(database.db);
  options.log.info({ loaded: report.loaded, ms: Date.now() - started }, 'database ready');
  const seededNow = options.demo && (await isDatabaseEmpty(database.db));
  if (seededNow) {
    const seeded = await seedDemoData(database.db);
    options.log.info({ counts: seeded.counts, ms: seeded.millis }, 'demo data loaded');
  }
  if (options.demo && (await ensureDemoUsers(database.db)) > 0) options.log.info('demo accounts created');
  if (options.demo) await ensureDemoConsents(database.db);
  // Once, on the set just loaded: an existing network is never given invented history.
  if (seededNow) {
    const rows = await ensureDemoHistory(database.db);
    options.log.info({ rows }, 'demo matching history loaded');
  }
  const analysing = Date.now();
  const analysed = await analyzeStaleTables(database);
  if (analysed.length > 0)
    options.log.info({ tables: analysed.length, ms: Date.now() - analysing }, 'planner statistics refreshed');
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

/**
 * The match index lives in memory: built from the database at every start (a page at a time), then kept
 * current by this process's change-log reader; a reconcile every few minutes is a safety net only (it
 * reports drift, which the change log should leave none of).
 */
export async function prepareMatching(
  feed: MatchFeed,
  options: { log: FastifyBaseLogger; reconcileEveryMs?: number },
) {
  const started = Date.now();
  const counts = await feed.build();
  options.log.info({ counts, ms: Date.now() - started }, 'match index built');
  const every = options.reconcileEveryMs ?? 5 * 60_000;
  const timer = setInterval(() => {
    feed
      .reconcile()
      .then((reports) => {
        const drift = reports.filter((r) => r.missing + r.stale + r.orphaned > 0);
        if (drift.length > 0) options.log.warn({ drift }, 'match index drift repaired');
      })
      .catch((error: unknown) => options.log.error({ err: error }, 'match index reconcile failed'));
  }, every);
  timer.unref();
  return () => clearInterval(timer);
}
