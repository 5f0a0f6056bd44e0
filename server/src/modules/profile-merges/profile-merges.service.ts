import { eq, inArray } from 'drizzle-orm';
import { authorize } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { auditLog, profiles } from '../../db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { toIso } from '../shared/schemas.js';
import { assertVersion, refuseIfChangedSinceMerge } from '../shared/lifecycle.js';
import { changeVersioned } from '../shared/versioned.js';
import {
  loadProfileAggregates,
  PROFILE_SPEC,
  replaceProfileChildren,
  type ProfileAggregate,
  type ProfileChildren,
  type ProfileRow,
  toProfileView,
} from '../profiles/index.js';
import { planMerge, type MergeField } from './merge-plan.js';
import {
  carryOver,
  countCarried,
  insertMerge,
  lockMerge,
  mergesOf,
  moveConsents,
  moveConsentsBack,
  pendingMergeTouching,
  settleMerge,
  type MergeMoves,
  type MergeRow,
} from './profile-merges.repository.js';
import type { MergeBody, MergePreview, MergePreviewBody, MergeView } from './profile-merges.schema.js';

/** The kept record as it was before the merge: what an undo writes back. */
interface KeptBefore {
  columns: Partial<ProfileRow>;
  children: ProfileChildren;
}

/**
 * Merging the second record of a person into the first (issue 16): a preview, then one transaction that
 * fills and joins the kept record, moves the consents over and ends the other record with a mark of where
 * it went; until a second operator step confirms it, an undo puts both back as they were. Confirming
 * carries decisions and outcomes over. Both records must belong to one desk that the principal may write
 * for (the one policy); every step is in the audit log.
 */
