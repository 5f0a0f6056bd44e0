import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog, opportunityRoles, profiles, teamLocks, users } from '../../db/schema.js';

export interface MemberRef {
  roleId: string;
  profileId: string;
}

export type TeamLockRow = typeof teamLocks.$inferSelect;

/** Every version of an opportunity's team, newest first. */
export async function lockVersions(db: DbOrTx, opportunityId: string, limit = 20): Promise<TeamLockRow[]> {
  return db
    .select()
    .from(teamLocks)
    .where(eq(teamLocks.opportunityId, opportunityId))
    .orderBy(desc(teamLocks.version))
    .limit(limit);
}

export async function activeLock(db: DbOrTx, opportunityId: string): Promise<TeamLockRow | undefined> {
  const [row] = await db
    .select()
    .from(teamLocks)
    .where(and(eq(teamLocks.opportunityId, opportunityId), isNull(teamLocks.unlockedAt)));
  return row;
}

export async function nextVersion(db: DbOrTx, opportunityId: string): Promise<number> {
  const [row] = await db
    .select({ v: sql<number>`coalesce(max(${teamLocks.version}), 0)`.mapWith(Number) })
    .from(teamLocks)
    .where(eq(teamLocks.opportunityId, opportunityId));
  return (row?.v ?? 0) + 1;
}

export async function rolesOf(db: DbOrTx, opportunityId: string) {
  return db
    .select({
      id: opportunityRoles.id,
      occupationUri: opportunityRoles.occupationUri,
      count: opportunityRoles.count,
    })
    .from(opportunityRoles)
    .where(eq(opportunityRoles.opportunityId, opportunityId));
}

/** Pseudonymous codes of the people still in the programme (ended or erased people are left out). */
export async function liveCodes(db: DbOrTx, profileIds: readonly string[]): Promise<Map<string, string>> {
  if (!profileIds.length) return new Map();
  const rows = await db
    .select({ id: profiles.id, code: profiles.code })
    .from(profiles)
    .where(and(inArray(profiles.id, [...profileIds]), isNull(profiles.endedAt)));
  return new Map(rows.map((r) => [r.id, r.code]));
}

export async function userNames(db: DbOrTx, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** When the desk first asked to contact each person about this opportunity (from the audit log). */
export async function teamContactDates(
  db: DbOrTx,
  opportunityId: string,
  /** Only these people; every person asked about when absent. */
  profileIds?: readonly string[],
): Promise<Map<string, Date>> {
  if (profileIds && !profileIds.length) return new Map();
  const rows = await db
    .select({ profileId: auditLog.subjectId, at: sql<Date>`min(${auditLog.at})`.mapWith((v) => new Date(v)) })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'team.contact_requested'),
        eq(auditLog.subjectType, 'profile'),
        profileIds ? inArray(auditLog.subjectId, [...profileIds]) : undefined,
        sql`${auditLog.details} ->> 'opportunityId' = ${opportunityId}`,
      ),
    )
    .groupBy(auditLog.subjectId);
  return new Map(rows.filter((r) => r.profileId).map((r) => [r.profileId!, r.at]));
}
