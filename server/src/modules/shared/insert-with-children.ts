import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import type { IndexedAggregate } from '../../outbox/outbox.repository.js';
import { insertIndexed } from './insert-rows.js';

/** A new record: the columns of its own row and the lists kept in child tables. */
export interface NewRecordWithChildren<T extends PgTable, Children> {
  columns: T['$inferInsert'];
  children: Children;
}

/**
 * Inserts new records of an indexed entity whose lists live in child tables: the rows in multi-row
 * statements (with their index updates), then each record's children, in the caller's transaction.
 * Returns the ids in the order given.
 */
export async function insertIndexedWithChildren<
  T extends PgTable & { id: AnyPgColumn; version: AnyPgColumn },
  Children,
>(
  tx: DbOrTx,
  records: {
    table: T;
    indexAs: IndexedAggregate;
    items: readonly NewRecordWithChildren<T, Children>[];
    replaceChildren: (tx: DbOrTx, id: string, children: Children) => Promise<void>;
  },
): Promise<string[]> {
  const { table, indexAs, items, replaceChildren } = records;
  const rows = await insertIndexed(
    tx,
    table,
    indexAs,
    items.map((i) => i.columns),
  );
  for (const [i, row] of rows.entries()) await replaceChildren(tx, row.id, items[i]!.children);
  return rows.map((r) => r.id);
}
