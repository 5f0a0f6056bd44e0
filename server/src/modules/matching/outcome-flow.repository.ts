import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { matchDecisions, matchOutcomes, needs } from '../../db/schema.js';
import type { CandidateHistory } from './outcome-flow.js';

/**
 * The history the outcome rules judge, for one candidate of one need. Call it inside the transaction that
 * records the outcome: it locks the need's row first, so two outcomes for the need are judged one after
 * the other, never both against the same past.
 */
export async function candidateHistory(
  tx: DbOrTx,
  needId: string,
  profileId: string,
): Promise<CandidateHistory> {
  await tx.execute(sql`select 1 from ${needs} where ${needs.id} = ${needId} for update`);
  const [decision] = await tx
    .select({ action: matchDecisions.action, at: matchDecisions.at })
    .from(matchDecisions)
    .where(
      and(
        eq(matchDecisions.subjectType, 'need'),
        eq(matchDecisions.subjectId, needId),
        eq(matchDecisions.candidateId, profileId),
      ),
    )
    .orderBy(sql`${matchDecisions.seq} desc`)
    .limit(1);
  const outcomes = await tx
    .select({ outcome: matchOutcomes.outcome, at: matchOutcomes.at })
    .from(matchOutcomes)
    .where(and(eq(matchOutcomes.needId, needId), eq(matchOutcomes.profileId, profileId)))
    .orderBy(asc(matchOutcomes.at), asc(matchOutcomes.id));
  return { decision, outcomes };
}

/**
 * Every candidate of a need that has a decision, with the history the outcome rules judge: the decision in
 * force and the outcomes, oldest first. Two queries whatever the number of candidates.
 */
export async function needCandidateHistories(
  db: DbOrTx,
  needId: string,
): Promise<Map<string, CandidateHistory>> {
  const decisions = await db
    .selectDistinctOn([matchDecisions.candidateId], {
      candidateId: matchDecisions.candidateId,
      action: matchDecisions.action,
      at: matchDecisions.at,
    })
    .from(matchDecisions)
    .where(
      and(
        eq(matchDecisions.subjectType, 'need'),
        eq(matchDecisions.subjectId, needId),
        eq(matchDecisions.candidateType, 'profile'),
      ),
    )
    .orderBy(matchDecisions.candidateId, sql`${matchDecisions.seq} desc`);
  const outcomes = await db
    .select({ profileId: matchOutcomes.profileId, outcome: matchOutcomes.outcome, at: matchOutcomes.at })
    .from(matchOutcomes)
    .where(eq(matchOutcomes.needId, needId))
    .orderBy(asc(matchOutcomes.at), asc(matchOutcomes.id));
  const byProfile = new Map<string, { outcome: string; at: Date }[]>();
  for (const o of outcomes) {
    const list = byProfile.get(o.profileId) ?? [];
    list.push({ outcome: o.outcome, at: o.at });
    byProfile.set(o.profileId, list);
  }
  return new Map(
    decisions.map((d) => [
      d.candidateId,
      { decision: { action: d.action, at: d.at }, outcomes: byProfile.get(d.candidateId) ?? [] },
    ]),
  );
}
