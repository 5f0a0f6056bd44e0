import { eq, inArray } from 'drizzle-orm';
import { authorize } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { auditLog } from '../../db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { assertVersion, refuseIfChangedSinceMerge } from '../shared/lifecycle.js';
import { toIso } from '../shared/schemas.js';
import { changeVersioned } from '../shared/versioned.js';
import type { AssetsService } from '../assets/index.js';
import type { FirmsService } from '../firms/index.js';
import { ASSET_MERGE, FIRM_MERGE, type Carried, type MergeKind, type Moved } from './merge-kinds.js';
import { planMerge } from './merge-plan.js';
import {
  insertRecordMerge,
  lockRecordMerge,
  pendingRecordMergeTouching,
  recordMergesOf,
  settleRecordMerge,
  type RecordMergeBefore,
  type RecordMergeMoves,
  type RecordMergeRow,
} from './record-merges.repository.js';

type Row = { id: string; version: number; endedAt: Date | null; mergedInto: string | null };

export interface RecordMergeView<Field extends string> {
  id: string;
  state: 'pending' | 'confirmed' | 'undone';
  kept: { id: string; label: string };
  merged: { id: string; label: string };
  fromOther: Field[];
  carried: { what: Carried; count: number }[];
  mergedAt: string;
  settledAt: string | null;
}

/**
 * Merging a second listing of one asset, or a second record of one firm, into the first (issue 16):
 * the life of a person's merge (modules/profile-merges) for records without personal data. A preview;
 * then one transaction fills the kept record, points every row that pointed at the other record at it,
 * and ends the other with a mark of where it went; until someone confirms it, an undo puts everything
 * back. Both records must be ones the principal may change (the one policy); every step is audited.
 */
