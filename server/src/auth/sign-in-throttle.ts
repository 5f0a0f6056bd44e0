import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { signInThrottle } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { AuthPolicy } from './auth-policy.js';

const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * A row whose lock has run out, or whose counting window has, without a lock: the next attempt starts
 * it again at 1, so until then it says nothing that an absent row would not.
 */
function windowOverAt(at: Date, policy: Pick<AuthPolicy, 'lockMinutes'>) {
  const t = signInThrottle;
  return sql`((${t.lockedUntil} is not null and ${t.lockedUntil} <= ${iso(at)})
      or (${t.lockedUntil} is null and ${t.windowStart} <= ${iso(new Date(at.getTime() - policy.lockMinutes * 60_000))}))`;
}

/**
 * The sign-in lockout (README, "Abuse limits"). Each attempt is counted before the password is checked,
 * with one atomic upsert, so N concurrent guesses are N counts (a read-then-write lost most of them).
 * - per address and client IP: past `maxFailedSignIns` attempts that IP is locked out of that address for
 *   `lockMinutes` (even with the right password); other IPs, the real user's included, are not;
 * - per address from all IPs: past `accountCeiling` attempts within `lockMinutes`, one attempt is
 *   evaluated every `slowSeconds`, the others get the same 429: slowed, never locked.
 * A success clears the address-and-IP row; a password reset clears all rows of the address.
 */
export function createSignInThrottle(db: Database, policy: AuthPolicy, now: () => Date) {
  const t = signInThrottle;
  const locked = (until: Date, at: Date) =>
    new AppError('ACCOUNT_LOCKED', 'Too many failed attempts; try again later', 429, [], {
      'retry-after': String(Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 1000))),
    });

  /** Counts one attempt; a row whose window or lock has run out starts again at 1. */
  async function count(key: string, account: string, at: Date) {
    const windowOver = windowOverAt(at, policy);
    const [row] = await db
      .insert(t)
      .values({ key, account, attempts: 1, windowStart: at })
      .onConflictDoUpdate({
        target: t.key,
        set: {
          attempts: sql`case when ${windowOver} then 1 else ${t.attempts} + 1 end`,
          windowStart: sql`case when ${windowOver} then ${iso(at)} else ${t.windowStart} end`,
          lockedUntil: sql`case when ${windowOver} then null else ${t.lockedUntil} end`,
          nextAttemptAt: sql`case when ${windowOver} then null else ${t.nextAttemptAt} end`,
        },
      })
      .returning();
    return row!;
  }

  return {
    async pairAttempt(account: string, key: string) {
      const at = now();
      const row = await count(key, account, at);
      if (row.lockedUntil && row.lockedUntil > at) throw locked(row.lockedUntil, at);
      if (row.attempts <= policy.maxFailedSignIns) return;
      const [lock] = await db
        .update(t)
        .set({
          lockedUntil: sql`case when ${t.lockedUntil} > ${iso(at)} then ${t.lockedUntil}
            else ${iso(new Date(at.getTime() + policy.lockMinutes * 60_000))} end`,
        })
        .where(eq(t.key, key))
        .returning();
      throw locked(lock?.lockedUntil ?? at, at);
    },

    async accountAttempt(account: string) {
      const at = now();
      const row = await count(account, account, at);
      if (row.attempts <= policy.accountCeiling) return;
      // Past the ceiling: whoever claims the next slot is evaluated; everyone else waits for it.
      const [slot] = await db
        .update(t)
        .set({ nextAttemptAt: new Date(at.getTime() + policy.slowSeconds * 1000) })
        .where(and(eq(t.key, account), or(isNull(t.nextAttemptAt), lte(t.nextAttemptAt, at))))
        .returning();
      if (slot) return;
      const [current] = await db.select().from(t).where(eq(t.key, account));
      throw locked(current?.nextAttemptAt ?? at, at);
    },

    async succeeded(account: string, key: string) {
      await db.delete(t).where(eq(t.key, key));
      // The owner's own attempt should not count towards the address-wide ceiling.
      await db
        .update(t)
        .set({ attempts: sql`greatest(${t.attempts} - 1, 0)` })
        .where(eq(t.key, account));
    },
  };
}

/**
 * Retention: deletes the rows that no longer count (their window or lock is over, and no slow-down slot
 * is pending). Without it the table kept one row per address and IP ever tried, for ever. Deleting
 * such a row changes nothing: the next attempt would have started it again at 1.
 */
export async function deleteExpiredThrottleRows(
  db: Database,
  at: Date,
  policy: Pick<AuthPolicy, 'lockMinutes'>,
): Promise<number> {
  const t = signInThrottle;
  const gone = await db
    .delete(t)
    .where(and(windowOverAt(at, policy), or(isNull(t.nextAttemptAt), lte(t.nextAttemptAt, at))))
    .returning({ key: t.key });
  return gone.length;
}
