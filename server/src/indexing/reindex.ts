import type { Database } from '../db/client.js';
import type { IndexedAggregate } from '../outbox/outbox.repository.js';
import type { IndexDocument } from '../search/documents.js';
import type { SearchPort } from '../search/search.port.js';
import { INDEX_OF, loadIndexDocuments, pageOfIds } from './index-documents.js';

export const INDEXED_AGGREGATES = Object.keys(INDEX_OF) as IndexedAggregate[];
const PAGE = 1000;

/** Walks every live record of a type in id order, a page of current index documents at a time. */
async function* livePages(db: Database, type: IndexedAggregate): AsyncGenerator<IndexDocument[]> {
  let after: string | null = null;
  for (;;) {
    const ids = await pageOfIds(db, type, after, PAGE);
    if (ids.length === 0) return;
    const docs = await loadIndexDocuments(db, type, ids);
    yield [...docs.values()].filter((d): d is IndexDocument => d !== null);
    after = ids[ids.length - 1]!;
  }
}

/**
 * Rebuilds one index from PostgreSQL into a shadow index and swaps it in atomically: searches keep
 * answering from the old index until the new one is complete.
 */
export async function rebuildIndex(
  db: Database,
  search: SearchPort,
  type: IndexedAggregate,
  onProgress?: (indexed: number) => void,
): Promise<number> {
  const handle = await search.beginRebuild(INDEX_OF[type]);
  let indexed = 0;
  try {
    for await (const docs of livePages(db, type)) {
      if (docs.length > 0) await handle.upsert(docs);
      indexed += docs.length;
      onProgress?.(indexed);
    }
    await handle.commit();
    return indexed;
  } catch (error) {
    await handle.abort();
    throw error;
  }
}

export async function rebuildAllIndexes(
  db: Database,
  search: SearchPort,
  onProgress?: (type: string, n: number) => void,
) {
  const counts: Partial<Record<IndexedAggregate, number>> = {};
  for (const type of INDEXED_AGGREGATES)
    counts[type] = await rebuildIndex(db, search, type, (n) => onProgress?.(type, n));
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

  const seen = new Map<string, number>();
  let after: string | undefined;
  for (;;) {
    const page = await search.listVersions(index, { after, limit: 1000 });
    for (const item of page.items) seen.set(item.id, item.version);
    if (!page.next) break;
    after = page.next;
  }

  const toUpsert: IndexDocument[] = [];
  let missing = 0;
  let stale = 0;
  for (const [id, doc] of expected) {
    const version = seen.get(id);
    if (version === undefined) missing++;
    else if (version < doc.version) stale++;
    else continue;
    toUpsert.push(doc);
  }
  const orphaned = [...seen.keys()].filter((id) => !expected.has(id));
  for (let i = 0; i < toUpsert.length; i += 500) await search.upsert(index, toUpsert.slice(i, i + 500));
  if (orphaned.length > 0) await search.delete(index, orphaned);
  return { index, missing, stale, orphaned: orphaned.length, drift: missing + stale + orphaned.length };
}
