import { and, desc, eq, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { recordMerges } from '../../db/schema.js';
import type { Carried, Moved } from './merge-kinds.js';

export type RecordMergeRow = typeof recordMerges.$inferSelect;
type Kind = RecordMergeRow['kind'];

/** What `moved` holds: the fields taken from the other record and the rows that followed it, by name. */
export interface RecordMergeMoves {
  fromOther: string[];
  rows: Partial<Record<Carried, Moved>>;
}

/** What `before` holds: the columns an undo writes back, on the kept record and on the other one. */
export interface RecordMergeBefore {
  kept: Record<string, unknown>;
  other: Record<string, unknown>;
}

export async function insertRecordMerge(tx: DbOrTx, row: typeof recordMerges.$inferInsert) {
  const [merge] = await tx.insert(recordMerges).values(row).returning();
  return merge!;
}

export async function lockRecordMerge(tx: DbOrTx, kind: Kind, id: string) {
  const [row] = await tx
    .select()
    .from(recordMerges)
    .where(and(eq(recordMerges.id, id), eq(recordMerges.kind, kind)))
    .for('update');
  return row;
}

/** A merge still waiting for confirmation that involves either record, either way round. */
export async function pendingRecordMergeTouching(tx: DbOrTx, kind: Kind, ids: readonly string[]) {
  const [a, b] = ids;
  const [row] = await tx
    .select()
    .from(recordMerges)
    .where(
      and(
        eq(recordMerges.kind, kind),
        eq(recordMerges.state, 'pending'),
        or(
          eq(recordMerges.keptId, a!),
          eq(recordMerges.mergedId, a!),
          eq(recordMerges.keptId, b!),
          eq(recordMerges.mergedId, b!),
        ),
      ),
    )
    .limit(1);
  return row;
}

/** The merges a record took part in, newest first. */
export async function recordMergesOf(db: DbOrTx, kind: Kind, id: string) {
  return db
    .select()
    .from(recordMerges)
    .where(and(eq(recordMerges.kind, kind), or(eq(recordMerges.keptId, id), eq(recordMerges.mergedId, id))))
    .orderBy(desc(recordMerges.mergedAt))
    .limit(20);
}

export async function settleRecordMerge(
  tx: DbOrTx,
  id: string,
  state: 'confirmed' | 'undone',
  settledBy: string | null,
) {
  // A settled merge needs no undo any more: what it would have written back is dropped.
  await tx
    .update(recordMerges)
    .set({ state, settledBy, settledAt: new Date(), before: null })
    .where(eq(recordMerges.id, id));
}
