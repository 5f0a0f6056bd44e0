import { aliasedTable, and, asc, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { consents, matchDecisions, matchOutcomes, profileMerges, profiles } from '../../db/schema.js';

export type MergeRow = typeof profileMerges.$inferSelect;

/** What `moved` holds: the consents that moved over, the fields taken from the other record, and counts. */
export interface MergeMoves {
  consentIds: string[];
  fromOther: string[];
  decisions: number;
  outcomes: number;
}

export async function lockMerge(tx: DbOrTx, id: string): Promise<MergeRow | undefined> {
  const [row] = await tx.select().from(profileMerges).where(eq(profileMerges.id, id)).for('update');
  return row;
}

/** A merge still waiting for confirmation that involves any of these records, either way round. */
export async function pendingMergeTouching(tx: DbOrTx, ids: string[]): Promise<MergeRow | undefined> {
  const [row] = await tx
    .select()
    .from(profileMerges)
    .where(
      and(
        eq(profileMerges.state, 'pending'),
        or(inArray(profileMerges.keptId, ids), inArray(profileMerges.mergedId, ids)),
      ),
    )
    .limit(1);
  return row;
}

/** Merges a record took part in, newest first, with both records' pseudonymous codes. */
export async function mergesOf(db: DbOrTx, profileId: string) {
  const kept = aliasedTable(profiles, 'kept');
  const merged = aliasedTable(profiles, 'merged');
  return db
    .select({ merge: profileMerges, keptCode: kept.code, mergedCode: merged.code })
    .from(profileMerges)
    .innerJoin(kept, eq(kept.id, profileMerges.keptId))
    .innerJoin(merged, eq(merged.id, profileMerges.mergedId))
    .where(or(eq(profileMerges.keptId, profileId), eq(profileMerges.mergedId, profileId)))
    .orderBy(desc(profileMerges.mergedAt))
    .limit(20);
}

/** Moves every consent of one record to the other; returns the ids moved (what an undo moves back). */
export async function moveConsents(tx: DbOrTx, from: string, to: string): Promise<string[]> {
  const moved = await tx
    .update(consents)
    .set({ profileId: to })
    .where(eq(consents.profileId, from))
    .returning({ id: consents.id });
  return moved.map((m) => m.id);
}

export async function moveConsentsBack(tx: DbOrTx, ids: string[], to: string): Promise<void> {
  if (ids.length > 0) await tx.update(consents).set({ profileId: to }).where(inArray(consents.id, ids));
}

/**
 * The decisions and outcomes about the merged record that a confirmation carries over: those about a
 * need, or a person-to-needs run, on which the kept record has none of its own (its own history wins).
 */
async function carriedRows(tx: DbOrTx, mergedId: string, keptId: string) {
  const decisions = await tx
    .select()
    .from(matchDecisions)
    .where(
      or(
        and(eq(matchDecisions.candidateType, 'profile'), eq(matchDecisions.candidateId, mergedId)),
        and(eq(matchDecisions.subjectType, 'profile'), eq(matchDecisions.subjectId, mergedId)),
      ),
    )
    .orderBy(asc(matchDecisions.seq));
  const keptDecisions = await tx
    .select({ subjectId: matchDecisions.subjectId, candidateId: matchDecisions.candidateId })
    .from(matchDecisions)
    .where(
      or(
        and(eq(matchDecisions.candidateType, 'profile'), eq(matchDecisions.candidateId, keptId)),
        and(eq(matchDecisions.subjectType, 'profile'), eq(matchDecisions.subjectId, keptId)),
      ),
    );
  // What a decision is about, apart from the person: the need (or asset) it pairs them with.
  const other = (d: { subjectId: string; candidateId: string }, person: string) =>
    d.candidateId === person ? d.subjectId : d.candidateId;
  const keptHas = new Set(keptDecisions.map((d) => other(d, keptId)));
  const outcomes = await tx
    .select()
    .from(matchOutcomes)
    .where(eq(matchOutcomes.profileId, mergedId))
    .orderBy(asc(matchOutcomes.at));
  const keptNeeds = new Set(
    (
      await tx
        .select({ needId: matchOutcomes.needId })
        .from(matchOutcomes)
        .where(eq(matchOutcomes.profileId, keptId))
    ).map((o) => o.needId),
  );
  return {
    decisions: decisions.filter((d) => !keptHas.has(other(d, mergedId))),
    outcomes: outcomes.filter((o) => !keptNeeds.has(o.needId)),
  };
}

export async function countCarried(tx: DbOrTx, mergedId: string, keptId: string) {
  const { decisions, outcomes } = await carriedRows(tx, mergedId, keptId);
  const [c] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(consents)
    .where(eq(consents.profileId, mergedId));
  return { consents: c?.n ?? 0, decisions: decisions.length, outcomes: outcomes.length };
}

/**
 * Carries decisions and outcomes over to the kept record as new rows (both logs are append-only: the
 * rows about the merged record stay as they were recorded), with their original time and author, in
 * their original order.
 */
export async function carryOver(tx: DbOrTx, mergedId: string, keptId: string) {
  const { decisions, outcomes } = await carriedRows(tx, mergedId, keptId);
  const swap = (id: string) => (id === mergedId ? keptId : id);
  if (decisions.length > 0)
    await tx.insert(matchDecisions).values(
      decisions.map(({ id: _id, seq: _seq, ...d }) => ({
        ...d,
        subjectId: d.subjectType === 'profile' ? swap(d.subjectId) : d.subjectId,
        candidateId: d.candidateType === 'profile' ? swap(d.candidateId) : d.candidateId,
      })),
    );
  if (outcomes.length > 0)
    await tx.insert(matchOutcomes).values(outcomes.map(({ id: _id, ...o }) => ({ ...o, profileId: keptId })));
  return { decisions: decisions.length, outcomes: outcomes.length };
}

export async function insertMerge(tx: DbOrTx, row: typeof profileMerges.$inferInsert): Promise<MergeRow> {
  const [inserted] = await tx.insert(profileMerges).values(row).returning();
  return inserted!;
}

export async function settleMerge(
  tx: DbOrTx,
  id: string,
  change: { state: 'confirmed' | 'undone'; settledBy: string | null; moved?: MergeMoves },
): Promise<void> {
  await tx
    .update(profileMerges)
    .set({ ...change, settledAt: new Date(), before: null })
    .where(and(eq(profileMerges.id, id), ne(profileMerges.state, change.state)));
}
