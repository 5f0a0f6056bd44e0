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
