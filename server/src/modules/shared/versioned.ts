import { and, asc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { authorize, authorizeCreate, readScope, type OwnedKind, type Owner } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
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
 * What the versioned helpers need to know of an entity. A desk- or firm-owned entity names its kind and
 * how to read its owner from a row, so every change is authorised by the one policy (auth/policy.ts)
 * before anything else, the version check included (a stale version must not reveal that a foreign
 * record exists).
 */
export interface VersionedSpec<Row = never> {
  entity: string;
  table: VersionedTable;
  indexAs?: IndexedAggregate;
  owned?: { kind: OwnedKind; owner: (row: Row) => Owner };
}

/**
 * The one way an entity changes: lock the row, check the caller may change it and the version they read,
 * apply the change, bump the version, and (for what search shows) enqueue the index update, all in the
 * caller's transaction.
 */
export async function changeVersioned<Row extends Lifecycle>(
  tx: DbOrTx,
  spec: VersionedSpec<Row>,
  id: string,
  sentVersion: number,
  change: (current: Row) => Promise<Record<string, unknown>> | Record<string, unknown>,
  options: { allowEnded?: boolean; principal?: Principal } = {},
): Promise<{ current: Row; version: number }> {
  const [current] = (await tx.select().from(spec.table).where(eq(spec.table.id, id)).for('update')) as Row[];
  if (!current) throw new NotFoundError(spec.entity, id);
  if (spec.owned) {
    if (!options.principal) throw new Error(`changing a ${spec.entity} needs the principal`);
    authorize(options.principal, 'write', spec.owned.kind, spec.owned.owner(current), {
      entity: spec.entity,
      id,
    });
  }
  assertVersion(spec.entity, sentVersion, current.version);
  if (current.endedAt && !options.allowEnded)
    throw new ValidationError([{ path: 'id', reason: `the ${spec.entity} has ended` }]);
  const values = await change(current);
  // A change that moves the record (another desk or firm) must land where the principal may write too.
  if (spec.owned && options.principal)
    authorizeCreate(
      options.principal,
      spec.owned.kind,
      spec.owned.owner({ ...current, ...values }),
      spec.entity,
    );
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
  spec: VersionedSpec<Row>,
  id: string,
  sentVersion: number,
  principal?: Principal,
) {
  return changeVersioned<Row>(
    tx,
    spec,
    id,
    sentVersion,
    (current) => ({ endedAt: current.endedAt ?? new Date() }),
    { allowEnded: true, principal },
  );
}

/** A row by id that the principal may read under the policy, or the entity's 404. */
export async function readableRowOr404<Row>(
  db: DbOrTx,
  spec: VersionedSpec<Row> & { owned: NonNullable<VersionedSpec<Row>['owned']> },
  id: string,
  principal: Principal,
): Promise<Row> {
  const row = (await rowOr404(db, spec.table, id, spec.entity)) as Row;
  authorize(principal, 'read', spec.owned.kind, spec.owned.owner(row), { entity: spec.entity, id });
  return row;
}

/**
 * The SQL filter that confines a list to what the policy lets the principal read: nothing extra for
 * network-wide readers, their desk's or firm's rows otherwise, and no rows at all for the rest.
 */
export function readScopeFilter(
  principal: Principal,
  kind: OwnedKind,
  columns: { deskId?: AnyPgColumn; firmId?: AnyPgColumn; createdBy?: AnyPgColumn },
): SQL | undefined {
  const scope = readScope(principal, kind);
  if (scope === null) return sql`false`;
  const parts: SQL[] = [];
  for (const key of ['deskId', 'firmId', 'createdBy'] as const) {
    const value = scope[key];
    if (value === undefined) continue;
    const column = columns[key];
    if (!column) return sql`false`;
    parts.push(eq(column, value));
  }
  return parts.length ? and(...parts) : undefined;
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
