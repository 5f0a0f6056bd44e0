import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { auditLog, usageCounters } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Principal } from './principal.js';

/**
 * Daily caps on what a company can pull out of the databank (candidate views, exports): a scraper hits
 * the cap, gets 429, and the attempt is logged as a security event (C6).
 */
export async function consumeDailyQuota(
  db: Database,
  principal: Principal,
  kind: string,
  limit: number,
  now = new Date(),
) {
  if (principal.role !== 'company') return;
  const key = principal.userId ?? principal.firmId ?? 'anonymous';
  const day = now.toISOString().slice(0, 10);
  const [row] = await db
    .insert(usageCounters)
    .values({ principal: key, kind, day, count: 1 })
    .onConflictDoUpdate({
      target: [usageCounters.principal, usageCounters.kind, usageCounters.day],
      set: { count: sql`${usageCounters.count} + 1` },
    })
    .returning({ count: usageCounters.count });
  if (row!.count > limit) {
    await db.insert(auditLog).values({
      actorUserId: principal.userId,
      actorRole: principal.role,
      action: 'quota.exceeded',
      subjectType: 'quota',
      subjectId: kind,
      details: { count: row!.count, limit },
    });
    throw new AppError('DAILY_QUOTA_EXCEEDED', `Daily limit of ${limit} reached for ${kind}`, 429, [], {
      'retry-after': String(secondsToMidnight(now)),
    });
  }
}

/** A principal hit a per-minute limit on a sensitive flow (exports): the same security event as the daily cap. */
export async function recordRateLimited(db: Database, principal: Principal, kind: string, limit: number) {
  await db.insert(auditLog).values({
    actorUserId: principal.userId,
    actorRole: principal.role,
    action: 'rate_limit.exceeded',
    subjectType: 'rate_limit',
    subjectId: kind,
    details: { limit, perMinute: true, apiKeyId: principal.apiKeyId ?? null },
  });
}

function secondsToMidnight(now: Date) {
  const midnight = new Date(now);
  midnight.setUTCHours(24, 0, 0, 0);
  return Math.ceil((midnight.getTime() - now.getTime()) / 1000);
}
