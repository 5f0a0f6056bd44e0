import type { Database } from '../db/client.js';
import type { IndexedAggregate } from '../outbox/outbox.repository.js';
import type { IndexDocument } from '../search/documents.js';
import { findDrift, rebuildIndex } from '../search/search.factory.js';
import type { SearchPort } from '../search/search.port.js';
import { INDEX_OF, loadIndexDocuments, pageOfIds, type ConceptLabelCache } from './index-documents.js';

export const INDEXED_AGGREGATES = Object.keys(INDEX_OF) as IndexedAggregate[];
const PAGE = 1000;

/** Walks every live record of a type in id order, a page of current index documents at a time. */
export async function* livePages(
  db: Database,
  type: IndexedAggregate,
  labels: ConceptLabelCache = new Map(),
): AsyncGenerator<IndexDocument[]> {
  let after: string | null = null;
  for (;;) {
    const ids = await pageOfIds(db, type, after, PAGE);
    if (ids.length === 0) return;
    const docs = await loadIndexDocuments(db, type, ids, labels);
    yield [...docs.values()].filter((d): d is IndexDocument => d !== null);
    after = ids[ids.length - 1]!;
  }
}

/**
 * Rebuilds one index from PostgreSQL into a shadow index and swaps it in atomically: searches keep
 * answering from the old index until the new one is complete.
 */
export function rebuildFromDatabase(
  db: Database,
  search: SearchPort,
  type: IndexedAggregate,
  labels?: ConceptLabelCache,
): Promise<number> {
  return rebuildIndex(search, INDEX_OF[type], livePages(db, type, labels));
}

export async function rebuildAllIndexes(db: Database, search: SearchPort) {
  const counts: Partial<Record<IndexedAggregate, number>> = {};
  const labels: ConceptLabelCache = new Map();
  for (const type of INDEXED_AGGREGATES) counts[type] = await rebuildFromDatabase(db, search, type, labels);
  return counts;
}

export interface ReconcileReport {
  index: string;
  missing: number;
  stale: number;
  orphaned: number;
  drift: number;
}

/**
 * Finds and repairs drift between PostgreSQL and an index: documents missing or older than the record, and
 * documents of records that ended or no longer exist.
 */
export async function reconcileIndex(
  db: Database,
  search: SearchPort,
  type: IndexedAggregate,
): Promise<ReconcileReport> {
  const index = INDEX_OF[type];
  const expected = new Map<string, IndexDocument>();
  for await (const docs of livePages(db, type)) for (const d of docs) expected.set(d.id, d);
  const drift = await findDrift(search, index, new Map([...expected].map(([id, d]) => [id, d.version])));
  const toUpsert = [...drift.missing, ...drift.stale].map((id) => expected.get(id)!);
  for (let i = 0; i < toUpsert.length; i += 500) await search.upsert(index, toUpsert.slice(i, i + 500));
  if (drift.extra.length > 0) await search.delete(index, drift.extra);
  const report = { missing: drift.missing.length, stale: drift.stale.length, orphaned: drift.extra.length };
  return { index, ...report, drift: report.missing + report.stale + report.orphaned };
}