export function createRecordMergesService<R extends Row, Field extends string, View>(
  db: Database,
  kind: MergeKind<R, Field>,
  views: (rows: R[]) => Promise<View[]>,
) {
  const { spec, table } = kind;
  const owner = spec.owned.owner;

  async function loadPair(tx: DbOrTx, keptId: string, otherId: string, principal: Principal, lock: boolean) {
    if (keptId === otherId)
      throw new ValidationError([{ path: 'otherId', reason: 'a record cannot be merged with itself' }]);
    const query = tx
      .select()
      .from(table)
      .where(inArray(table.id, [keptId, otherId]));
    const rows = (await (lock ? query.for('update') : query)) as unknown as R[];
    const kept = rows.find((r) => r.id === keptId);
    const other = rows.find((r) => r.id === otherId);
    if (!kept) throw new NotFoundError(kind.kind, keptId);
    authorize(principal, 'write', spec.owned.kind, owner(kept), { entity: kind.kind, id: keptId });
    if (!other) throw new ValidationError([{ path: 'otherId', reason: `unknown ${kind.kind}` }]);
    authorize(principal, 'write', spec.owned.kind, owner(other), { entity: kind.kind, id: otherId });
    for (const [path, row] of [
      ['id', kept],
      ['otherId', other],
    ] as const)
      if (row.endedAt) throw new ValidationError([{ path, reason: `the ${kind.kind} has ended` }]);
    const refused = kind.refuse(kept, other);
    if (refused) throw new ValidationError([refused]);
    return { kept, other };
  }

  async function audit(
    tx: DbOrTx,
    principal: Principal,
    action: string,
    merge: RecordMergeRow,
    details = {},
  ) {
    await tx.insert(auditLog).values(
      [merge.keptId, merge.mergedId].map((subjectId) => ({
        actorUserId: principal.userId,
        actorRole: principal.role,
        action: `${kind.kind}.${action}`,
        subjectType: kind.kind,
        subjectId,
        details: { mergeId: merge.id, keptId: merge.keptId, mergedId: merge.mergedId, ...details },
      })),
    );
  }

  /**
   * One entry per moved row whose kind says so (a firm's accounts), in the form a change of that row by
   * hand writes, so a desk reading one account's history sees that it moved, why and back.
   */
  async function auditMovedRows(
    tx: DbOrTx,
    principal: Principal,
    merge: RecordMergeRow,
    moved: RecordMergeMoves['rows'],
    direction: { from: string; to: string },
  ) {
    const entries = kind.references.flatMap((reference) =>
      reference.audited
        ? (moved[reference.name]?.ids ?? []).map((subjectId) => ({
            actorUserId: principal.userId,
            actorRole: principal.role,
            action: `${reference.audited!.subjectType}.changed`,
            subjectType: reference.audited!.subjectType,
            subjectId,
            details: {
              from: { [reference.audited!.column]: direction.from },
              to: { [reference.audited!.column]: direction.to },
              [`${kind.kind}MergeId`]: merge.id,
            },
          }))
        : [],
    );
    if (entries.length > 0) await tx.insert(auditLog).values(entries);
  }

  async function lockForSettling(tx: DbOrTx, id: string, principal: Principal) {
    const merge = await lockRecordMerge(tx, kind.kind, id);
    if (!merge) throw new NotFoundError('merge', id);
    // Settling it is a change to both records, as the merge was: the principal must be allowed to change both.
    const rows = (await tx
      .select()
      .from(table)
      .where(inArray(table.id, [merge.keptId, merge.mergedId]))) as unknown as R[];
    if (rows.length !== 2) throw new NotFoundError('merge', id);
    for (const row of rows)
      authorize(principal, 'write', spec.owned.kind, owner(row), { entity: 'merge', id });
    if (merge.state !== 'pending')
      throw new ConflictError('MERGE_SETTLED', `This merge was already ${merge.state}`, [
        { path: 'id', reason: `the merge is ${merge.state}` },
      ]);
    return merge;
  }

  async function toViews(tx: DbOrTx, merges: RecordMergeRow[]): Promise<RecordMergeView<Field>[]> {
    const ids = [...new Set(merges.flatMap((m) => [m.keptId, m.mergedId]))];
    const rows =
      ids.length === 0
        ? []
        : ((await tx.select().from(table).where(inArray(table.id, ids))) as unknown as R[]);
    const labels = new Map(rows.map((r) => [r.id, kind.label(r)]));
    return merges.map((m) => {
      const moved = m.moved as RecordMergeMoves;
      return {
        id: m.id,
        state: m.state as RecordMergeView<Field>['state'],
        kept: { id: m.keptId, label: labels.get(m.keptId) ?? '' },
        merged: { id: m.mergedId, label: labels.get(m.mergedId) ?? '' },
        fromOther: moved.fromOther as Field[],
        carried: Object.entries(moved.rows).map(([what, rows]) => ({
          what: what as Carried,
          count: (rows as Moved).ids.length,
        })),
        mergedAt: toIso(m.mergedAt)!,
        settledAt: toIso(m.settledAt),
      };
    });
  }

  /** Unique columns the kept record takes from the other: the other lets go of them first. */
  const uniqueTaken = (columns: Partial<R>) =>
    kind.unique.filter((c) => Object.hasOwn(columns, c) && columns[c] !== null);

  async function clashes(tx: DbOrTx, otherId: string, keptId: string) {
    const errors = [];
    for (const reference of kind.references) {
      const clash = await reference.clash?.(tx, otherId, keptId);
      if (clash) errors.push(clash);
    }
    if (errors.length > 0) throw new ValidationError(errors);
  }

  return {
    async preview(keptId: string, body: { otherId: string; take: Field[] }, principal: Principal) {
      const read = await db.transaction(async (tx) => {
        const { kept, other } = await loadPair(tx, keptId, body.otherId, principal, false);
        await clashes(tx, other.id, kept.id);
        const carried = [];
        for (const reference of kind.references)
          carried.push({ what: reference.name, count: await reference.count(tx, other.id) });
        return { kept, other, carried };
      });
      const { kept, other, carried } = read;
      const plan = planMerge(kind, kept, other, new Set(body.take));
      // After the transaction: the views read the database on their own (PGlite has one connection).
      const [keptView, otherView, result] = await views([kept, other, { ...kept, ...plan.columns }]);
      return {
        kept: keptView!,
        other: otherView!,
        result: result!,
        differences: plan.differences,
        fromOther: plan.fromOther,
        carried,
      };
    },

    async merge(
      keptId: string,
      body: { otherId: string; take: Field[]; keptVersion: number; otherVersion: number },
      principal: Principal,
    ): Promise<RecordMergeView<Field>> {
      return db.transaction(async (tx) => {
        const { kept, other } = await loadPair(tx, keptId, body.otherId, principal, true);
        assertVersion(kind.kind, body.keptVersion, kept.version);
        if (body.otherVersion !== other.version)
          throw new ConflictError('VERSION_CONFLICT', 'The other record was changed by someone else', [
            { path: 'otherVersion', reason: `current version is ${other.version}` },
          ]);
        const waiting = await pendingRecordMergeTouching(tx, kind.kind, [kept.id, other.id]);
        if (waiting)
          throw new ConflictError('MERGE_PENDING', 'A merge of one of these records waits for confirmation', [
            {
              path: waiting.keptId === keptId || waiting.mergedId === keptId ? 'id' : 'otherId',
              reason: 'a merge is pending',
            },
          ]);
        await clashes(tx, other.id, kept.id);
        const plan = planMerge(kind, kept, other, new Set(body.take));
        const released = uniqueTaken(plan.columns);
        const before: RecordMergeBefore = {
          kept: Object.fromEntries(Object.keys(plan.columns).map((c) => [c, kept[c as keyof R]])),
          other: Object.fromEntries(released.map((c) => [c, other[c]])),
        };
        // The other record ends first, letting go of the unique ids the kept record takes over.
        const mergedVersion = (
          await changeVersioned<R>(
            tx,
            spec,
            other.id,
            other.version,
            () => ({
              endedAt: new Date(),
              mergedInto: kept.id,
              ...Object.fromEntries(released.map((c) => [c, null])),
            }),
            { principal },
          )
        ).version;
        const keptVersion = (
          await changeVersioned<R>(tx, spec, kept.id, kept.version, () => plan.columns, { principal })
        ).version;
        const rows: RecordMergeMoves['rows'] = {};
        for (const reference of kind.references)
          rows[reference.name] = await reference.move(tx, other.id, kept.id);
        const moves: RecordMergeMoves = { fromOther: plan.fromOther, rows };
        const merge = await insertRecordMerge(tx, {
          kind: kind.kind,
          keptId,
          mergedId: other.id,
          keptVersion,
          mergedVersion,
          before,
          moved: moves,
          mergedBy: principal.userId,
        });
        await audit(tx, principal, 'merged', merge, { fromOther: plan.fromOther });
        await auditMovedRows(tx, principal, merge, rows, { from: other.id, to: kept.id });
        return (await toViews(tx, [merge]))[0]!;
      });
    },

    /** Puts both records back as they were; refused once either has changed since the merge. */
    async undo(id: string, principal: Principal): Promise<RecordMergeView<Field>> {
      return db.transaction(async (tx) => {
        const merge = await lockForSettling(tx, id, principal);
        const before = merge.before as RecordMergeBefore;
        const moved = merge.moved as RecordMergeMoves;
        await changeVersioned<R>(tx, spec, merge.keptId, merge.keptVersion, () => before.kept, {
          principal,
        }).catch(refuseIfChangedSinceMerge('id'));
        await changeVersioned<R>(
          tx,
          spec,
          merge.mergedId,
          merge.mergedVersion,
          () => ({ endedAt: null, mergedInto: null, ...before.other }),
          { principal, allowEnded: true },
        ).catch(refuseIfChangedSinceMerge('mergedId'));
        for (const reference of kind.references) {
          const rows = moved.rows[reference.name];
          if (rows) await reference.moveBack(tx, rows, merge.mergedId, merge.keptId);
        }
        await settleRecordMerge(tx, id, 'undone', principal.userId);
        await audit(tx, principal, 'merge_undone', merge);
        await auditMovedRows(tx, principal, merge, moved.rows, { from: merge.keptId, to: merge.mergedId });
        return (await toViews(tx, [{ ...merge, state: 'undone', settledAt: new Date() }]))[0]!;
      });
    },

    /** Makes the merge final: the undo's snapshot is dropped. */
    async confirm(id: string, principal: Principal): Promise<RecordMergeView<Field>> {
      return db.transaction(async (tx) => {
        const merge = await lockForSettling(tx, id, principal);
        await settleRecordMerge(tx, id, 'confirmed', principal.userId);
        await audit(tx, principal, 'merge_confirmed', merge);
        return (await toViews(tx, [{ ...merge, state: 'confirmed', settledAt: new Date() }]))[0]!;
      });
    },

    /** The merges a record took part in (its page shows a pending one with its two buttons). */
    async of(recordId: string, principal: Principal): Promise<{ items: RecordMergeView<Field>[] }> {
      const [row] = (await db.select().from(table).where(eq(table.id, recordId))) as unknown as R[];
      if (!row) throw new NotFoundError(kind.kind, recordId);
      authorize(principal, 'read', spec.owned.kind, owner(row), { entity: kind.kind, id: recordId });
      return { items: await toViews(db, await recordMergesOf(db, kind.kind, recordId)) };
    },
  };
}

/** The merges of assets and of firms, each shown through its own module's views. */
export function createAssetAndFirmMerges(
  db: Database,
  services: { assets: Pick<AssetsService, 'views'>; firms: Pick<FirmsService, 'views'> },
) {
  return {
    assets: createRecordMergesService(db, ASSET_MERGE, services.assets.views),
    firms: createRecordMergesService(db, FIRM_MERGE, services.firms.views),
  };
}
export type AssetAndFirmMerges = ReturnType<typeof createAssetAndFirmMerges>;
