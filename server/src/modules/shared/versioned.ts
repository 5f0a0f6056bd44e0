import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { authorize, authorizeCreate, readScope, type OwnedKind, type Owner } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import { NotFoundError, ValidationError, VersionConflictError } from '../../errors.js';
import { enqueueIndexing, type IndexedAggregate } from '../../outbox/outbox.repository.js';
import { assertVersion } from './lifecycle.js';
import { listRows, type ListPage } from './list-query.js';

import type { VersionedTable } from './versioned-table.js';

export type { VersionedTable };

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
  const version = await writeVersion(tx, spec, { id, expectedVersion: current.version, values });
  return { current, version };
}

/**
 * The one versioned write: `UPDATE … WHERE id = $id AND version = $expected`, the version bumped, the
 * index update enqueued in the same transaction. No row means someone else committed a change since the
 * caller read the record: a 409, never a silent overwrite (a lost update).
 */
async function writeVersion(
  tx: DbOrTx,
  spec: VersionedSpec<never>,
  change: { id: string; expectedVersion: number; values: Record<string, unknown> },
): Promise<number> {
  const version = change.expectedVersion + 1;
  const written = (await tx
    .update(spec.table)
    .set({ ...change.values, updatedAt: new Date(), version } as never)
    .where(and(eq(spec.table.id, change.id), eq(spec.table.version, change.expectedVersion)))
    .returning({ id: spec.table.id })) as { id: string }[];
  if (written.length === 0) {
    const [row] = (await tx
      .select({ version: spec.table.version })
      .from(spec.table)
      .where(eq(spec.table.id, change.id))) as { version: number }[];
    if (!row) throw new NotFoundError(spec.entity, change.id);
    throw new VersionConflictError(spec.entity, change.expectedVersion, row.version);
  }
  if (spec.indexAs) await enqueueIndexing(tx, spec.indexAs, change.id, version);
  return version;
}

/**
 * A versioned write of a record the caller read earlier without a lock (the importer compares a whole
 * batch first, then writes): authorised by the policy against the owner it read, then written only if
 * the version is still the one it read. A change committed in between answers 409 instead of being lost.
 */
export async function updateVersioned<Row>(
  tx: DbOrTx,
  spec: VersionedSpec<Row>,
  change: {
    id: string;
    expectedVersion: number;
    /** The owner of the record as read, for the policy. */
    owner: Owner;
    values: Record<string, unknown>;
    /** Who writes; a spec without an owner (a system job's) needs none. */
    principal?: Principal;
  },
): Promise<number> {
  if (spec.owned) {
    if (!change.principal) throw new Error(`changing a ${spec.entity} needs the principal`);
    authorize(change.principal, 'write', spec.owned.kind, change.owner, {
      entity: spec.entity,
      id: change.id,
    });
  }
  return writeVersion(tx, spec as unknown as VersionedSpec<never>, change);
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
  right: 'read' | 'read_personal' = 'read',
): SQL | undefined {
  const scope = readScope(principal, kind, right);
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

/** One keyset page of a table's rows (live ones unless asked), ordered by id, the next cursor and the total. */
export function pageOfRows<T extends VersionedTable>(
  db: DbOrTx,
  table: T,
  page: { limit: number; cursor?: string; includeEnded: boolean },
  where?: SQL,
): Promise<ListPage<T['$inferSelect']>> {
  return listRows(db, table, page, [where], [asc(table.id)]);
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
