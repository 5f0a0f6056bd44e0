import type { Database } from '../db/client.js';
import type { MatchFeed, MatchReconcileReport } from '../modules/matching/index/match-index.feed.js';
import type { SearchPort } from '../search/search.port.js';
import { INDEXED_AGGREGATES, reconcileIndex, type ReconcileReport } from './reindex.js';

export interface ProcessCheckReport {
  /** This process's embedded search index, or null when the search index is shared (Meilisearch). */
  search: ReconcileReport[] | null;
  match: MatchReconcileReport[];
  /** Records that were missing, stale or orphaned in this process's indexes (and are repaired now). */
  drift: number;
  ms: number;
}

/**
 * Compares this process's in-memory indexes with the tables and repairs them: what a process answers
 * when `npm run reindex -- --reconcile` asks (change-log.ts, askProcessesToCheck).
 */
export async function checkProcessIndexes(
  db: Database,
  embeddedSearch: SearchPort | null,
  matchFeed: MatchFeed,
): Promise<ProcessCheckReport> {
  const started = Date.now();
  let search: ReconcileReport[] | null = null;
  if (embeddedSearch) {
    search = [];
    for (const type of INDEXED_AGGREGATES) search.push(await reconcileIndex(db, embeddedSearch, type));
  }
  const match = await matchFeed.reconcile();
  const drift =
    (search ?? []).reduce((n, r) => n + r.drift, 0) +
    match.reduce((n, r) => n + r.missing + r.stale + r.orphaned, 0);
  return { search, match, drift, ms: Date.now() - started };
}
