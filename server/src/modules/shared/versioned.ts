import { and, asc, eq, gt, isNull, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { enqueueIndexing, type IndexedAggregate } from '../../outbox/outbox.repository.js';
import { assertVersion, toPage } from './lifecycle.js';

/** A table with the lifecycle columns every mutable entity carries. */
export type VersionedTable = PgTable & {
  id: AnyPgColumn;
  version: AnyPgColumn;
  endedAt: AnyPgColumn;
  updatedAt: AnyPgColumn;
};

interface Lifecycle {
  id: string;
  version: number;
  endedAt: Date | null;
}

/**
 * The one way an entity changes: lock the row, check the version the caller read, apply the change,
 * bump the version, and (for what search shows) enqueue the index update, all in the caller's transaction.
 */
export async function changeVersioned<Row extends Lifecycle>(
  tx: DbOrTx,
  spec: { entity: string; table: VersionedTable; indexAs?: IndexedAggregate },
  id: string,
  sentVersion: number,
  change: (current: Row) => Promise<Record<string, unknown>> | Record<string, unknown>,
  options: { allowEnded?: boolean } = {},
): Promise<{ current: Row; version: number }> {
  const [current] = (await tx.select().from(spec.table).where(eq(spec.table.id, id)).for('update')) as Row[];
  if (!current) throw new NotFoundError(spec.entity, id);
  assertVersion(spec.entity, sentVersion, current.version);
  if (current.endedAt && !options.allowEnded)
    throw new ValidationError([{ path: 'id', reason: `the ${spec.entity} has ended` }]);
  const values = await change(current);
  const version = current.version + 1;
  await tx
    .update(spec.table)
    .set({ ...values, updatedAt: new Date(), version } as never)
    .where(eq(spec.table.id, id));
  if (spec.indexAs) await enqueueIndexing(tx, spec.indexAs, id, version);
  return { current, version };
}

/** Ends a record: it stays, with its end date, and leaves search. */
export function endVersioned<Row extends Lifecycle>(
  tx: DbOrTx,
  spec: { entity: string; table: VersionedTable; indexAs?: IndexedAggregate },
  id: string,
  sentVersion: number,
) {
  return changeVersioned<Row>(
    tx,
    spec,
    id,
    sentVersion,
    (current) => ({ endedAt: current.endedAt ?? new Date() }),
    {
      allowEnded: true,
    },
  );
}

/** One keyset page of a table's rows (live ones unless asked), ordered by id, plus the next cursor. */
export async function pageOfRows<T extends VersionedTable>(
  db: DbOrTx,
  table: T,
  page: { limit: number; cursor?: string; includeEnded: boolean },
  where?: SQL,
): Promise<{ items: T['$inferSelect'][]; nextCursor: string | null }> {
  const rows = (await db
    .select()
    .from(table as PgTable)
    .where(
      and(
        page.cursor ? gt(table.id, page.cursor) : undefined,
        page.includeEnded ? undefined : isNull(table.endedAt),
        where,
      ),
    )
    .orderBy(asc(table.id))
    .limit(page.limit + 1)) as (T['$inferSelect'] & { id: string })[];
  return toPage(rows, page.limit);
}

/** A row by id, or the entity's 404. */
export async function rowOr404<T extends VersionedTable>(
  db: DbOrTx,
  table: T,
  id: string,
  entity: string,
): Promise<T['$inferSelect']> {
  const [row] = await db
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id));
  if (!row) throw new NotFoundError(entity, id);
  return row as T['$inferSelect'];
}
