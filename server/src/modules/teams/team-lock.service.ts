import { and, eq } from 'drizzle-orm';
import { allows, authorize } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { Database } from '../../db/client.js';
import { auditLog, matchRuns, opportunities, teamLocks } from '../../db/schema.js';
import { ConflictError, NotFoundError, ValidationError, VersionConflictError } from '../../errors.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import {
  activeLock,
  liveCodes,
  lockVersions,
  nextVersion,
  rolesOf,
  teamContactDates,
  userNames,
  type MemberRef,
  type TeamLockRow,
} from './team-lock.repository.js';
import type {
  LockTeamInput,
  TeamContactRequestInput,
  TeamLockView,
  UnlockTeamInput,
} from './team-lock.schema.js';

type Detail = { path: string; reason: string };

/**
 * The team an opportunity's desk accepts (issue 13): locking stores who sits in which role as a new
 * version, unlocking ends it with a reason; both are audited. Only the opportunity's desk (or an admin)
 * may change it (`opportunity` write in the policy); every staff member who may read the opportunity
 * sees it. A contact request for a proposed person is recorded the same way, for the desk to follow up.
 */
export function createTeamLockService(db: Database) {
  async function opportunityOr404(id: string, principal: Principal) {
    const [row] = await db
      .select({ id: opportunities.id, deskId: opportunities.deskId })
      .from(opportunities)
      .where(eq(opportunities.id, id));
    if (!row) throw new NotFoundError('opportunity', id);
    authorize(principal, 'read', 'opportunity', { deskId: row.deskId }, { entity: 'opportunity', id });
    return row;
  }

  async function writableOpportunity(id: string, principal: Principal) {
    const row = await opportunityOr404(id, principal);
    authorize(principal, 'write', 'opportunity', { deskId: row.deskId }, { entity: 'opportunity', id });
    return row;
  }

  async function checkMembers(opportunityId: string, members: readonly MemberRef[]) {
    const roles = new Map((await rolesOf(db, opportunityId)).map((r) => [r.id, r]));
    const codes = await liveCodes(
      db,
      members.map((m) => m.profileId),
    );
    const errors: Detail[] = [];
    const seen = new Set<string>();
    const seats = new Map<string, number>();
    members.forEach((m, i) => {
      if (!roles.has(m.roleId))
        errors.push({ path: `members.${i}.roleId`, reason: 'not a role of this opportunity' });
      if (!codes.has(m.profileId))
        errors.push({
          path: `members.${i}.profileId`,
          reason: 'unknown person, or no longer in the programme',
        });
      if (seen.has(m.profileId))
        errors.push({ path: `members.${i}.profileId`, reason: 'a person sits in one role only' });
      seen.add(m.profileId);
      seats.set(m.roleId, (seats.get(m.roleId) ?? 0) + 1);
    });
    for (const [roleId, n] of seats) {
      const role = roles.get(roleId);
      if (role && n > role.count)
        errors.push({ path: 'members', reason: `role ${roleId} has ${role.count} seats, ${n} given` });
    }
    if (errors.length) throw new ValidationError(errors);
    return roles;
  }

  async function view(row: TeamLockRow): Promise<TeamLockView> {
    const members = row.members as MemberRef[];
    const roles = new Map((await rolesOf(db, row.opportunityId)).map((r) => [r.id, r]));
    const codes = await liveCodes(
      db,
      members.map((m) => m.profileId),
    );
    const names = await userNames(db, [row.lockedBy, row.unlockedBy]);
    return {
      version: row.version,
      lockedAt: row.lockedAt.toISOString(),
      lockedByName: row.lockedBy ? (names.get(row.lockedBy) ?? null) : null,
      note: row.note,
      members: members.map((m) => ({
        roleId: m.roleId,
        occupationUri: roles.get(m.roleId)?.occupationUri ?? '',
        profileId: m.profileId,
        code: codes.get(m.profileId) ?? null,
      })),
      unlockedAt: row.unlockedAt?.toISOString() ?? null,
      unlockedByName: row.unlockedBy ? (names.get(row.unlockedBy) ?? null) : null,
      unlockReason: row.unlockReason,
    };
  }

  async function state(opportunityId: string, principal: Principal) {
    const opp = await opportunityOr404(opportunityId, principal);
    const versions = await lockVersions(db, opportunityId);
    const history = await Promise.all(versions.map(view));
    const contacts = await teamContactDates(db, opportunityId);
    return {
      contactRequests: [...contacts].map(([profileId, at]) => ({ profileId, requestedAt: at.toISOString() })),
      current: history.find((v) => v.unlockedAt === null) ?? null,
      history,
      canChange: allows(principal, 'write', 'opportunity', { deskId: opp.deskId }),
    };
  }

  return {
    state,

    async lock(opportunityId: string, input: LockTeamInput, principal: Principal) {
      await writableOpportunity(opportunityId, principal);
      const roles = await checkMembers(opportunityId, input.members);
      if (input.runId) {
        const [run] = await db
          .select({ id: matchRuns.id })
          .from(matchRuns)
          .where(
            and(
              eq(matchRuns.id, input.runId),
              eq(matchRuns.subjectType, 'opportunity'),
              eq(matchRuns.subjectId, opportunityId),
            ),
          );
        if (!run)
          throw new ValidationError([{ path: 'runId', reason: 'not a team run of this opportunity' }]);
      }
      // Stored in the opportunity's role order, so versions compare line by line.
      const order = [...roles.keys()];
      const members = [...input.members].sort(
        (a, b) => order.indexOf(a.roleId) - order.indexOf(b.roleId) || (a.profileId < b.profileId ? -1 : 1),
      );
      try {
        await db.transaction(async (tx) => {
          const current = await activeLock(tx, opportunityId);
          if (current)
            throw new ConflictError(
              'TEAM_LOCKED',
              `the team is already locked (version ${current.version})`,
              [{ path: 'opportunityId', reason: `locked at version ${current.version}; unlock it first` }],
            );
          const version = await nextVersion(tx, opportunityId);
          await tx.insert(teamLocks).values({
            opportunityId,
            version,
            runId: input.runId ?? null,
            members,
            note: input.note,
            lockedBy: principal.userId,
          });
          await tx.insert(auditLog).values({
            actorUserId: principal.userId,
            actorRole: principal.role,
            action: 'team.locked',
            subjectType: 'opportunity',
            subjectId: opportunityId,
            details: { version, runId: input.runId ?? null, members: members.length },
          });
        });
      } catch (e) {
        // Two desk users locking at once: the partial unique index lets one through.
        if (isUniqueViolation(e))
          throw new ConflictError('TEAM_LOCKED', 'the team was locked by someone else just now');
        throw e;
      }
      return state(opportunityId, principal);
    },

    async unlock(opportunityId: string, input: UnlockTeamInput, principal: Principal) {
      await writableOpportunity(opportunityId, principal);
      await db.transaction(async (tx) => {
        const current = await activeLock(tx, opportunityId);
        if (!current)
          throw new ConflictError('TEAM_NOT_LOCKED', 'the team is not locked', [
            { path: 'version', reason: 'no locked version' },
          ]);
        if (current.version !== input.version)
          throw new VersionConflictError('team', input.version, current.version);
        await tx
          .update(teamLocks)
          .set({ unlockedAt: new Date(), unlockedBy: principal.userId, unlockReason: input.reason })
          .where(eq(teamLocks.id, current.id));
        await tx.insert(auditLog).values({
          actorUserId: principal.userId,
          actorRole: principal.role,
          action: 'team.unlocked',
          subjectType: 'opportunity',
          subjectId: opportunityId,
          details: { version: current.version, reason: input.reason },
        });
      });
      return state(opportunityId, principal);
    },

    /** Records that the desk asks to contact a proposed person about this opportunity's role. */
    async requestContact(opportunityId: string, input: TeamContactRequestInput, principal: Principal) {
      await writableOpportunity(opportunityId, principal);
      await checkMembers(opportunityId, [input]);
      await db.insert(auditLog).values({
        actorUserId: principal.userId,
        actorRole: principal.role,
        action: 'team.contact_requested',
        subjectType: 'profile',
        subjectId: input.profileId,
        details: { opportunityId, roleId: input.roleId },
      });
      const at = (await teamContactDates(db, opportunityId, [input.profileId])).get(input.profileId)!;
      return { profileId: input.profileId, requestedAt: at.toISOString() };
    },
  };
}

export type TeamLockService = ReturnType<typeof createTeamLockService>;
