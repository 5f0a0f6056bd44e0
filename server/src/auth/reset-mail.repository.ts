import { and, eq, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { queryRows } from '../db/raw.js';
import { passwordResetMails } from '../db/schema.js';

export type QueuedResetMail = typeof passwordResetMails.$inferSelect;

const t = passwordResetMails;
const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * One row for the address, unless `max` rows are already waiting (a flood must not grow the table
 * without bound). The same single statement runs for every address. True when the row was added.
 */
export async function enqueueResetMail(db: DbOrTx, email: string, at: Date, max: number): Promise<boolean> {
  const added = await queryRows<{ id: string }>(
    db,
    sql`insert into ${t} (email, next_attempt_at, created_at)
      select ${email}, ${iso(at)}, ${iso(at)}
      where (select count(*) from ${t}) < ${max}
      returning id`,
  );
  return added.length > 0;
}

/**
 * Claims up to `limit` due rows for this sender. Locked rows (another sender is claiming them) are
 * skipped, not waited for; a claimed row is pushed back by the backoff of its attempt, which is also
 * its lease: if this process dies while sending, the row is due again once the lease runs out.
 */
export async function claimDueResetMails(
  db: DbOrTx,
  at: Date,
  limit: number,
  backoff: { baseSeconds: number; maxSeconds: number },
): Promise<QueuedResetMail[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: t.id })
      .from(t)
      .where(lte(t.nextAttemptAt, at))
      .orderBy(t.nextAttemptAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(t)
      .set({
        attempts: sql`${t.attempts} + 1`,
        // base, 2 × base, 4 × base… up to max, counted from this attempt.
        nextAttemptAt: sql`${iso(at)} + interval '1 second' * least(${backoff.baseSeconds} * power(2, ${t.attempts}), ${backoff.maxSeconds})`,
      })
      .where(
        inArray(
          t.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
}

/** Sent (or nothing to send): the row goes, and the address with it. */
export async function deleteResetMail(db: DbOrTx, id: string): Promise<void> {
  await db.delete(t).where(eq(t.id, id));
}

/**
 * Gives up on rows older than `createdBefore`, or whose last attempt failed and used up `maxAttempts`
 * (rows being sent right now are not due yet, so they are left alone). Returns how many went.
 */
export async function deleteAbandonedResetMails(
  db: DbOrTx,
  at: Date,
  createdBefore: Date,
  maxAttempts: number,
): Promise<number> {
  const gone = await db
    .delete(t)
    .where(or(lt(t.createdAt, createdBefore), and(gte(t.attempts, maxAttempts), lte(t.nextAttemptAt, at))))
    .returning({ id: t.id });
  return gone.length;
}
