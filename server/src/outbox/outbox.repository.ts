import { setImmediate as nextTurn } from 'node:timers/promises';
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

/** Rows per statement in bulk writes: far below PostgreSQL's 65,535 parameters whatever the width. */
export const OUTBOX_CHUNK = 2000;

/** The outbox rows of many changed aggregates, in as few statements as possible: the same rows as above. */
export async function enqueueIndexingMany(
  tx: DbOrTx,
  aggregateType: IndexedAggregate,
  rows: readonly { id: string; version: number }[],
) {
  for (let i = 0; i < rows.length; i += OUTBOX_CHUNK) {
    await nextTurn(); // PGlite: give the event loop back between statements (finding 17)
    await tx
      .insert(outbox)
      .values(
        rows
          .slice(i, i + OUTBOX_CHUNK)
          .map((r) => ({ aggregateType, aggregateId: r.id, version: r.version })),
      );
  }
}
