import { randomUUID } from 'node:crypto';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { insertRows } from '../../db/bulk-insert.js';
import type { DbOrTx } from '../../db/client.js';
import { enqueueIndexingMany, type IndexedAggregate } from '../../outbox/outbox.repository.js';

/**
 * Inserts new records of an indexed entity and enqueues their index updates, in the caller's transaction
 * (one JSON-parameter statement per thousand rows: `insertRows`). Ids are drawn here unless given, so
 * the result is in the order given whatever order the database returns the rows in.
 */
export async function insertIndexed<T extends PgTable & { id: AnyPgColumn; version: AnyPgColumn }>(
  tx: DbOrTx,
  table: T,
  indexAs: IndexedAggregate,
  values: readonly T['$inferInsert'][],
): Promise<{ id: string; version: number }[]> {
  const withIds = values.map((v) => ({ ...v, id: (v as { id?: string }).id ?? randomUUID() }));
  const written = (await insertRows(tx, table as PgTable, withIds as never, {
    returning: ['id', 'version'] as never,
  })) as unknown as { id: string; version: number }[];
  const versionOf = new Map(written.map((r) => [r.id, r.version]));
  const rows = withIds.map((v) => ({ id: v.id, version: versionOf.get(v.id)! }));
  await enqueueIndexingMany(tx, indexAs, rows);
  return rows;
}
