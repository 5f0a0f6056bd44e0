import { ConflictError, VersionConflictError } from '../../errors.js';

/** Optimistic concurrency: a write must name the version it read. */
export function assertVersion(entity: string, sent: number, current: number): void {
  if (sent !== current) throw new VersionConflictError(entity, sent, current);
}

/** Keyset page: fetch limit + 1 rows ordered by id, and hand back the last id as the cursor. */
export function toPage<T extends { id: string }>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

/**
 * For an undo of a merge: a record changed after the merge would lose that change, so the desk is told
 * instead (a 409 naming the record, `path`). Other errors pass through.
 */
export const refuseIfChangedSinceMerge = (path: string) => (error: unknown) => {
  if (error instanceof Error && (error as { code?: string }).code === 'VERSION_CONFLICT')
    throw new ConflictError(
      'MERGE_CHANGED_SINCE',
      'A record was changed after the merge: undoing it would lose that change',
      [{ path, reason: 'changed since the merge' }],
    );
  throw error;
};
