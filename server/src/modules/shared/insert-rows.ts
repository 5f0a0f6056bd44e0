import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { enqueueIndexingMany, type IndexedAggregate } from '../../outbox/outbox.repository.js';

/** Rows per multi-row insert: far below PostgreSQL's 65,535 parameters for our widest table. */
export const INSERT_CHUNK = 500;

/**
 * Inserts new records of an indexed entity in multi-row statements and enqueues their index updates, in
 * the caller's transaction. Returns id and version in the order given (PostgreSQL returns the rows of an
 * `INSERT … VALUES` in the order of the values). Each statement waits for a turn of the event loop first:
 * on PGlite a statement runs on the server thread, and a batch's statements would otherwise follow one
 * another without a break (finding 17).
 */
export async function insertIndexed<T extends PgTable & { id: AnyPgColumn; version: AnyPgColumn }>(
  tx: DbOrTx,
  table: T,
  indexAs: IndexedAggregate,
  values: readonly T['$inferInsert'][],
): Promise<{ id: string; version: number }[]> {
  const rows: { id: string; version: number }[] = [];
  for (let i = 0; i < values.length; i += INSERT_CHUNK) {
    await nextTurn();
    rows.push(
      ...((await tx
        .insert(table as PgTable)
        .values(values.slice(i, i + INSERT_CHUNK) as never)
        .returning({ id: table.id, version: table.version })) as { id: string; version: number }[]),
    );
  }
  await enqueueIndexingMany(tx, indexAs, rows);
  return rows;
}
