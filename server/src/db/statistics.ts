import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from './client.js';

/**
 * Planner statistics. PostgreSQL's autovacuum keeps them current; PGlite has no autovacuum, and a plan
 * made on empty-table statistics once froze every request for 38 s at 22,000 profiles (231 ms after
 * ANALYZE). So we do autovacuum's analyze by hand: a table is analysed when the rows changed since its
 * last ANALYZE exceed autovacuum's default threshold (50 + 10 % of its rows), or when it was never
 * analysed. Called after seed, import and reindex, and every minute on the embedded database.
 *
 * On PGlite an ANALYZE runs on the server's thread and holds every request while it samples: at the
 * default target it reads up to 30,000 rows of a table and evaluates the duplicate-check expressions for
 * each (870 ms for 30,000 profiles). A target of QUICK_STATISTICS_TARGET samples 1,500, which is what
 * plans at the embedded database's sizes need (row counts and coarse frequencies), in at most about
 * 50 ms (issue 10, item 5; a target of 10 took up to 89 ms of the thread during a 100,000-row import).
 * PostgreSQL keeps its own default here; an import asks `analyzeTable` for quick refreshes while a table
 * grows (`importSettingsFor`). `only` names the tables that may be analysed (the others wait).
 */
export async function analyzeStaleTables(
  handle: DatabaseHandle,
  only?: readonly string[],
): Promise<string[]> {
  const { db } = handle;
  // The counters are flushed lazily; PGlite's single backend would otherwise show none of its own writes.
  if (handle.kind === 'pglite') await db.execute(sql`select pg_stat_force_next_flush()`);
  const result = await db.execute<{ relname: string }>(sql`
    select relname from pg_stat_user_tables
    where schemaname = 'public'
      and (n_mod_since_analyze > 50 + 0.1 * n_live_tup
           or (last_analyze is null and last_autoanalyze is null and n_live_tup > 0))
    order by relname`);
  const rows = Array.isArray(result) ? result : (result as { rows: { relname: string }[] }).rows;
  const tables = rows.map((r) => r.relname).filter((table) => !only || only.includes(table));
  // One table at a time: on PGlite a statement holds the (shared) event loop while it runs, and the
  // client gives the loop a turn between statements (db/pglite-turns.ts).
  for (const table of tables) await analyzeTable(handle, table, handle.kind === 'pglite');
  return tables;
}

export const QUICK_STATISTICS_TARGET = 5;

/** One table's ANALYZE: `quick` samples with QUICK_STATISTICS_TARGET, in this statement alone. */
export async function analyzeTable(handle: DatabaseHandle, table: string, quick: boolean): Promise<void> {
  const statement = sql`analyze ${sql.identifier(table)}`;
  if (!quick) {
    await handle.db.execute(statement);
    return;
  }
  // In one transaction, so the lower target is this ANALYZE's alone (PGlite's session is shared).
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local default_statistics_target = ${QUICK_STATISTICS_TARGET}`));
    await tx.execute(statement);
  });
}

/** Every minute on the embedded database; nothing on PostgreSQL, whose autovacuum does it. */
export function keepStatisticsCurrent(
  handle: DatabaseHandle,
  onError: (error: unknown) => void,
  everyMs = 60_000,
): () => void {
  if (handle.kind !== 'pglite') return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    analyzeStaleTables(handle)
      .catch(onError)
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