export function createProfileMergesService(db: Database) {
  async function loadPair(tx: DbOrTx, keptId: string, otherId: string, principal: Principal, lock: boolean) {
    if (keptId === otherId)
      throw new ValidationError([{ path: 'otherId', reason: 'a record cannot be merged with itself' }]);
    const query = tx
      .select()
      .from(profiles)
      .where(inArray(profiles.id, [keptId, otherId]));
    const rows = await (lock ? query.for('update') : query);
    const kept = rows.find((r) => r.id === keptId);
    const other = rows.find((r) => r.id === otherId);
    if (!kept) throw new NotFoundError('profile', keptId);
    authorize(principal, 'write', 'profile', { deskId: kept.deskId }, { entity: 'profile', id: keptId });
    if (!other) throw new ValidationError([{ path: 'otherId', reason: 'unknown profile' }]);
    authorize(principal, 'write', 'profile', { deskId: other.deskId }, { entity: 'profile', id: otherId });
    if (other.deskId !== kept.deskId)
      throw new ValidationError([
        { path: 'otherId', reason: 'belongs to another desk: only records of one desk are merged' },
      ]);
    for (const [path, row] of [
      ['id', kept],
      ['otherId', other],
    ] as const)
      if (row.endedAt) throw new ValidationError([{ path, reason: 'the profile has ended' }]);
    const [keptAggregate, otherAggregate] = await loadProfileAggregates(tx, [kept, other]);
    return { kept: keptAggregate!, other: otherAggregate! };
  }

  /** The kept aggregate as the merge leaves it (the municipality's names follow a taken place). */
  function mergedAggregate(kept: ProfileAggregate, other: ProfileAggregate, take: Set<MergeField>) {
    const plan = planMerge(kept, other, take);
    const aggregate: ProfileAggregate = {
      ...plan.children,
      profile: { ...kept.profile, ...plan.columns },
      municipality: plan.fromOther.includes('municipality') ? other.municipality : kept.municipality,
    };
    return { plan, aggregate };
  }

  async function audit(tx: DbOrTx, principal: Principal, action: string, merge: MergeRow, details = {}) {
    await tx.insert(auditLog).values(
      [merge.keptId, merge.mergedId].map((subjectId) => ({
        actorUserId: principal.userId,
        actorRole: principal.role,
        action,
        subjectType: 'profile',
        subjectId,
        details: { mergeId: merge.id, keptId: merge.keptId, mergedId: merge.mergedId, ...details },
      })),
    );
  }

  /** A pending or settled merge the principal may act on (404 if they may not even read its records). */
  async function lockForSettling(tx: DbOrTx, id: string, principal: Principal) {
    const merge = await lockMerge(tx, id);
    if (!merge) throw new NotFoundError('merge', id);
    authorize(principal, 'write', 'profile', { deskId: merge.deskId }, { entity: 'merge', id });
    if (merge.state !== 'pending')
      throw new ConflictError('MERGE_SETTLED', `This merge was already ${merge.state}`, [
        { path: 'id', reason: `the merge is ${merge.state}` },
      ]);
    return merge;
  }

  async function view(tx: DbOrTx, merge: MergeRow): Promise<MergeView> {
    const rows = await mergesOf(tx, merge.mergedId);
    const found = rows.find((r) => r.merge.id === merge.id);
    if (!found) throw new NotFoundError('merge', merge.id);
    return toMergeView(found);
  }

  return {
    async preview(keptId: string, body: MergePreviewBody, principal: Principal): Promise<MergePreview> {
      return db.transaction(async (tx) => {
        const { kept, other } = await loadPair(tx, keptId, body.otherId, principal, false);
        const { plan, aggregate } = mergedAggregate(kept, other, new Set(body.take));
        return {
          kept: toProfileView(kept, principal),
          other: toProfileView(other, principal),
          result: toProfileView(aggregate, principal),
          differences: plan.differences,
          fromOther: plan.fromOther,
          carried: await countCarried(tx, other.profile.id, kept.profile.id),
        };
      });
    },

    async merge(keptId: string, body: MergeBody, principal: Principal): Promise<MergeView> {
      return db.transaction(async (tx) => {
        const { kept, other } = await loadPair(tx, keptId, body.otherId, principal, true);
        assertVersion('profile', body.keptVersion, kept.profile.version);
        if (body.otherVersion !== other.profile.version)
          throw new ConflictError('VERSION_CONFLICT', 'The other record was changed by someone else', [
            { path: 'otherVersion', reason: `current version is ${other.profile.version}` },
          ]);
        const waiting = await pendingMergeTouching(tx, [kept.profile.id, other.profile.id]);
        if (waiting)
          throw new ConflictError('MERGE_PENDING', 'A merge of one of these records waits for confirmation', [
            {
              path: waiting.keptId === keptId || waiting.mergedId === keptId ? 'id' : 'otherId',
              reason: 'a merge is pending',
            },
          ]);
        const { plan } = mergedAggregate(kept, other, new Set(body.take));
        const before: KeptBefore = {
          columns: Object.fromEntries(
            Object.keys(plan.columns).map((c) => [c, kept.profile[c as keyof ProfileRow]]),
          ),
          children: { occupations: kept.occupations, skills: kept.skills, languages: kept.languages },
        };
        const keptVersion = (
          await changeVersioned<ProfileRow>(
            tx,
            PROFILE_SPEC,
            keptId,
            kept.profile.version,
            () => plan.columns,
            {
              principal,
            },
          )
        ).version;
        await replaceProfileChildren(tx, keptId, plan.children);
        const consentIds = await moveConsents(tx, other.profile.id, keptId);
        const mergedVersion = (
          await changeVersioned<ProfileRow>(
            tx,
            PROFILE_SPEC,
            other.profile.id,
            other.profile.version,
            () => ({ endedAt: new Date(), mergedInto: keptId }),
            { principal },
          )
        ).version;
        const moved: MergeMoves = { consentIds, fromOther: plan.fromOther, decisions: 0, outcomes: 0 };
        const merge = await insertMerge(tx, {
          deskId: kept.profile.deskId,
          keptId,
          mergedId: other.profile.id,
          keptVersion,
          mergedVersion,
          before,
          moved,
          mergedBy: principal.userId,
        });
        await audit(tx, principal, 'profile.merged', merge, { fromOther: plan.fromOther });
        return view(tx, merge);
      });
    },

    /** Puts both records back as they were; refused once either has changed since the merge. */
    async undo(id: string, principal: Principal): Promise<MergeView> {
      return db.transaction(async (tx) => {
        const merge = await lockForSettling(tx, id, principal);
        const before = merge.before as KeptBefore;
        const moved = merge.moved as MergeMoves;
        await changeVersioned<ProfileRow>(
          tx,
          PROFILE_SPEC,
          merge.keptId,
          merge.keptVersion,
          () => before.columns,
          {
            principal,
          },
        ).catch(refuseIfChangedSinceMerge('id'));
        await replaceProfileChildren(tx, merge.keptId, before.children);
        await moveConsentsBack(tx, moved.consentIds, merge.mergedId);
        await changeVersioned<ProfileRow>(
          tx,
          PROFILE_SPEC,
          merge.mergedId,
          merge.mergedVersion,
          () => ({ endedAt: null, mergedInto: null }),
          { principal, allowEnded: true },
        ).catch(refuseIfChangedSinceMerge('mergedId'));
        await settleMerge(tx, id, { state: 'undone', settledBy: principal.userId });
        await audit(tx, principal, 'profile.merge_undone', merge);
        return view(tx, { ...merge, state: 'undone' });
      });
    },

    /** Makes the merge final: decisions and outcomes carried over, the undo snapshot dropped. */
    async confirm(id: string, principal: Principal): Promise<MergeView> {
      return db.transaction(async (tx) => {
        const merge = await lockForSettling(tx, id, principal);
        const carried = await carryOver(tx, merge.mergedId, merge.keptId);
        const moved = { ...(merge.moved as MergeMoves), ...carried };
        await settleMerge(tx, id, { state: 'confirmed', settledBy: principal.userId, moved });
        await audit(tx, principal, 'profile.merge_confirmed', merge, carried);
        return view(tx, { ...merge, state: 'confirmed' });
      });
    },

    /** The merges a record took part in (its page shows a pending one with its two buttons). */
    async of(profileId: string, principal: Principal): Promise<{ items: MergeView[] }> {
      const [row] = await db
        .select({ deskId: profiles.deskId })
        .from(profiles)
        .where(eq(profiles.id, profileId));
      if (!row) throw new NotFoundError('profile', profileId);
      authorize(
        principal,
        'read_personal',
        'profile',
        { deskId: row.deskId },
        { entity: 'profile', id: profileId },
      );
      return { items: (await mergesOf(db, profileId)).map(toMergeView) };
    },
  };
}
export type ProfileMergesService = ReturnType<typeof createProfileMergesService>;

function toMergeView(r: { merge: MergeRow; keptCode: string; mergedCode: string }): MergeView {
  const moved = r.merge.moved as MergeMoves;
  return {
    id: r.merge.id,
    state: r.merge.state as MergeView['state'],
    kept: { id: r.merge.keptId, code: r.keptCode },
    merged: { id: r.merge.mergedId, code: r.mergedCode },
    fromOther: moved.fromOther as MergeView['fromOther'],
    carried: { consents: moved.consentIds.length, decisions: moved.decisions, outcomes: moved.outcomes },
    mergedAt: toIso(r.merge.mergedAt)!,
    settledAt: toIso(r.merge.settledAt),
  };
}
