import type { DbOrTx } from '../../db/client.js';
import { matchOutcomes } from '../../db/schema.js';
import { ConflictError, ValidationError } from '../../errors.js';
import { checkOutcome } from './outcome-flow.js';
import { candidateHistory } from './outcome-flow.repository.js';
import type { OutcomeInput } from './matching.schema.js';

/** A date without a time is taken as that day at noon UTC (today: now), so it sorts inside its day. */
export function outcomeDate(at: string | undefined, now: Date): Date {
  if (!at) return now;
  if (/^\d{4}-\d{2}-\d{2}$/.test(at))
    return at === now.toISOString().slice(0, 10) ? now : new Date(`${at}T12:00:00Z`);
  return new Date(at);
}

/**
 * Records an outcome if it may follow the candidate's history (outcome-flow.ts): 409 naming the state and
 * what may come next when the sequence is impossible, 400 on `at` when the date is; nothing is written then.
 */
export async function recordCheckedOutcome(
  db: { transaction: <T>(fn: (tx: DbOrTx) => Promise<T>) => Promise<T> },
  needId: string,
  input: OutcomeInput,
  actorUserId: string | null,
) {
  const now = new Date();
  const at = outcomeDate(input.at, now);
  return db.transaction(async (tx) => {
    const refusal = checkOutcome(await candidateHistory(tx, needId, input.profileId), input.outcome, at, now);
    if (refusal?.kind === 'sequence')
      throw new ConflictError('OUTCOME_SEQUENCE_INVALID', refusal.message, [
        { path: 'outcome', reason: refusal.message },
      ]);
    if (refusal) throw new ValidationError([{ path: 'at', reason: refusal.message }], refusal.message);
    const [row] = await tx
      .insert(matchOutcomes)
      .values({
        needId,
        profileId: input.profileId,
        outcome: input.outcome,
        note: input.note,
        at,
        actorUserId,
      })
      .returning();
    return row!;
  });
}

/**
 * A company's contact request of an approved candidate: "contacted" is recorded when it is the next step
 * (not again after a first request, nor after an interview), so a second click never rewinds the story.
 */
export async function recordContactIfNext(
  db: { transaction: <T>(fn: (tx: DbOrTx) => Promise<T>) => Promise<T> },
  needId: string,
  profileId: string,
  actorUserId: string | null,
) {
  const now = new Date();
  await db.transaction(async (tx) => {
    if (checkOutcome(await candidateHistory(tx, needId, profileId), 'contacted', now, now)) return;
    await tx.insert(matchOutcomes).values({
      needId,
      profileId,
      outcome: 'contacted',
      note: 'contact requested by the company',
      at: now,
      actorUserId,
    });
  });
}
