import { insertRows } from '../db/bulk-insert.js';
import type { DbOrTx } from '../db/client.js';
import { outbox } from '../db/schema.js';

export type IndexedAggregate = 'asset' | 'profile' | 'need' | 'firm' | 'opportunity';

/**
 * Records, inside the caller's transaction, that an aggregate changed and the search index must catch up.
 * Called by every write that changes what search shows: the change and this row commit or roll back together.
 */
export async function enqueueIndexing(
  tx: DbOrTx,
  aggregateType: IndexedAggregate,
  aggregateId: string,
  version: number,
) {
  await tx.insert(outbox).values({ aggregateType, aggregateId, version });
}

/** The outbox rows of many changed aggregates, in as few statements as possible: the same rows as above. */
export async function enqueueIndexingMany(
  tx: DbOrTx,
  aggregateType: IndexedAggregate,
  rows: readonly { id: string; version: number }[],
) {
  await insertRows(
    tx,
    outbox,
    rows.map((r) => ({ aggregateType, aggregateId: r.id, version: r.version })),
  );
}
