import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { auditLog } from '../../db/schema.js';

/** The audit actions a contact request leaves (shared at once, or waiting for the person's consent). */
export const CONTACT_REQUEST_ACTIONS = ['contact.shared', 'contact.requested'] as const;

/**
 * When contact with each person was first asked for about one need, from the audit log the request writes:
 * the firm's page says "contact requested on …" instead of offering to ask again.
 */
export async function contactRequestDates(
  db: Database,
  needId: string,
  profileIds: readonly string[],
): Promise<Map<string, Date>> {
  if (!profileIds.length) return new Map();
  const rows = await db
    .select({ profileId: auditLog.subjectId, at: sql<Date>`min(${auditLog.at})`.mapWith((v) => new Date(v)) })
    .from(auditLog)
    .where(
      and(
        inArray(auditLog.action, [...CONTACT_REQUEST_ACTIONS]),
        eq(auditLog.subjectType, 'profile'),
        inArray(auditLog.subjectId, [...profileIds]),
        sql`${auditLog.details} ->> 'needId' = ${needId}`,
      ),
    )
    .groupBy(auditLog.subjectId);
  return new Map(rows.filter((r) => r.profileId).map((r) => [r.profileId!, r.at]));
}
