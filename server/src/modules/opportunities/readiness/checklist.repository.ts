import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { opportunityChecklistItems } from '../../../db/schema.js';
import { NotFoundError, VersionConflictError } from '../../../errors.js';
import type { RouteStep } from './route-template.js';

export type ChecklistRow = typeof opportunityChecklistItems.$inferSelect;

/**
 * The opportunity's steps for this route, the missing ones made from the template first. A step the
 * desk already has keeps its state; a step of an earlier route (the kind changed) stays stored and
 * comes back if the kind does.
 */
export async function checklistFor(tx: DbOrTx, opportunityId: string, route: RouteStep[]) {
  const codes = route.map((s) => s.code);
  const read = () =>
    tx
      .select()
      .from(opportunityChecklistItems)
      .where(
        and(
          eq(opportunityChecklistItems.opportunityId, opportunityId),
          inArray(opportunityChecklistItems.stepCode, codes),
        ),
      );
  let rows = await read();
  if (rows.length < codes.length) {
    const have = new Set(rows.map((r) => r.stepCode));
    await tx
      .insert(opportunityChecklistItems)
      .values(
        route.flatMap((s, position) =>
          have.has(s.code) ? [] : [{ opportunityId, stepCode: s.code, position }],
        ),
      )
      // Two first readers at once: the second's rows are already there.
      .onConflictDoNothing();
    rows = await read();
  }
  const order = new Map(codes.map((c, i) => [c, i]));
  return rows.sort((a, b) => order.get(a.stepCode)! - order.get(b.stepCode)!);
}

export async function checklistItem(tx: DbOrTx, opportunityId: string, itemId: string) {
  const [row] = await tx
    .select()
    .from(opportunityChecklistItems)
    .where(
      and(
        eq(opportunityChecklistItems.id, itemId),
        eq(opportunityChecklistItems.opportunityId, opportunityId),
      ),
    );
  if (!row) throw new NotFoundError('checklist item', itemId);
  return row;
}

/** The versioned write of one step: 409 when someone changed it since the caller read it. */
export async function writeChecklistItem(
  tx: DbOrTx,
  current: ChecklistRow,
  expectedVersion: number,
  values: Partial<Pick<ChecklistRow, 'done' | 'doneAt' | 'dueDate' | 'note'>>,
): Promise<ChecklistRow> {
  if (expectedVersion !== current.version)
    throw new VersionConflictError('checklist item', expectedVersion, current.version);
  const [row] = await tx
    .update(opportunityChecklistItems)
    .set({ ...values, updatedAt: new Date(), version: expectedVersion + 1 })
    .where(
      and(
        eq(opportunityChecklistItems.id, current.id),
        eq(opportunityChecklistItems.version, expectedVersion),
      ),
    )
    .returning();
  if (!row) {
    const fresh = await checklistItem(tx, current.opportunityId, current.id);
    throw new VersionConflictError('checklist item', expectedVersion, fresh.version);
  }
  return row;
}
